import LeadqDomain
import Testing

@Suite struct InstantTests {
    @Test func formatsAndParsesUTC() {
        let t = Instant(iso8601: "2026-11-23T10:02:03Z")!
        #expect(t.iso8601 == "2026-11-23T10:02:03Z")
        #expect(t.seconds == 1_795_428_123)
    }

    @Test(arguments: [
        ("2024-02-29", "2024-02-29T00:00:00Z"),
        ("2024-01-15T10:30:00.000Z", "2024-01-15T10:30:00Z"),
        ("2024-01-15T10:30:00.000+0000", "2024-01-15T10:30:00Z"),
        ("2024-01-15 10:30", "2024-01-15T10:30:00Z"),
        ("2024-01-15 10:30:00", "2024-01-15T10:30:00Z"),
        ("2024-01-15T12:30:00+02:00", "2024-01-15T10:30:00Z"),
        ("2024-01-15T05:30:00-05:00", "2024-01-15T10:30:00Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
    ])
    func parsesCRMForms(_ input: String, _ expected: String) {
        #expect(Instant(iso8601: input)?.iso8601 == expected)
    }

    @Test(arguments: [
        "2023-02-29", "2024-13-01", "2024-01-32", "2024-1-1", "24-01-01", "2024-01-15T25:00", "2024-01-15Tx", "",
        "yesterday",
    ])
    func rejectsNonsense(_ input: String) {
        #expect(Instant(iso8601: input) == nil)
    }

    @Test func roundTripsEveryDayOfSeveralYears() {
        var t = Instant(iso8601: "1999-12-30T13:14:15Z")!
        for _ in 0..<(366 * 6) {
            #expect(Instant(iso8601: t.iso8601) == t)
            t = t + Span.day
        }
    }

    @Test func localDaysAndHumanTimes() {
        let now = Instant(iso8601: "2026-11-23T23:30:00Z")!
        // At UTC+1 it is already the 24th.
        #expect(now.date(utcOffset: 3600) == "2026-11-24")
        #expect(now.startOfDay(utcOffset: 3600).iso8601 == "2026-11-23T23:00:00Z")
        #expect((now - 3600).human(now: now, utcOffset: 0) == "22:30")
        #expect((now - 2 * Span.day).human(now: now, utcOffset: 0) == "2026-11-21 23:30")
        #expect(Span.human(45) == "45 s")
        #expect(Span.human(3 * 60 + 20) == "3 min")
        #expect(Span.human(20 * 3600) == "20 h")
        #expect(Span.human(31 * Span.day) == "31 d")
        #expect(Span.compact(90 * 60) == "1h")
    }
}

@Suite struct DueDateTests {
    let now = Instant(iso8601: "2026-11-23T10:15:00Z")!

    @Test(arguments: [
        ("tomorrow", "2026-11-24T09:00:00Z"),
        ("Tomorrow 14:30", "2026-11-24T14:30:00Z"),
        ("today 16:00", "2026-11-23T16:00:00Z"),
        ("+3d", "2026-11-26T10:15:00Z"),
        ("+2h", "2026-11-23T12:15:00Z"),
        ("+1w", "2026-11-30T10:15:00Z"),
        ("+45m", "2026-11-23T11:00:00Z"),
        ("2026-11-30", "2026-11-30T09:00:00Z"),
        ("2026-11-30 14:00", "2026-11-30T14:00:00Z"),
        ("16:00", "2026-11-23T16:00:00Z"),
        ("08:00", "2026-11-24T08:00:00Z"),
    ])
    func parses(_ text: String, _ expected: String) {
        #expect(DueDate.parse(text, now: now, zone: .utc)?.iso8601 == expected)
    }

    @Test func usesTheLocalDay() {
        // At UTC-5 "tomorrow" is 2026-11-24 09:00 local = 14:00 UTC.
        #expect(DueDate.parse("tomorrow", now: now, zone: .fixed(-5 * 3600))?.iso8601 == "2026-11-24T14:00:00Z")
    }

    @Test(arguments: ["", "soon", "+d", "+3x", "+-3d", "25:00", "tomorrow 9", "2026-13-01"])
    func rejects(_ text: String) {
        #expect(DueDate.parse(text, now: now, zone: .utc) == nil)
    }
}
