import LeadqMetrics

/// How report figures read, in the CLI and the console alike.
public enum ReportText {
    /// "45s", "4m 10s", "3h 05m", "2d 4h": precise enough to compare reps, short enough for a cell.
    public static func duration(_ seconds: Int64) -> String {
        let s = max(0, seconds)
        if s < 60 { return "\(s)s" }
        if s < 3_600 { return s % 60 == 0 ? "\(s / 60)m" : "\(s / 60)m \(two(s % 60))s" }
        if s < 86_400 { return s % 3_600 / 60 == 0 ? "\(s / 3_600)h" : "\(s / 3_600)h \(two(s % 3_600 / 60))m" }
        return s % 86_400 / 3_600 == 0 ? "\(s / 86_400)d" : "\(s / 86_400)d \(s % 86_400 / 3_600)h"
    }

    public static func duration(_ seconds: Int64?) -> String { seconds.map(duration) ?? "—" }

    /// "42.9%" (one decimal, rounded half up); "—" when the total is 0.
    public static func percent(_ share: Share) -> String {
        guard share.total > 0 else { return "—" }
        let tenths = (share.count * 1_000 + share.total / 2) / share.total
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// "3 (42.9%)", or "0" when the total is 0.
    public static func countAndPercent(_ share: Share) -> String {
        share.total > 0 ? "\(share.count) (\(percent(share)))" : "\(share.count)"
    }

    /// The share as a decimal with four places ("0.4286"), for CSV and JSON; nil when the total is 0.
    public static func fraction(_ share: Share) -> String? {
        guard share.total > 0 else { return nil }
        let tenThousandths = (share.count * 10_000 + share.total / 2) / share.total
        return "\(tenThousandths / 10_000).\(pad4(tenThousandths % 10_000))"
    }

    private static func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
    private static func pad4(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
