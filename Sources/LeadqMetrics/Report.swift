import LeadqDomain

/// Every figure of `leadq report` and the console's stats screen, for one window and filter.
/// Built by `ReportBuilder` (streaming) or `Report.build` (from any sequence of leads).
public struct Report: Equatable, Sendable {
    public var window: ReportWindow
    public var periods: [CohortPeriod]
    public var now: Instant
    public var filter: ReportFilter
    public var settings: Settings

    /// One row per rep: the team's reps (in settings order), then anyone else with figures.
    public var reps: [RepFigures]
    /// The selected reps together; `handled` counts each lead once.
    public var team: RepFigures

    /// Rejections made in the window, by source (sources with most rejections first), by score band, and overall.
    public var rejectionsBySource: [ReasonCount]
    public var rejectionsByBand: [ReasonCount]
    public var rejectionsByReason: [ReasonCount]
    /// Clawbacks to nurture made in the window (by a rep, or the stale-lead policy as `stale`), the
    /// same ways: marketing learns why worked leads went back, beside why they were rejected.
    public var clawbacksBySource: [ReasonCount]
    public var clawbacksByBand: [ReasonCount]
    public var clawbacksByReason: [ReasonCount]
    /// The window's handoffs by score band: hot, warm, cold.
    public var acceptance: [BandAcceptance]
    /// For each period: one row per source (biggest cohort first), then the row of all sources.
    public var cohorts: [CohortRow]
    /// The whole window as one cohort per source (biggest first), then all sources: the
    /// "conversion by channel" of the stats screen.
    public var cohortTotals: [CohortRow]

    /// The figures of one rep, or nil if the report has no row for them.
    public func figures(for rep: String) -> RepFigures? { reps.first { $0.rep == rep } }

    /// Builds the report from leads in one pass (pure: same leads, window and now, same report).
    public static func build<S: Sequence>(
        _ leads: S, settings: Settings, window: ReportWindow, periods: [CohortPeriod],
        now: Instant, filter: ReportFilter = ReportFilter()
    ) -> Report where S.Element == Lead {
        var b = ReportBuilder(settings: settings, window: window, periods: periods, now: now, filter: filter)
        for l in leads { b.add(l) }
        return b.report()
    }
}
