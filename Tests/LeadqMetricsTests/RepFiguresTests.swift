import LeadqDomain
import LeadqMetrics
import LeadqTestSupport
import Testing

/// Every per-rep figure of the hand-built store, worked out in `ReportFixture`'s comments.
@Suite struct RepFiguresTests {
    let report = ReportFixture.report()
    var ana: RepFigures { report.figures(for: "ana")! }
    var ben: RepFigures { report.figures(for: "ben")! }

    @Test func rowsAreTheTeamsRepsInSettingsOrder() {
        #expect(report.reps.map(\.rep) == ["ana", "ben", "dana", "zoe"])
        let dana = report.figures(for: "dana")!
        #expect(
            dana.handoffs == 0 && dana.handled == 0 && dana.decisions == 0, "the undone assignment gave dana nothing")
    }

    @Test func handoffsHandledAndDecisions() {
        #expect(ana.handoffs == 9)
        #expect(ben.handoffs == 4)
        #expect(report.team.handoffs == 13)
        // ana's A6 (untouched) and A8 (handed over untouched) are not handled; P1 is (rejected in the window).
        #expect(ana.handled == 8)
        #expect(ben.handled == 4)
        #expect(report.team.handled == 12)
        #expect((ana.accepted, ana.rejected, ana.qualified, ana.nurtured) == (5, 4, 1, 1))
        #expect((ben.accepted, ben.rejected, ben.qualified, ben.nurtured) == (3, 2, 1, 0))
        let t = report.team
        #expect((t.accepted, t.rejected, t.qualified, t.nurtured) == (8, 6, 2, 1))
    }

    @Test func responseTimesMedianAndP90() {
        // ana: 2m, 10m, 4m, 30m, 3h (odd count: the middle one; p90 = 5th of 5).
        #expect(ana.responseTimes.sorted == [120, 240, 600, 1800, 10800])
        #expect(ana.responseTimes.median == 600)
        #expect(ana.responseTimes.p90 == 10800)
        // ben: 3m, 20m, 2h, 1m (even count: mean of 3m and 20m; p90 = ⌈3.6⌉ = 4th).
        #expect(ben.responseTimes.sorted == [60, 180, 1200, 7200])
        #expect(ben.responseTimes.median == 690)
        #expect(ben.responseTimes.p90 == 7200)
        #expect(report.team.responseTimes.count == 9)
        #expect(report.team.responseTimes.median == 600)
        #expect(report.team.responseTimes.p90 == 10800)
    }

    @Test func responseDistribution() {
        #expect(ana.responseDistribution.edges == [300, 3600, 86400])
        #expect(ana.responseDistribution.counts == [2, 2, 1, 0])
        #expect(ana.responseDistribution.waiting == 2)  // A6, A9
        #expect(ana.responseDistribution.leftWithoutContact == 1)  // A8, handed to ben
        #expect(ben.responseDistribution.counts == [2, 1, 1, 0])
        #expect(
            report.team.responseDistribution.bands.map(\.label) == [
                "≤ 5 min", "≤ 1 h", "≤ 24 h", "> 24 h", "no contact yet", "left without contact",
            ])
        #expect(report.team.responseDistribution.bands.map(\.count) == [4, 3, 2, 0, 2, 1])
    }

    @Test func slaBreaches() {
        // First touch: A2 (hot, 10m), A5 (3h), A8 (handed over after 3h untouched), A6 (2h, running).
        #expect(ana.firstTouchClocks == 8)  // 9 handoffs less A7 (do-not-contact)
        #expect(ana.firstTouchBreaches == 4)
        #expect(ben.firstTouchClocks == 4)
        #expect(ben.firstTouchBreaches == 1)  // B3, 2h
        // Decision: A3 accepted after 30h; ben's A8 accepted ~70h after the reassignment.
        #expect(ana.decisionBreaches == 1)
        #expect(ben.decisionBreaches == 1)
        #expect(report.team.decisionBreaches == 2)
        #expect(report.team.firstTouchBreaches == 5)
    }

    @Test func followUps() {
        #expect(ana.followUpsDone == 0)
        #expect(ana.followUpsOverdue == 1)  // A3's, due 11-25; A4's was cancelled by the clawback
        #expect(ben.followUpsDone == 2)
        #expect(ben.followUpsOverdue == 0)  // due tomorrow
    }

    @Test func overdueIsCountedAtTheWindowsEnd() {
        let before = ReportFixture.report(
            window: ReportWindow(from: ReportFixture.window.from, to: iso("2026-11-25T09:00:00Z")))
        #expect(before.figures(for: "ana")!.followUpsOverdue == 0)
        let after = ReportFixture.report(
            window: ReportWindow(from: ReportFixture.window.from, to: iso("2026-11-25T12:00:00Z")))
        #expect(after.figures(for: "ana")!.followUpsOverdue == 1)
        // B2's follow-up (due 11-17 15:00, done 16:00) was overdue at 15:30.
        let then = ReportFixture.report(
            window: ReportWindow(from: ReportFixture.window.from, to: iso("2026-11-17T15:30:00Z")))
        #expect(then.figures(for: "ben")!.followUpsOverdue == 1)
    }

    @Test func timeInStage() {
        #expect(ana.stageTimes[.assigned]!.sorted == [900, 3600, 3600, 3600, 7200, 10800, 14400, 108000])
        #expect(ana.stageTimes[.assigned]!.median == 5400)
        #expect(ana.stageTimes[.accepted]!.sorted == [3600, 82800, 86400, 525300])
        #expect(ana.stageTimes[.accepted]!.median == 84600)
        #expect(ben.stageTimes[.assigned]!.median == 7200)
        #expect(ben.stageTimes[.accepted]!.median == 346350)
        #expect(ana.stageTimes[.new] == nil)
        let team = report.team.stageTimes
        #expect(team[.assigned]!.count == 12 && team[.assigned]!.median == 5400)
        #expect(team[.accepted]!.median == 86400)
        #expect(team[.new]!.count == 12 && team[.new]!.median == 300)
        #expect(team[.nurture] == nil)  // A4 is still there
    }
}

@Suite struct DurationsTests {
    @Test func medianAndNearestRankPercentiles() {
        #expect(Durations([]).median == nil && Durations([]).p90 == nil)
        #expect(Durations([7]).median == 7 && Durations([7]).p90 == 7)
        #expect(Durations([10, 1]).median == 5)  // mean of 1 and 10, rounded down
        let ten = Durations(Array(1...10).map(Int64.init))
        #expect(ten.median == 5)  // (5 + 6) / 2 rounded down
        #expect(ten.p90 == 9)  // ⌈9.0⌉ = 9th
        let eleven = Durations(Array(1...11).map(Int64.init).reversed())
        #expect(eleven.median == 6)
        #expect(eleven.p90 == 10)  // ⌈9.9⌉ = 10th
        #expect(eleven.percentile(100) == 11 && eleven.percentile(1) == 1)
        #expect((Durations([5, 1]) + Durations([3])).sorted == [1, 3, 5])
    }
}
