/// Quick follow-up times land in working hours: `tomorrow` on a Friday is Monday 09:00, `+3d` typed
/// at 22:00 is the next working morning. A time typed with a clock (`tomorrow 14:30`) is kept.
extension DueDate {
    /// Whether the text names a day without a time of day (`tomorrow`, `fri`, `next tuesday`,
    /// `in 2 days`, `+3d`, `2026-12-01`): no clock (`14:30`, `2pm`) and not a length of hours or minutes.
    public static func namesADay(_ text: String) -> Bool {
        let t = Rules.trimmed(text).lowercased()
        if t.isEmpty || t.contains(":") || t.hasSuffix("am") || t.hasSuffix("pm") { return false }
        if t.hasPrefix("+"), let last = t.last { return last == "d" || last == "w" }
        let words = t.split(separator: " ")
        if words.first == "in", let unit = words.last {
            return !["hour", "hours", "h", "minute", "minutes", "min", "mins", "m"].contains(String(unit))
        }
        return true
    }

    /// `read`, with a day-only time moved into the calendar's working hours.
    public static func read(
        _ text: String, now: Instant, zone: Zone, settings: Settings, order: DayMonthOrder = .dayMonth,
        calendar: WorkCalendar
    ) -> Result<Instant, Problem> {
        guard namesADay(text), let t = parse(text, now: now, zone: zone, order: order) else {
            return read(text, now: now, zone: zone, settings: settings, order: order)
        }
        // A day already past is refused as typed, not as the working hours would move it.
        if case .past? = check(t, now: now, settings: settings) { return .failure(.past(t)) }
        let due = Instant.recordable.contains(t) ? calendar.nextWorking(t) : t
        if let p = check(due, now: now, settings: settings) { return .failure(p) }
        return .success(due)
    }
}

extension Settings {
    /// The team's working hours in `zone` (the viewer's, for the times they type).
    public func calendar(in zone: Zone) -> WorkCalendar {
        WorkCalendar(hours: workingHours, zone: zone, enabled: businessHours)
    }
}
