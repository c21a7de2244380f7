import LeadqCodec
import LeadqDomain
import LeadqTestSupport
import Testing

/// Issue 14's settings and events in the JSON every store writes, and older files still read.
@Suite struct WorkflowCodecTests {
    func decode(_ text: String) throws -> Settings {
        try SettingsCodec.decode(Array(text.utf8), file: "settings.json")
    }

    func message(_ text: String) -> String? {
        do {
            _ = try decode(text)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func theWorkflowsSettingsRoundTrip() throws {
        var s = Fixture.settings
        s.firstTouchFrom = .assignment
        s.outboundSources = ["cold-list", "purchased list"]
        s.poolHotMinutes = 15
        s.businessHours = true
        s.workingHours.days = [1, 2, 3, 4, 6]
        s.workingHours.start = 8 * 60 + 30
        s.workingHours.end = 24 * 60
        s.workingHours.holidays = [CivilTime.days(year: 2026, month: 12, day: 25)]
        s.clawbackWarnDays = 7
        s.nurtureReleaseDays = [45, 90]
        s.releaseToPreviousOwner = true
        s.notNowToNurture = true
        s.releaseWhenHot = false
        s.playbooks = Playbook.defaults
        s.reps[1].timeZone = "America/New_York"
        let text = String(decoding: SettingsCodec.encode(s), as: UTF8.self)
        let back = try decode(text)
        #expect(back == s)
        #expect(back.reps[1].timeZone == "America/New_York")
        #expect(text.contains("\"holidays\": [\"2026-12-25\"]"))
        #expect(text.contains("\"days\": [\"mon\", \"tue\", \"wed\", \"thu\", \"sat\"]"))
        // The reader looks the zones up: ben's working day starts at 08:30 New York time.
        let monday = Instant(iso8601: "2026-11-23T12:00:00Z")!
        #expect(back.calendar(forRep: "ben").nextWorking(monday) == Instant(iso8601: "2026-11-23T13:30:00Z"))
        #expect(back.zone(forRep: "ana").offset(at: monday) == 0)
    }

    @Test func theDefaultsAreWrittenOut() {
        let text = String(decoding: SettingsCodec.encode(Settings()), as: UTF8.self)
        for expected in [
            "\"firstTouchFrom\": \"inquiry\"", "\"poolHotMinutes\": 5", "\"businessHours\": true",
            "\"start\": \"09:00\"", "\"end\": \"18:00\"", "\"warnDays\": 5", "\"releaseDays\": [30, 60, 90]",
            "\"toPreviousOwner\": false", "\"notNowRejections\": false", "\"releaseWhenHot\": true",
            "\"playbooks\": []",
        ] {
            #expect(text.contains(expected), "\(expected)")
        }
    }

    /// A settings file written before issue 14 reads with every new rule at its default.
    @Test func anOlderSettingsFileReadsWithTheDefaults() throws {
        let old = """
            {"schema": 1, "timeZone": "UTC", "sla": {"decisionHours": 24, "firstTouchHotMinutes": 5,
            "firstTouchMinutes": 60}, "clawback": {"idleDays": 30}, "followUps": {"cadenceDays": [1, 3, 7, 14],
            "recommendedAttempts": 6, "horizonDays": 3650}, "team": [{"id": "ana", "name": "Ana", "role": "rep"}]}
            """
        let s = try decode(old)
        #expect(s.businessHours)
        #expect(s.firstTouchFrom == .inquiry)
        #expect(s.clawbackWarnDays == 5)
        #expect(s.nurtureReleaseDays == [30, 60, 90])
        #expect(s.playbooks.isEmpty)
    }

    @Test(arguments: [
        (#"{"schema":1,"sla":{"firstTouchFrom":"lunch"}}"#, "'sla.firstTouchFrom' must be inquiry or assignment"),
        (#"{"schema":1,"workingHours":{"days":["mon","xmas"]}}"#, "'workingHours.days[1]' must be one of mon"),
        (#"{"schema":1,"workingHours":{"start":"9:00"}}"#, "'workingHours.start' must be a time like 09:00"),
        (#"{"schema":1,"workingHours":{"start":"18:00","end":"09:00"}}"#, "'workingHours.start' must be before"),
        (#"{"schema":1,"workingHours":{"holidays":["25.12.2026"]}}"#, "'workingHours.holidays[0]' must be a date"),
        (#"{"schema":1,"nurture":{"releaseDays":[60,30]}}"#, "'nurture.releaseDays' must ascend"),
        (#"{"schema":1,"team":[{"id":"a","timeZone":"Mars/Olympus"}]}"#, "'team[0].timeZone' 'Mars/Olympus' is not"),
        (
            #"{"schema":1,"playbooks":[{"name":"p","steps":[{"day":1,"channel":"call","what":"x"}]}]}"#,
            "the first step is the first touch"
        ),
        (
            #"{"schema":1,"playbooks":[{"name":"p","steps":[{"channel":"fax","what":"x"}]}]}"#,
            "'playbooks[0].steps[0].channel' must be one of call"
        ),
        (
            #"{"schema":1,"playbooks":[{"name":"p","steps":[{"channel":"call","what":"x"},{"channel":"email","what":"y"}]}]}"#,
            "'playbooks[0].steps[1]' needs a day"
        ),
    ])
    func badWorkflowSettingsAreNamed(_ text: String, _ expected: String) {
        let m = message(text)
        #expect(m?.contains(expected) == true, "\(m ?? "nil")")
    }

    @Test func theNewEventsRoundTrip() throws {
        var contact = Contact(channel: .call, outcome: .noAnswer, followUpDue: Fixture.t0 + Span.day)
        contact.followUpWhat = "Email a recap"
        contact.followUpChannel = .email
        contact.completes = [7, 9]
        let absorbed = [
            Entry(seq: 3, at: Fixture.t0, by: "web", op: .created),
            Entry(seq: 4, at: Fixture.t0 + 60, by: "ben", op: .contact(contact)),
        ]
        let ops: [Op] = [
            .contact(contact), .release(note: "", step: 2), .release(note: "x"), .won(amount: 1_200_050, note: "PO"),
            .won(amount: nil, note: ""), .lost(reason: "competitor", amount: 90_000, note: ""),
            .merged(into: "L-00001"), .absorb(from: "L-00002", entries: absorbed),
            .update([
                FieldChange(.emailOptOut, old: .flag(false), new: .flag(true)),
                FieldChange(.consentSource, old: .text(""), new: .text("hubspot import")),
                FieldChange(.consentAt, old: .time(Instant(seconds: 0)), new: .time(Fixture.t0)),
            ]),
        ]
        for (i, op) in ops.enumerated() {
            var p = Fixture.profile()
            p.doNotCall = true
            p.consentSource = "salesforce import"
            p.consentAt = Fixture.t0
            let e = Event(
                lead: "L-00042", entry: Entry(seq: Int64(i + 10), at: Fixture.t0, by: "mia", op: op),
                profile: op.name == "updated" ? p : nil)
            let decoded = try EventCodec.encode(e).withUnsafeBytes { buf in
                var r = JSONReader(buf)
                return try EventCodec.decode(&r)
            }
            #expect(decoded.event == e, "\(op.name)")
        }
    }

    /// A journal line written before issue 14 (a contact without the new fields, a release without
    /// a step) reads as it did.
    @Test func olderEventsRead() throws {
        let line =
            #"{"seq":5,"at":"2026-11-23T09:00:00Z","by":"ana","lead":"L-00001","op":"contact","channel":"call","outcome":"no-answer","followUp":"2026-11-24T09:00:00Z"}"#
        let e = try Array(line.utf8).withUnsafeBytes { buf in
            var r = JSONReader(buf)
            return try EventCodec.decode(&r).event
        }
        #expect(e.entry.op == .contact(Contact(channel: .call, outcome: .noAnswer, followUpDue: Fixture.t0 + Span.day)))
        let release = #"{"seq":6,"at":"2026-11-23T09:00:00Z","by":"mia","lead":"L-00001","op":"release"}"#
        let r = try Array(release.utf8).withUnsafeBytes { buf in
            var r = JSONReader(buf)
            return try EventCodec.decode(&r).event
        }
        #expect(r.entry.op == .release(note: "", step: nil))
    }
}
