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

extension Instant {
    /// The times the store writes and reads back (`1970-01-01T00:00:00Z` through `9999-12-31T23:59:59Z`):
    /// every time that enters from outside is checked against it before anything is saved.
    public static let recordable = Instant(seconds: 0)...Instant(seconds: 253_402_300_799)

    /// `self + seconds`, or nil where Int64 would overflow.
    public func adding(_ seconds: Int64) -> Instant? {
        let (s, overflow) = self.seconds.addingReportingOverflow(seconds)
        return overflow ? nil : Instant(seconds: s)
    }

    /// `self + count × unit`, saturating at the ends of Int64 instead of overflowing: a typed length
    /// of time can be any size, and the callers refuse anything past `recordable` anyway.
    public func adding(_ count: Int64, times unit: Int64) -> Instant {
        let (product, o1) = count.multipliedReportingOverflow(by: unit)
        let (s, o2) = seconds.addingReportingOverflow(product)
        if o1 || o2 { return Instant(seconds: (count < 0) != (unit < 0) ? .min : .max) }
        return Instant(seconds: s)
    }
}
