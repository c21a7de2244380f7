import LeadqDomain
import LeadqTestSupport
import Testing

/// Typed follow-up times across daylight-saving changes, read with fixed offset tables.
@Suite struct DueDateAcrossDSTTests {
    @Test(arguments: [
        // New York, now Saturday 2026-10-31 11:00 EDT; clocks fall back on Sunday at 02:00.
        ("America/New_York", "2026-10-31T15:00:00Z", "2026-11-02 09:00", "2026-11-02T14:00:00Z"),
        ("America/New_York", "2026-10-31T15:00:00Z", "2026-11-02", "2026-11-02T14:00:00Z"),
        ("America/New_York", "2026-10-31T15:00:00Z", "tomorrow 09:00", "2026-11-01T14:00:00Z"),
        // Days and weeks keep the wall-clock time (11:00 stays 11:00); hours and minutes are elapsed.
        ("America/New_York", "2026-10-31T15:00:00Z", "+3d", "2026-11-03T16:00:00Z"),
        ("America/New_York", "2026-10-31T15:00:00Z", "+1w", "2026-11-07T16:00:00Z"),
        ("America/New_York", "2026-10-31T15:00:00Z", "+72h", "2026-11-03T15:00:00Z"),
        ("America/New_York", "2026-10-31T15:00:00Z", "+90m", "2026-10-31T16:30:00Z"),
        // New York, now Saturday 2026-03-07 10:00 EST; clocks spring forward on Sunday at 02:00.
        ("America/New_York", "2026-03-07T15:00:00Z", "tomorrow 09:00", "2026-03-08T13:00:00Z"),
        ("America/New_York", "2026-03-07T15:00:00Z", "tomorrow", "2026-03-08T13:00:00Z"),
        ("America/New_York", "2026-03-07T15:00:00Z", "09:00", "2026-03-08T13:00:00Z"),
        ("America/New_York", "2026-03-07T15:00:00Z", "tomorrow 02:30", "2026-03-08T07:30:00Z"),
        ("America/New_York", "2026-03-07T15:00:00Z", "+1d", "2026-03-08T14:00:00Z"),
        // Berlin: summer time ends 2026-10-25, starts 2026-03-29.
        ("Europe/Berlin", "2026-10-24T10:00:00Z", "tomorrow 09:00", "2026-10-25T08:00:00Z"),
        ("Europe/Berlin", "2026-10-24T10:00:00Z", "tomorrow 02:30", "2026-10-25T00:30:00Z"),
        ("Europe/Berlin", "2026-03-28T10:00:00Z", "2026-03-30 09:00", "2026-03-30T07:00:00Z"),
        ("Europe/Berlin", "2026-03-28T10:00:00Z", "+3d", "2026-03-31T09:00:00Z"),
        // Sydney (southern hemisphere): summer time ends 2026-04-05 and starts 2026-10-04.
        ("Australia/Sydney", "2026-04-04T00:00:00Z", "tomorrow 09:00", "2026-04-04T23:00:00Z"),
        ("Australia/Sydney", "2026-04-04T00:00:00Z", "+3d", "2026-04-07T01:00:00Z"),
        ("Australia/Sydney", "2026-10-03T00:00:00Z", "2026-10-05 09:00", "2026-10-04T22:00:00Z"),
        ("Australia/Sydney", "2026-10-03T00:00:00Z", "tomorrow 02:30", "2026-10-03T16:30:00Z"),
    ])
    func readsLocalTimesWithTheirOwnDatesOffset(_ name: String, _ now: String, _ text: String, _ expected: String) {
        let zone = ZoneTables.all.first { $0.name == name }!.zone
        #expect(DueDate.parse(text, now: Instant(iso8601: now)!, zone: zone)?.iso8601 == expected, "\(name) \(text)")
    }
}

/// The rule for a due time: not in the past, within the horizon, inside the years the store records.
@Suite struct DueDateRuleTests {
    let now = Instant(iso8601: "2026-11-23T10:00:00Z")!
    let settings = Fixture.settings

    func problem(_ text: String, now: Instant? = nil, settings: Settings? = nil, zone: Zone = .utc) -> DueDate.Problem?
    {
        if case .failure(let p) = DueDate.read(
            text, now: now ?? self.now, zone: zone, settings: settings ?? self.settings)
        {
            return p
        }
        return nil
    }

    @Test(arguments: [
        "+3000000d", "+999999999h", "+99999999999m", "+9223372036854775807m", "+99999999999999999999d",
        "+9223372036854775807w", "+3651d", "+522w", "2040-01-01", "9999-12-31 23:59", "9999-12-31T23:59:59Z",
    ])
    func tooFarAheadIsRefusedWithoutOverflowing(_ text: String) {
        let limit = Instant(iso8601: "2036-11-20T10:00:00Z")!
        #expect(problem(text) == .tooFar(limit: limit), "\(text)")
        #expect(problem(text, zone: ZoneTables.newYork) == .tooFar(limit: limit), "\(text)")
    }

