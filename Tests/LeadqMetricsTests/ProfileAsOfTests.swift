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
            periods: [ReportFixture.week2], now: iso(now))
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

/// As of a past `now` a lead created later doesn't exist yet: it is in no cohort and no filter, and
/// `--source` reads the source the lead had then.
@Suite struct ReportAsOfTests {
    /// A webinar lead created on the 24th that an import on the 28th moved to cold-list, and a lead
    /// created on the 28th (after the report's `now`, inside its window).
    static var leads: [Lead] {
        let s = ReportScenario.lead("L-00070", "R1", score: 45, source: "webinar", created: "2026-11-24T09:00:00Z")
            .after(60).assign("ana").after(600).accept(by: "ana")
        var later = s.lead.profile
        later.source = "cold-list"
        let moved = s.at("2026-11-28T09:00:00Z").update(to: later).lead
        let future = ReportScenario.lead("L-00071", "R2", score: 50, source: "webinar", created: "2026-11-28T10:00:00Z")
            .after(60).assign("ben").lead
        return [moved, future]
    }

    func report(now: String, source: String? = nil) -> Report {
        Report.build(
            Self.leads, settings: ReportFixture.settings, window: ReportFixture.window,
            periods: [ReportFixture.week2], now: iso(now), filter: ReportFilter(source: source))
    }

    func cohorts(_ r: Report) -> [String] { r.cohorts.map { "\($0.source ?? "all") \($0.size)" } }

    @Test func cohortsCountOnlyLeadsCreatedByNow() {
        #expect(cohorts(report(now: "2026-11-27T12:00:00Z")) == ["webinar 1", "all 1"])
        #expect(cohorts(report(now: "2026-11-29T12:00:00Z")) == ["cold-list 1", "webinar 1", "all 2"])
    }

    @Test func theSourceFilterReadsTheSourceAsOfNow() {
        #expect(cohorts(report(now: "2026-11-27T12:00:00Z", source: "webinar")) == ["webinar 1", "all 1"])
        #expect(cohorts(report(now: "2026-11-27T12:00:00Z", source: "cold-list")) == ["all 0"])
        #expect(report(now: "2026-11-27T12:00:00Z", source: "cold-list").figures(for: "ana")?.handoffs ?? 0 == 0)
        #expect(cohorts(report(now: "2026-11-29T12:00:00Z", source: "cold-list")) == ["cold-list 1", "all 1"])
    }

    @Test func aLeadCreatedAfterNowCountsForNobody() {
        let then = report(now: "2026-11-27T12:00:00Z")
        #expect(then.figures(for: "ben")?.handoffs ?? 0 == 0)
        #expect(then.team.handoffs == 1)
    }
}
