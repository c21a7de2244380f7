import Foundation
import LeadqTestSupport
import Testing

/// Times typed on the command line: checked where they enter (a time the store can't write back is
/// refused with exit 2 and nothing saved), and read in the time zone of the date they name.
@Suite struct TimeInputCLITests {
    /// A demo store of `kind` made at `now`, and one of ana's accepted leads in it.
    func store(_ kind: StoreKind, now: String) throws -> (path: String, lead: String, place: StorePlace) {
        let place = try kind.place()
        let path = place.location
        let made = try LeadqProcess.run(
            ["demo", "--leads", "60", "--seed", "5", "--store", path], env: ["LEADQ_NOW": now])
        #expect(made.status == 0, "\(made.stderr)")
        let q = try LeadqProcess.run(["queue", "--json", "--store", path, "--rep", "ana"], env: ["LEADQ_NOW": now])
        let rows = try JSONSerialization.jsonObject(with: Data(q.stdout.utf8)) as! [[String: Any]]
        return (path, rows.first { $0["stage"] as? String == "accepted" }!["id"] as! String, place)
    }

    func schedule(_ s: (path: String, lead: String, place: StorePlace), _ due: String, now: String, tz: String = "UTC")
        throws
        -> LeadqProcess.Result
    {
        // --replace: the demo's lead may have ana's own follow-up, which issue 14 never replaces silently.
        try LeadqProcess.run(
            [
                "followup", "schedule", s.lead, "--due", due, "--what", "t", "--store", s.path, "--rep", "ana",
                "--replace", "--json",
            ],
            env: ["LEADQ_NOW": now, "TZ": tz])
    }

    /// The saved due time from the JSON confirmation (`{"event":{… "due":"2026-11-02T14:00:00Z" …`).
    func saved(_ r: LeadqProcess.Result) -> String? {
        guard r.status == 0, let at = r.stdout.range(of: "\"due\":\"") else { return nil }
        return String(r.stdout[at.upperBound...].prefix(20))
    }

    @Test(
        arguments: StoreKinds.all,
        [
            ("+3000000d", "UTC"), ("+999999999h", "UTC"), ("+99999999999m", "UTC"), ("+99999999999999999999d", "UTC"),
            ("9999-12-31 23:59", "America/Los_Angeles"), ("+3651d", "UTC"), ("2040-01-01", "UTC"),
        ])
    func aTimeTheStoreCantKeepIsRefusedAtTheDoor(_ kind: StoreKind, _ input: (String, String)) throws {
        let (due, tz) = input
        let now = "2026-11-23T10:00:00Z"
        let s = try store(kind, now: now)
        let r = try schedule(s, due, now: now, tz: tz)
        #expect(r.status == 2, "\(due): \(r.stdout) \(r.stderr)")
        #expect(r.stderr.contains("--due '\(due)'"), "\(r.stderr)")
        #expect(r.stderr.contains("too far ahead"), "\(r.stderr)")
        // Nothing saved, and every command still opens the store.
        let verify = try LeadqProcess.run(["verify", "--store", s.path], env: ["LEADQ_NOW": now])
        #expect(verify.status == 0, "\(verify.stderr)")
        let show = try LeadqProcess.run(["show", s.lead, "--store", s.path], env: ["LEADQ_NOW": now])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(!show.stdout.contains("due: t"))
    }