    @Test(arguments: [
        "-1d", "-2m", "-99999999999999999999d", "-9223372036854775807h", "2026-11-22", "1969-12-31 23:59", "0000-01-01",
    ])
    func inThePastIsRefused(_ text: String) {
        guard case .past? = problem(text) else {
            Issue.record("\(text): \(String(describing: problem(text)))")
            return
        }
    }

    @Test func theEdgesOfTheWindow() {
        #expect(problem("+3650d") == nil)
        #expect(problem("+30s") == .unreadable)
        #expect(DueDate.read("+1m", now: now, zone: .utc, settings: settings) == .success(now + Span.minute))
        // A minute's grace for the time it takes to type "16:00" at 16:00.
        #expect(DueDate.check(now - 30, now: now, settings: settings) == nil)
        #expect(DueDate.check(now - 61, now: now, settings: settings) == .past(now - 61))
        // The grace never reaches before 1970.
        let epoch = Instant.recordable.lowerBound
        #expect(DueDate.check(epoch - 30, now: epoch, settings: settings) == .past(epoch - 30))
        #expect(DueDate.check(epoch, now: epoch, settings: settings) == nil)
    }

    @Test func theHorizonIsASetting() {
        var short = settings
        short.followUpHorizonDays = 30
        #expect(problem("+30d", settings: short) == nil)
        #expect(problem("+31d", settings: short) == .tooFar(limit: now + 30 * Span.day))
        #expect(
            problem("+31d", settings: short)?.text(now: now, zone: .utc, settings: short)
                == "is too far ahead: a follow-up can be due at most 30 days ahead (until 2026-12-23 10:00)")
    }

    /// Near the end of the calendar the store keeps, the horizon stops at 9999-12-31T23:59:59Z.
    @Test func theStoresCalendarBoundsTheHorizon() {
        let late = Instant(iso8601: "9999-12-30T00:00:00Z")!
        #expect(problem("+1d", now: late) == nil)
        #expect(problem("+2d", now: late) == .tooFar(limit: Instant.recordable.upperBound))
        #expect(problem("+1d", now: Instant.recordable.upperBound + 1) == .unreadable)
    }

    @Test func messagesNameTheTime() {
        #expect(problem("-1d")?.text(now: now, zone: .utc, settings: settings) == "is in the past (2026-11-22 10:00)")
        #expect(problem("-99999999999999999999d")?.text(now: now, zone: .utc, settings: settings) == "is in the past")
        #expect(
            problem("soon")?.text(now: now, zone: .utc, settings: settings)
                == "is not a time leadq understands (try tmrw 14:00, fri, next tue, in 2 days, +3d, 2026-11-30 14:00)")
    }
}

/// The last line of defence: the rules refuse to record a time the store can't write back, whoever asks.
@Suite struct UnrecordableTimeTransitionTests {
    let accepted = LeadScript().assign("ana").after(60).accept(by: "ana")

    func refusal(_ s: LeadScript, _ cmd: Command) -> String? {
        if case .failure(let r) = s.decide(cmd, by: "ana") { return r.message }
        return nil
    }

    @Test func aFollowUpBeyondTheHorizonOrTheCalendarIsRefused() {
        let far = Instant(iso8601: "9999-12-31T23:59:59Z")! + Span.day
        #expect(
            refusal(accepted, .scheduleFollowUp(due: far, what: ""))
                == "a follow-up can be due at most 3650 days ahead (until 2036-11-20 09:01)")
        #expect(
            refusal(accepted, .scheduleFollowUp(due: Instant(seconds: .max), what: ""))?.hasPrefix(
                "a follow-up can be due at most") == true)
        #expect(
            refusal(accepted, .scheduleFollowUp(due: Instant(seconds: .min), what: ""))
                == "a follow-up can't be due in the past")
        #expect(refusal(accepted, .scheduleFollowUp(due: accepted.now + 3650 * Span.day, what: "")) == nil)
    }

    @Test func aClockOutsideTheRecordableYearsDecidesNothing() {
        for now in [Instant(seconds: -1), Instant.recordable.upperBound + 1, Instant(seconds: .max)] {
            var s = accepted
            s.now = now
            #expect(
                refusal(s, .qualify(note: ""))
                    == "the clock is outside the years the store can record (1970 to 9999); nothing was saved")
        }
    }

    /// A cadence follow-up that would land past 9999 refuses the contact rather than record it.
    @Test func aCadenceFollowUpPastTheCalendarIsRefused() {
        var s = accepted
        s.now = Instant(iso8601: "9999-12-31T12:00:00Z")!
        #expect(
            refusal(s, .contact(channel: .call, outcome: .noAnswer, direction: .outbound, note: ""))
                == "L-00001: 'contact' would record a time outside the years the store can record (1970 to 9999)")
        #expect(refusal(s, .contact(channel: .call, outcome: .connected, direction: .outbound, note: "")) == nil)
    }
}
