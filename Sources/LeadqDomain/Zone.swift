/// A place's offsets from UTC over time. The domain has no time-zone database of its own: the CLI and
/// the console hand it one (Foundation's, for `TZ`), tests a fixed offset or a table of changes.
///
/// Local wall-clock times are turned into instants with the offset in force *on that date*, so a
/// follow-up typed for 09:00 after a daylight-saving change is at 09:00 after it too.
public struct Zone: Sendable, CustomStringConvertible {
    /// How the zone is known (`America/New_York`, `UTC+01:00`); two zones with one name are equal.
    public let name: String
    private let offsetAt: @Sendable (Instant) -> Int64

    /// `offset` gives the seconds east of UTC in force at an instant.
    public init(name: String, offset: @escaping @Sendable (Instant) -> Int64) {
        self.name = name
        self.offsetAt = offset
    }

    /// A zone without daylight saving: the same offset at every instant.
    public static func fixed(_ seconds: Int64) -> Zone {
        let sign = seconds < 0 ? "-" : "+"
        let m = abs(seconds) / 60
        let hh = m / 60 < 10 ? "0\(m / 60)" : "\(m / 60)"
        let mm = m % 60 < 10 ? "0\(m % 60)" : "\(m % 60)"
        return Zone(name: "UTC\(sign)\(hh):\(mm)") { _ in seconds }
    }

    public static let utc = Zone.fixed(0)

    public var description: String { name }

    public func offset(at t: Instant) -> Int64 { offsetAt(t) }

    /// The local date and time at `t`.
    public func civil(_ t: Instant) -> CivilTime { CivilTime(t, utcOffset: offset(at: t)) }

    /// The instant a local wall-clock time names. Where the clocks jump forward, a skipped local time
    /// moves forward by the jump (02:30 in a one-hour spring-forward gap is 03:30 of the new offset);
    /// where they fall back, a local time that happens twice is its first occurrence (the earlier
    /// instant). Assumes at most one change of offset within a day either side, as in every real zone.
    public func instant(_ local: CivilTime) -> Instant {
        let wall = local.instant()
        let before = offset(at: wall - Span.day)
        let after = offset(at: wall + Span.day)
        // No change within a day either side (nearly every day): one reading, and the working-time
        // clocks ask for two local times a day for every lead of a queue.
        if before == after { return wall - before }
        let (early, late) = (wall - max(before, after), wall - min(before, after))
        if offset(at: early) == wall - early { return early }
        if offset(at: late) == wall - late { return late }
        // In a gap: read with the offset before the jump, which lands as far past the jump as the
        // wall time is past its start.
        return wall - before
    }

    /// An ISO 8601 date or time (`2026-11-30`, `2026-11-30 14:00`) as a local time here, unless the
    /// text names its own offset (`Z`, `+01:00`); nil if it is not one.
    public func instant(iso8601 text: String) -> Instant? {
        guard let asUTC = Instant(iso8601: text, defaultOffset: 0) else { return nil }
        // A text that names its offset reads the same whatever the default.
        if Instant(iso8601: text, defaultOffset: Span.hour) == asUTC { return asUTC }
        return instant(CivilTime(asUTC))
    }

    /// Midnight at the start of `t`'s local day.
    public func startOfDay(_ t: Instant) -> Instant {
        let c = civil(t)
        return instant(CivilTime(year: c.year, month: c.month, day: c.day))
    }
}

extension Zone: Equatable {
    public static func == (a: Zone, b: Zone) -> Bool { a.name == b.name }
}
