/// Which comes first in a date typed with a slash, `3/12`: the day (most of the world) or the
/// month (the United States, the Philippines, the C locale's `%x`).
public enum DayMonthOrder: String, CaseIterable, Sendable {
    case dayMonth = "day-month"
    case monthDay = "month-day"

    /// The order a POSIX locale name (`en_US.UTF-8`, `de_DE`, `C`) writes dates in.
    public static func of(locale: String) -> DayMonthOrder {
        let name = locale.split(separator: ".").first.map(String.init) ?? locale
        let monthFirst: Set<String> = ["C", "POSIX", "en_US", "es_US", "en_PH", "fil_PH", "en_AS", "en_GU", "en_UM"]
        return monthFirst.contains(name) ? .monthDay : .dayMonth
    }

    /// How the order is named to people: "day/month".
    public var label: String { self == .dayMonth ? "day/month" : "month/day" }
}

/// The words of a typed time beyond the ISO forms: `tmrw`, weekday names, `next tuesday`,
/// `in 2 days`, `3/12 10:00`, `2pm`.
extension DueDate {
    static let weekdays: [(names: [String], index: Int64)] = [
        (["mon", "monday"], 0), (["tue", "tues", "tuesday"], 1), (["wed", "weds", "wednesday"], 2),
        (["thu", "thur", "thurs", "thursday"], 3), (["fri", "friday"], 4), (["sat", "saturday"], 5),
        (["sun", "sunday"], 6),
    ]

    /// `in 2 days`, `in 3 hours`, `in 1 week`, `in 45 min`: the same as `+2d`, `+3h`, `+1w`, `+45m`.
    static func inWords(_ words: [String], now: Instant, zone: Zone) -> Instant? {
        guard words.count == 3, words[0] == "in", words[1].allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return nil
        }
        let units: [(names: Set<String>, letter: String)] = [
            (["m", "min", "mins", "minute", "minutes"], "m"), (["h", "hr", "hrs", "hour", "hours"], "h"),
            (["d", "day", "days"], "d"), (["w", "wk", "wks", "week", "weeks"], "w"),
        ]
        guard let unit = units.first(where: { $0.names.contains(words[2]) }) else { return nil }
        return length("+" + words[1] + unit.letter, now: now, zone: zone)
    }

    /// How many days from today a day word names: `today` 0, `tomorrow` 1, `tue` the coming Tuesday
    /// (never today), `next tue` the Tuesday of next week (weeks start on Monday). Also returns
    /// how many words it took.
    static func dayWords(_ words: [String], today: CivilTime) -> (days: Int64, used: Int)? {
        switch words[0] {
        case "today": return (0, 1)
        case "tomorrow", "tmrw", "tmr", "tomorow": return (1, 1)
        default: break
        }
        let next = words[0] == "next"
        let name = next ? (words.count > 1 ? words[1] : "") : words[0]
        guard let target = weekdays.first(where: { $0.names.contains(name) })?.index else { return nil }
        let todayIndex = weekday(today)
        var ahead = (target - todayIndex + 7) % 7
        if ahead == 0 { ahead = 7 }
        // "next" means next week's: when the coming day is still this week, a week later.
        if next && todayIndex + ahead < 7 { ahead += 7 }
        return (ahead, next ? 2 : 1)
    }

    /// Monday 0 … Sunday 6 (1970-01-01 was a Thursday).
    static func weekday(_ c: CivilTime) -> Int64 {
        let days = CivilTime.days(year: c.year, month: c.month, day: c.day)
        return ((days % 7) + 7 + 3) % 7
    }

    /// `3/12`, `3/12/2027`, `3/12/27`: the next such date from today (this year, or next year
    /// once it has passed), in the order `order` says.
    static func slashDate(_ text: String, today: CivilTime, order: DayMonthOrder) -> CivilTime? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 }),
            let a = Int(parts[0]), let b = Int(parts[1])
        else { return nil }
        let (day, month) = order == .dayMonth ? (a, b) : (b, a)
        guard (1...12).contains(month), day >= 1 else { return nil }
        if parts.count == 3 {
            guard var year = Int(parts[2]) else { return nil }
            if parts[2].count == 2 { year += 2000 }
            guard parts[2].count != 3, day <= CivilTime.daysIn(month: month, year: year) else { return nil }
            return CivilTime(year: year, month: month, day: day)
        }
        for year in [today.year, today.year + 1] where day <= CivilTime.daysIn(month: month, year: year) {
            let date = CivilTime(year: year, month: month, day: day)
            if (year, month, day) >= (today.year, today.month, today.day) { return date }
        }
        // 29/2 when this year has none: the next leap year's.
        var year = today.year + 1
        while day > CivilTime.daysIn(month: month, year: year) && year < today.year + 8 { year += 1 }
        return day <= CivilTime.daysIn(month: month, year: year) ? CivilTime(year: year, month: month, day: day) : nil
    }

    /// A time of day: `14:00`, `9:30`, `2pm`, `2:30pm`, `10am`, `noon`; seconds after midnight.
    static func timeOfDay(_ s: String) -> Int64? {
        if s == "noon" { return 12 * Span.hour }
        var text = Substring(s)
        var meridiem: Int64?
        if text.hasSuffix("am") || text.hasSuffix("pm") {
            meridiem = text.hasSuffix("pm") ? 12 : 0
            text = text.dropLast(2)
        }
        guard let meridiem else { return clockSeconds(String(text)) }
        let hm = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(hm.count), let h = Int64(hm[0]), (1...12).contains(h), hm[0].count <= 2 else {
            return nil
        }
        var minutes: Int64 = 0
        if hm.count == 2 {
            guard hm[1].count == 2, let m = Int64(hm[1]), (0..<60).contains(m) else { return nil }
            minutes = m
        }
        return (h % 12 + meridiem) * Span.hour + minutes * Span.minute
    }

    /// Day words or a slash date, then an optional time of day (09:00 without one).
    static func words(_ text: String, now: Instant, zone: Zone, order: DayMonthOrder) -> Instant? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard !words.isEmpty else { return nil }
        if let t = inWords(words, now: now, zone: zone) { return t }
        let today = zone.civil(now)
        let day: CivilTime
        let used: Int
        if let (ahead, n) = dayWords(words, today: today) {
            day = shifted(today, days: ahead)
            used = n
        } else if let date = slashDate(words[0], today: today, order: order) {
            day = date
            used = 1
        } else {
            return nil
        }
        var seconds = Int64(defaultHour) * Span.hour
        if words.count > used {
            // "at 14:00" reads as "14:00".
            let rest = words[used] == "at" ? Array(words[(used + 1)...]) : Array(words[used...])
            guard rest.count == 1, let s = timeOfDay(rest[0]) else { return nil }
            seconds = s
        }
        return local(day, secondsIntoDay: seconds, zone)
    }
}
