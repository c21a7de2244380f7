/// Re-engagement: marketing returns leads that have rested in nurture long enough (30, 60 or 90 days)
/// to the pool. The release is an event on the lead, so its history (why it went to nurture) stays.
public enum NurtureRelease {
    /// Nurture leads that entered nurture at least `age` seconds before `now`, longest-resting first.
    public static func due(_ leads: [Lead], olderThan age: Int64, now: Instant) -> [Lead] {
        leads.filter { l in
            guard l.stage == .nurture, let since = l.work.closedAt else { return false }
            return now - since >= age
        }.sorted { a, b in
            let (x, y) = (a.work.closedAt!, b.work.closedAt!)
            return x != y ? x < y : LeadID.precedes(a.id, b.id)
        }
    }

    /// "30d", "8w", "12h" or a bare number of days; nil for anything else or a zero length.
    public static func parseAge(_ text: String) -> Int64? {
        var s = Substring(text.lowercased())
        var unit = Span.day
        switch s.last {
        case "d": s = s.dropLast()
        case "w":
            s = s.dropLast()
            unit = 7 * Span.day
        case "h":
            s = s.dropLast()
            unit = Span.hour
        default: break
        }
        guard !s.isEmpty, s.allSatisfy(\.isASCII), s.allSatisfy(\.isNumber), let n = Int64(s), n > 0, n < 100_000 else {
            return nil
        }
        return n * unit
    }
}
