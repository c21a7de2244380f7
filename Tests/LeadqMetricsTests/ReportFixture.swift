import LeadqDomain
import LeadqMetrics
import LeadqTestSupport

/// `ReportScenario` (in LeadqTestSupport) with its window: two weeks, cut by week, seen at its `now`.
enum ReportFixture {
    static let now = ReportScenario.now
    static let settings = ReportScenario.settings
    static let window = ReportWindow(from: iso("2026-11-16T00:00:00Z"), to: iso("2026-11-30T00:00:00Z"))
    static let week1 = CohortPeriod(
        label: "2026-11-16", window: ReportWindow(from: iso("2026-11-16T00:00:00Z"), to: iso("2026-11-23T00:00:00Z")))
    static let week2 = CohortPeriod(
        label: "2026-11-23", window: ReportWindow(from: iso("2026-11-23T00:00:00Z"), to: iso("2026-11-30T00:00:00Z")))
    static var leads: [Lead] { ReportScenario.leads }

    static func lead(_ id: String, _ name: String, score: Int, source: String, dnc: Bool = false, created: String)
        -> LeadScript
    {
        ReportScenario.lead(id, name, score: score, source: source, dnc: dnc, created: created)
    }

    static func report(
        filter: ReportFilter = ReportFilter(), window: ReportWindow = window, periods: [CohortPeriod] = [week1, week2],
        now: Instant = now
    ) -> Report {
        Report.build(leads, settings: settings, window: window, periods: periods, now: now, filter: filter)
    }
}
