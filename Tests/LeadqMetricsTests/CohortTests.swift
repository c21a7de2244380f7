import LeadqDomain
import LeadqMetrics
import LeadqTestSupport
import Testing

@Suite struct CohortTests {
    let report = ReportFixture.report()

    func row(_ period: String, _ source: String?) -> CohortRow? {
        report.cohorts.first { $0.period.label == period && $0.source == source }
    }

    func counts(_ r: CohortRow?) -> [Int] {
        guard let r else { return [] }
        return [r.size, r.accepted, r.qualified, r.rejected, r.nurture]
    }

    @Test func cohortsByPeriodAndSource() {
        #expect(
            report.cohorts.map { "\($0.period.label) \($0.source ?? "all") \($0.size)" } == [
                "2026-11-16 webinar 4", "2026-11-16 paid-search 3", "2026-11-16 referral 2", "2026-11-16 cold-list 1",
                "2026-11-16 all 10",
                "2026-11-23 webinar 3", "2026-11-23 Organic 1", "2026-11-23 all 4",
            ])
        #expect(counts(row("2026-11-16", "webinar")) == [4, 4, 1, 1, 0])
        #expect(counts(row("2026-11-16", "paid-search")) == [3, 1, 0, 2, 1])
        #expect(counts(row("2026-11-16", "referral")) == [2, 2, 1, 1, 0])
        #expect(counts(row("2026-11-16", "cold-list")) == [1, 0, 0, 1, 0])
        #expect(counts(row("2026-11-16", nil)) == [10, 7, 2, 5, 1])
        #expect(counts(row("2026-11-23", "webinar")) == [3, 1, 0, 0, 0])
        #expect(counts(row("2026-11-23", "Organic")) == [1, 0, 0, 0, 0])
        #expect(row("2026-11-16", "paid-search")!.share(.rejected).fraction == 2.0 / 3.0)
    }

    /// The trap domain.md names: week 2 saw three webinar leads accepted (A3 and A8 from week 1,
    /// A9 from week 2) and three webinar leads created. Dividing one by the other says 100%; the
    /// week-2 cohort really had 1 of 3 accepted, and the week-1 cohort 4 of 4 (two of them
    /// accepted only in week 2), not the 2 of 4 accepted during week 1.
    @Test func aPeriodsOutcomesAreNeverDividedByAnotherPeriodsLeads() {
        let w1 = row("2026-11-16", "webinar")!
        let w2 = row("2026-11-23", "webinar")!
        #expect(w2.share(.accepted) == Share(1, of: 3))
        #expect(w1.share(.accepted) == Share(4, of: 4))
        let acceptedDuringWeek2 = ReportFixture.leads.filter { $0.profile.source == "webinar" }
            .flatMap(\.history).filter { $0.op == .accept && ReportFixture.week2.window.contains($0.at) }.count
        #expect(acceptedDuringWeek2 == 3)
        #expect(w2.share(.accepted).fraction != Double(acceptedDuringWeek2) / Double(w2.size))
        // B1 was qualified in week 2 but belongs to week 1's referral cohort.
        #expect(row("2026-11-23", "referral") == nil)
        #expect(row("2026-11-16", "referral")!.qualified == 1)
    }

    @Test func wholeWindowTotalsPerChannel() {
        #expect(
            report.cohortTotals.map { "\($0.source ?? "all") \($0.size) \($0.accepted)" } == [
                "webinar 7 5", "paid-search 3 1", "referral 2 2", "Organic 1 0", "cold-list 1 0", "all 14 8",
            ])
        // P1 was created before the window: in no cohort.
        #expect(report.cohortTotals.last!.size == report.cohorts.filter { $0.source == nil }.map(\.size).reduce(0, +))
    }

    @Test func sourcesAreGroupedIgnoringCaseAndPunctuation() {
        var extra = ReportFixture.lead("L-00040", "X1", score: 50, source: "organic", created: "2026-11-26T09:00:00Z")
            .lead
        extra.profile.source = "ORGANIC"
        let r = Report.build(
            ReportFixture.leads + [extra], settings: ReportFixture.settings, window: ReportFixture.window,
            periods: [ReportFixture.week1, ReportFixture.week2], now: ReportFixture.now)
        #expect(
            r.cohorts.filter { $0.period.label == "2026-11-23" }.map { "\($0.source ?? "all") \($0.size)" } == [
                "webinar 3", "ORGANIC 2", "all 5",
            ])
    }
}
