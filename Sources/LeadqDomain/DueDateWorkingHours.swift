/// Quick follow-up times land in working hours: `tomorrow` on a Friday is Monday 09:00, `+3d` typed
/// at 22:00 is the next working morning. A time typed with a clock (`tomorrow 14:30`) is kept.
extension DueDate {
    /// Whether the text names a day without a time of day (`tomorrow`, `+3d`, `+1w`, `2026-12-01`).
    public static func namesADay(_ text: String) -> Bool {
        let t = Rules.trimmed(text).lowercased()
        if t == "today" || t == "tomorrow" { return true }
        if t.hasPrefix("+"), let last = t.last, last == "d" || last == "w" { return true }
        return t.utf8.count == 10 && Instant(iso8601: t) != nil
    }

    /// `read`, with a day-only time moved into the calendar's working hours.
    public static func read(
        _ text: String, now: Instant, zone: Zone, settings: Settings, calendar: WorkCalendar
    ) -> Result<Instant, Problem> {
        guard namesADay(text), let t = parse(text, now: now, zone: zone) else {
            return read(text, now: now, zone: zone, settings: settings)
        }
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
