/// Reads the times people type for follow-ups: `tomorrow`, `tomorrow 14:00`, `today 16:30`, `+3d`,
/// `+2h`, `+1w`, `+45m`, `2026-11-30`, `2026-11-30 14:00`, `14:00` (today, or tomorrow if past).
/// Dates without a time mean 09:00 local.
public enum DueDate {
    public static let defaultHour = 9

    public static func parse(_ text: String, now: Instant, utcOffset: Int64) -> Instant? {
        let t = Rules.trimmed(text).lowercased()
        guard !t.isEmpty else { return nil }
        if t.hasPrefix("+"), t.count >= 3, let n = Int64(t.dropFirst().dropLast()), n > 0 {
            switch t.last! {
            case "m": return now + n * Span.minute
            case "h": return now + n * Span.hour
            case "d": return now + n * Span.day
            case "w": return now + n * 7 * Span.day
            default: return nil
            }
        }
        let parts = t.split(separator: " ", maxSplits: 1).map(String.init)
        let today = now.startOfDay(utcOffset: utcOffset)
        func at(_ day: Instant, _ clock: String?) -> Instant? {
            guard let clock else { return day + Int64(defaultHour) * Span.hour }
            guard let secs = clockSeconds(clock) else { return nil }
            return day + secs
        }
        switch parts[0] {
        case "today": return at(today, parts.count > 1 ? parts[1] : nil)
        case "tomorrow": return at(today + Span.day, parts.count > 1 ? parts[1] : nil)
        default: break
        }
        if parts.count == 1, let secs = clockSeconds(parts[0]) {
            let candidate = today + secs
            return candidate > now ? candidate : candidate + Span.day
        }
        if parts[0].count == 10, parts.count == 1 {
            return Instant(iso8601: parts[0], defaultOffset: utcOffset).map { $0 + Int64(defaultHour) * Span.hour }
        }
        return Instant(iso8601: t, defaultOffset: utcOffset)
    }

    /// "14:00" → seconds after midnight.
    static func clockSeconds(_ s: String) -> Int64? {
        let hm = s.split(separator: ":")
        guard hm.count == 2, let h = Int64(hm[0]), let m = Int64(hm[1]), (0..<24).contains(h), (0..<60).contains(m), hm[1].count == 2 else { return nil }
        return h * Span.hour + m * Span.minute
    }
}
