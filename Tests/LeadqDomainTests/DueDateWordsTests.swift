import LeadqDomain
import Testing

/// The words reps type for a follow-up, read in their zone on Monday 2026-11-23 at 10:00.
@Suite struct DueDateWordsTests {
    let now = Instant(iso8601: "2026-11-23T10:00:00Z")!

    func read(_ text: String, order: DayMonthOrder = .dayMonth, zone: Zone = .utc) -> String? {
        DueDate.parse(text, now: now, zone: zone, order: order).map { t in
            let c = zone.civil(t)
            let pad = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
            return "\(c.year)-\(pad(c.month))-\(pad(c.day)) \(pad(c.hour)):\(pad(c.minute))"
        }
    }

    @Test(arguments: [
        ("tmrw", "2026-11-24 09:00"), ("tmrw 14:30", "2026-11-24 14:30"), ("Tomorrow 2pm", "2026-11-24 14:00"),
        ("tue", "2026-11-24 09:00"), ("tuesday 10:00", "2026-11-24 10:00"), ("fri", "2026-11-27 09:00"),
        ("mon 10:00", "2026-11-30 10:00"), ("sun", "2026-11-29 09:00"),
        ("next tuesday", "2026-12-01 09:00"), ("next tue 11:15", "2026-12-01 11:15"), ("next mon", "2026-11-30 09:00"),
        ("next sunday", "2026-12-06 09:00"), ("in 2 days", "2026-11-25 10:00"), ("in 3 hours", "2026-11-23 13:00"),
        ("in 1 week", "2026-11-30 10:00"), ("in 45 min", "2026-11-23 10:45"), ("+2d", "2026-11-25 10:00"),
        ("3/12", "2026-12-03 09:00"), ("3/12 10:00", "2026-12-03 10:00"), ("3/12/2027 8:05", "2027-12-03 08:05"),
        ("1/2", "2027-02-01 09:00"), ("23/11 16:00", "2026-11-23 16:00"), ("today 4pm", "2026-11-23 16:00"),
        ("2pm", "2026-11-23 14:00"), ("9am", "2026-11-24 09:00"), ("12am", "2026-11-24 00:00"),
        ("noon", "2026-11-23 12:00"), ("wed at 9:30", "2026-11-25 09:30"), ("29/2", "2028-02-29 09:00"),
    ])
    func readsTheWordsRepsType(_ text: String, _ expected: String) {
        #expect(read(text) == expected, "\(text)")
    }

    @Test func theSlashOrderComesFromTheLocaleOrTheSetting() {
        #expect(read("3/12 10:00", order: .monthDay) == "2027-03-12 10:00")
        #expect(read("12/3", order: .monthDay) == "2026-12-03 09:00")
        #expect(DayMonthOrder.of(locale: "en_US.UTF-8") == .monthDay)
        #expect(DayMonthOrder.of(locale: "C.UTF-8") == .monthDay)
        #expect(DayMonthOrder.of(locale: "de_DE.UTF-8") == .dayMonth)
        #expect(DayMonthOrder.of(locale: "en_GB") == .dayMonth)
    }

    @Test(arguments: [
        "in 2", "in two days", "next", "next week", "tue 25:00", "13pm", "0am", "31/2", "3/13", "3/12/202",
        "tmrw 14:30 extra", "fri 9", "1/2/3/4", "/12", "in 2 fortnights",
    ])
    func refusesWhatItCantRead(_ text: String) {
        #expect(read(text) == nil, "\(text)")
    }

    @Test func localTimesUseTheRepsZone() {
        // 10:00 UTC is 11:00 in Berlin: "tue 10:00" is Berlin's 10:00, 09:00 UTC.
        let berlin = Zone.fixed(Span.hour)
        #expect(DueDate.parse("tue 10:00", now: now, zone: berlin)?.iso8601 == "2026-11-24T09:00:00Z")
    }
}
