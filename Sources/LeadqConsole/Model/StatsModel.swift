import LeadqDomain
import LeadqMetrics

/// The stats page: which period and whose figures, and the report once computed.
public struct StatsModel: Equatable, Sendable {
    public var unit: PeriodUnit = .week
    /// Team figures (managers) instead of the rep's own.
    public var team = false
    public var report: Report?
    public var computing = false
    /// While computing: leads read so far, of how many.
    public var read = 0
    public var total = 0
    public var error: String?
    /// Today's calls, connects, follow-ups done and hot leads touched in time.
    public var today: DayFigures?

    public init() {}
}

/// What to compute: the last few periods, for a rep or the team.
public struct StatsRequest: Equatable, Sendable {
    public var unit: PeriodUnit
    public var rep: String?
    public var now: Instant
    public var utcOffset: Int64

    public init(unit: PeriodUnit, rep: String?, now: Instant, utcOffset: Int64) {
        (self.unit, self.rep, self.now, self.utcOffset) = (unit, rep, now, utcOffset)
    }
}