    @Test(arguments: StoreKinds.all) func aDueInThePastIsAValueAndRefused(_ kind: StoreKind) throws {
        let now = "2026-11-23T10:00:00Z"
        let s = try store(kind, now: now)
        let r = try schedule(s, "-1d", now: now)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr == "leadq: --due '-1d' is in the past (2026-11-22 10:00)\n", "\(r.stderr)")
    }

    @Test(arguments: StoreKinds.all, ["1969-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59-14:00"])
    func aClockTheStoreCantRecordIsRefused(_ kind: StoreKind, _ now: String) throws {
        let s = try store(kind, now: "2026-11-23T10:00:00Z")
        for args in [["queue", "--rep", "ana"], ["accept", s.lead, "--rep", "ana"], ["demo", "--leads", "5"]] {
            let r = try LeadqProcess.run(args + ["--store", s.path], env: ["LEADQ_NOW": now])
            #expect(r.status == 2, "\(args): \(r.stderr)")
            #expect(
                r.stderr
                    == "leadq: LEADQ_NOW='\(now)' is outside the times leadq can record (1970-01-01 to 9999-12-31 UTC)\n"
            )
        }
        let verify = try LeadqProcess.run(["verify", "--store", s.path])
        #expect(verify.status == 0, "\(verify.stderr)")
    }

    @Test(arguments: StoreKinds.all, ["--from", "--to"])
    func aReportWindowOutsideTheRecordableYearsIsRefused(_ kind: StoreKind, _ flag: String) throws {
        let now = "2026-11-23T10:00:00Z"
        let s = try store(kind, now: now)
        let r = try LeadqProcess.run(["report", "--store", s.path, flag, "1969-01-01"], env: ["LEADQ_NOW": now])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("\(flag) '1969-01-01'"), "\(r.stderr)")
    }

    /// Local times are converted with the offset of the date they name, not today's.
    @Test(
        arguments: StoreKinds.all,
        [
            // New York: EDT (UTC-4) until 2026-11-01 02:00, then EST (UTC-5); EST until 2026-03-08 02:00.
            ("America/New_York", "2026-10-31T15:00:00Z", "2026-11-02 09:00", "2026-11-02T14:00:00Z"),
            ("America/New_York", "2026-03-07T15:00:00Z", "tomorrow 09:00", "2026-03-08T13:00:00Z"),
            // A day without a time lands in working hours (issue 14): Sunday's 09:00 is Monday's, in EDT.
            ("America/New_York", "2026-03-07T15:00:00Z", "tomorrow", "2026-03-09T13:00:00Z"),
            // Calendar days keep the wall-clock time: 11:00 EDT + 3 days is 11:00 EST.
            ("America/New_York", "2026-10-31T15:00:00Z", "+3d", "2026-11-03T16:00:00Z"),
            // Hours are elapsed time.
            ("America/New_York", "2026-10-31T15:00:00Z", "+48h", "2026-11-02T15:00:00Z"),
            // The gap moves forward, the overlap takes the first 01:30 (still EDT).
            ("America/New_York", "2026-03-07T15:00:00Z", "2026-03-08 02:30", "2026-03-08T07:30:00Z"),
            ("America/New_York", "2026-10-31T15:00:00Z", "2026-11-01 01:30", "2026-11-01T05:30:00Z"),
            // Berlin: CEST (UTC+2) until 2026-10-25 03:00, then CET (UTC+1); summer from 2026-03-29.
            ("Europe/Berlin", "2026-10-24T10:00:00Z", "tomorrow 09:00", "2026-10-25T08:00:00Z"),
            ("Europe/Berlin", "2026-03-28T10:00:00Z", "2026-03-30 09:00", "2026-03-30T07:00:00Z"),
            // Sydney: AEDT (UTC+11) until 2026-04-05 03:00, then AEST (UTC+10); AEDT again from 2026-10-04.
            ("Australia/Sydney", "2026-04-04T00:00:00Z", "tomorrow 09:00", "2026-04-04T23:00:00Z"),
            ("Australia/Sydney", "2026-10-03T00:00:00Z", "2026-10-05 09:00", "2026-10-04T22:00:00Z"),
            // An offset in the text wins over the zone.
            ("Australia/Sydney", "2026-10-03T00:00:00Z", "2026-10-05T09:00:00Z", "2026-10-05T09:00:00Z"),
        ])
    func localTimesUseTheOffsetOfTheirOwnDate(_ kind: StoreKind, _ time: (String, String, String, String)) throws {
        let (tz, now, due, expected) = time
        let s = try store(kind, now: now)
        let r = try schedule(s, due, now: now, tz: tz)
        #expect(saved(r) == expected, "\(tz) \(due): \(r.stdout) \(r.stderr)")
    }
}
