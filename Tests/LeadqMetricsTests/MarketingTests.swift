import LeadqDomain
import LeadqMetrics
import LeadqTestSupport
import Testing

@Suite struct MarketingTests {
    let report = ReportFixture.report()

    func rows(_ r: [ReasonCount]) -> [String] { r.map { "\($0.group) \($0.reason) \($0.count)/\($0.groupTotal)" } }

    @Test func rejectionReasonsBySourceAndBand() {
        // A9's bad-fit was undone: only P1's bad-fit counts.
        #expect(
            rows(report.rejectionsBySource) == [
                "paid-search no-budget 2/2",
                "webinar bad-fit 1/2", "webinar no-consent 1/2",
                "cold-list bad-data 1/1",
                "referral not-decision-maker 1/1",
            ])
        #expect(
            rows(report.rejectionsByBand) == [
                "hot no-budget 1/1",
                "warm bad-fit 1/4", "warm no-budget 1/4", "warm no-consent 1/4", "warm not-decision-maker 1/4",
                "cold bad-data 1/1",
            ])
        #expect(
            rows(report.rejectionsByReason) == [
                "all no-budget 2/6", "all bad-data 1/6", "all bad-fit 1/6", "all no-consent 1/6",
                "all not-decision-maker 1/6",
            ])
    }

    @Test func acceptanceRateByBand() {
        let a = Dictionary(uniqueKeysWithValues: report.acceptance.map { ($0.band, $0) })
        #expect(report.acceptance.map(\.band) == [.hot, .warm, .cold])
        #expect((a[.hot]!.handoffs, a[.hot]!.accepted, a[.hot]!.notAccepted, a[.hot]!.undecided) == (3, 2, 1, 0))
        #expect(a[.hot]!.rate == Share(2, of: 3))
        #expect((a[.hot]!.qualified, a[.hot]!.rejectedAfterAccepting) == (2, 0))  // A1, B1
        // warm: A8's first handoff (to ana) and A6 are undecided.
        #expect((a[.warm]!.handoffs, a[.warm]!.accepted, a[.warm]!.notAccepted, a[.warm]!.undecided) == (9, 6, 1, 2))
        #expect(a[.warm]!.rate == Share(6, of: 7))
        #expect((a[.warm]!.qualified, a[.warm]!.rejectedAfterAccepting) == (0, 2))  // A7, B2
        #expect((a[.cold]!.handoffs, a[.cold]!.accepted, a[.cold]!.notAccepted) == (1, 0, 1))
        #expect(a[.cold]!.rate.fraction == 0)
    }

    @Test func bandsFollowTheSettings() {
        var s = Settings()
        #expect(
            ScoreBand.of(80, s) == .hot && ScoreBand.of(79, s) == .warm && ScoreBand.of(30, s) == .warm
                && ScoreBand.of(29, s) == .cold)
        #expect(ScoreBand.warm.label(s) == "warm (30–79)")
        s.hotScore = 70
        s.nurtureBelowScore = 40
        #expect(ScoreBand.of(70, s) == .hot && ScoreBand.of(39, s) == .cold)
        #expect(ScoreBand.hot.label(s) == "hot (70+)")
    }
}
