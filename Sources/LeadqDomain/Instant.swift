/// A point in time as whole seconds since the Unix epoch (UTC).
/// The domain never reads a clock: callers pass `now` in, so every rule is testable.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    public static func < (a: Instant, b: Instant) -> Bool { a.seconds < b.seconds }
    public static func + (a: Instant, s: Int64) -> Instant { Instant(seconds: a.seconds + s) }
    public static func - (a: Instant, s: Int64) -> Instant { Instant(seconds: a.seconds - s) }
    /// Seconds from `b` to `a`.
    public static func - (a: Instant, b: Instant) -> Int64 { a.seconds - b.seconds }

    public var description: String { iso8601 }
}

/// Lengths of time in seconds.
public enum Span {
    public static let minute: Int64 = 60
    public static let hour: Int64 = 3_600
    public static let day: Int64 = 86_400

    /// A short human length: "45 s", "3 min", "20 h", "2 d".
    public static func human(_ seconds: Int64) -> String {
        let s = abs(seconds)
        if s < minute { return "\(s) s" }
        if s < hour { return "\(s / minute) min" }
        if s < 2 * day { return "\(s / hour) h" }
        return "\(s / day) d"
    }

    /// A compact length for narrow table cells: "45s", "3m", "20h", "2d".
    public static func compact(_ seconds: Int64) -> String {
        let s = abs(seconds)
        if s < minute { return "\(s)s" }
        if s < hour { return "\(s / minute)m" }
        if s < 2 * day { return "\(s / hour)h" }
        return "\(s / day)d"
    }
}
