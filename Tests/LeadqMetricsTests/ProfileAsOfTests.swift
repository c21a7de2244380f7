import LeadqDomain
import LeadqMetrics
import LeadqTestSupport
import Testing

/// A report as of a past `now` reads each lead's profile as it was then, from the changes its
/// `updated` entries recorded (what else a past report must leave out is not tested here).
@Suite struct ProfileAsOfTests {
    func rows(_ r: [ReasonCount]) -> [String] { r.map { "\($0.group) \($0.reason) \($0.count)/\($0.groupTotal)" } }

    /// Rejected as a warm webinar lead on the 24th; an import on the 28th made it a cold cold-list lead.
    static var lead: Lead {
        let s = ReportScenario.lead("L-00070", "R1", score: 45, source: "webinar", created: "2026-11-24T09:00:00Z")
            .after(60).assign("ana").after(600).contact(.call, .connected, by: "ana").after(600).reject(
                "bad-fit", by: "ana")
        var later = s.lead.profile
        later.score = 20
        later.source = "cold-list"
        return s.at("2026-11-28T09:00:00Z").update(to: later).lead
    }

    func report(now: String) -> Report {
        Report.build(
            [Self.lead], settings: ReportFixture.settings, window: ReportFixture.window,
            periods: [ReportFixture.week2], now: T(now))
    }

    @Test func bandAndSourceAreTheLeadsAsOfNow() {
        let then = report(now: "2026-11-27T12:00:00Z")
        #expect(rows(then.rejectionsByBand) == ["warm bad-fit 1/1"])
        #expect(rows(then.rejectionsBySource) == ["webinar bad-fit 1/1"])
        let later = report(now: "2026-11-29T12:00:00Z")
        #expect(rows(later.rejectionsByBand) == ["cold bad-fit 1/1"])
        #expect(rows(later.rejectionsBySource) == ["cold-list bad-fit 1/1"])
    }
}
