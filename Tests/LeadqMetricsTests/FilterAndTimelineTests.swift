import LeadqDemo
import LeadqDomain
import LeadqMetrics
import LeadqTestSupport
import Testing

@Suite struct FilterTests {
    @Test func oneRep() {
        let r = ReportFixture.report(filter: ReportFilter(rep: "ana"))
        #expect(r.reps.map(\.rep) == ["ana"])
        #expect(r.team.handoffs == 9 && r.team.handled == 8)
        #expect(r.team.responseTimes.median == 600)
        #expect(r.team.stageTimes[.new] == nil, "the pool belongs to no rep")
        #expect(
            r.rejectionsBySource.map { "\($0.group) \($0.reason) \($0.count)" } == [
                "webinar bad-fit 1", "webinar no-consent 1", "cold-list bad-data 1", "paid-search no-budget 1",
            ])
        // Cohorts keep the leads that passed through ana's queue: A8 (now ben's) stays, C1 and D1 go.
        #expect(
            r.cohorts.map { "\($0.period.label) \($0.source ?? "all") \($0.size)" } == [
                "2026-11-16 webinar 4", "2026-11-16 paid-search 2", "2026-11-16 cold-list 1", "2026-11-16 all 7",
                "2026-11-23 webinar 2", "2026-11-23 all 2",
            ])
    }

    @Test func oneTeam() {
        let amer = ReportFixture.report(filter: ReportFilter(team: "amer"))
        #expect(amer.reps.map(\.rep) == ["ben"])
        #expect(amer.team.handoffs == 4 && amer.team.rejected == 2)
        let emea = ReportFixture.report(filter: ReportFilter(team: "emea"))
        #expect(emea.reps.map(\.rep) == ["ana", "dana", "zoe"])
        #expect(emea.team.handoffs == 9)
        #expect(ReportFixture.report(filter: ReportFilter(rep: "ben", team: "emea")).reps.isEmpty)
    }

    @Test func oneSource() {
        let r = ReportFixture.report(filter: ReportFilter(source: "Web-inar"))
        #expect(r.figures(for: "ana")!.handoffs == 0, "'Web-inar' is two words, not 'webinar'")
        let w = ReportFixture.report(filter: ReportFilter(source: "WEBINAR"))
        #expect(w.figures(for: "ana")!.handoffs == 6)  // A1, A3, A7, A8, A6, A9
        #expect(w.figures(for: "ben")!.handoffs == 1)  // A8
        #expect(w.cohorts.compactMap(\.source) == ["webinar", "webinar"])
        #expect(w.rejectionsBySource.map(\.group) == ["webinar", "webinar"])
    }

    @Test func anUnknownRepGetsAnEmptyRow() {
        let r = ReportFixture.report(filter: ReportFilter(rep: "nobody"))
        #expect(r.reps.map(\.rep) == ["nobody"])
        #expect(r.team.handoffs == 0 && r.cohorts.allSatisfy { $0.size == 0 })
    }
}

@Suite struct TimelineTests {
    @Test func entriesAfterNowAreNotSeen() {
        // Accepted at 12:00; the report asks as of 11:00: still undecided, and its undo at 13:00 not yet made.
        var s = ReportFixture.lead("L-00050", "F1", score: 50, source: "webinar", created: "2026-11-27T09:00:00Z")
            .at("2026-11-27T09:00:00Z").assign("ana").at("2026-11-27T12:00:00Z").accept(by: "ana")
        s = s.at("2026-11-27T13:00:00Z").undo(s.lastSeq, by: "ana")
        let at11 = LeadTimeline(s.lead, now: iso("2026-11-27T11:00:00Z"))
        #expect(at11.spells.count == 1 && at11.spells[0].acceptedAt == nil)
        let at1230 = LeadTimeline(s.lead, now: iso("2026-11-27T12:30:00Z"))
        #expect(at1230.spells[0].acceptedAt == iso("2026-11-27T12:00:00Z"))
        #expect(at1230.reached == [.accepted])
        let at14 = LeadTimeline(s.lead, now: iso("2026-11-27T14:00:00Z"))
        #expect(at14.spells[0].acceptedAt == nil && at14.reached.isEmpty)
    }

    @Test func spellsStaysAndOwners() {
        let a8 = LeadTimeline(ReportFixture.leads.first { $0.id == "L-00008" }!, now: ReportFixture.now)
        #expect(a8.spells.map(\.rep) == ["ana", "ben"])
        #expect(a8.spells[0].handedOverAt == iso("2026-11-20T12:05:00Z"))
        #expect(a8.spells[1].firstContactAt == iso("2026-11-20T12:06:00Z"))
        #expect(
            a8.stays.map { "\($0.stage.rawValue) \($0.rep ?? "-") \($0.duration)" } == [
                "new - 300", "assigned ana 10800", "assigned ben 251700",
            ])
        #expect(a8.owner(at: iso("2026-11-20T12:04:59Z")) == "ana")
        #expect(a8.owner(at: iso("2026-11-20T12:05:00Z")) == "ben")
        #expect(a8.owner(at: iso("2026-11-20T09:00:00Z")) == nil)
        let p1 = LeadTimeline(ReportFixture.leads.first { $0.id == "L-00031" }!, now: ReportFixture.now)
        #expect(p1.owner(at: iso("2026-11-16T12:00:00Z")) == nil, "rejected at that moment")
        #expect(
            p1.decisions.map { "\($0.outcome.rawValue) \($0.rep) \($0.reason)" } == [
                "accepted ana ", "rejected ana bad-fit",
            ])
    }

    @Test func aManagersDecisionCountsForTheQueueItWasIn() {
        let l = ReportFixture.lead("L-00060", "M1", score: 50, source: "webinar", created: "2026-11-26T09:00:00Z")
            .after(60).assign("ben").after(60).reject("duplicate", by: "mia").lead
        let r = Report.build(
            [l], settings: ReportFixture.settings, window: ReportFixture.window, periods: [], now: ReportFixture.now)
        #expect(r.figures(for: "ben")!.rejected == 1)
        #expect(r.figures(for: "mia") == nil)
    }

    @Test func routedToNurtureReachesNurtureWithoutARepDecision() {
        var s = ReportFixture.lead("L-00061", "N1", score: 20, source: "cold-list", created: "2026-11-26T09:00:00Z")
            .after(60)
        s.run(.nurture(rule: "nurture-low-score"), by: "mia")
        let tl = LeadTimeline(s.lead, now: ReportFixture.now)
        #expect(tl.reached == [.nurture] && tl.decisions.isEmpty && tl.spells.isEmpty)
        #expect(tl.stays.map { "\($0.stage.rawValue) \($0.duration)" } == ["new 60"])
        let r = Report.build(
            [s.lead], settings: ReportFixture.settings, window: ReportFixture.window,
            periods: [ReportFixture.week1, ReportFixture.week2], now: ReportFixture.now)
        #expect(r.team.nurtured == 0 && r.team.handled == 0)
        #expect(r.cohortTotals.last!.nurture == 1)
        #expect(r.team.stageTimes[.new]?.sorted == [60])
    }

    /// The demo shows consent as a team would see it: each do-not-contact lead says where and when.
    @Test func theDemosDoNotContactLeadsSayWhereAndWhen() {
        let now = iso("2026-11-27T12:00:00Z")
        let (_, leads) = DemoStore(leads: 600, seed: 9, now: now).generate()
        let refusing = leads.filter(\.profile.doNotContact)
        #expect(refusing.count > 5)
        for lead in refusing {
            #expect(!lead.profile.consentSource.isEmpty && lead.profile.consentAt.seconds != 0, "\(lead.id)")
        }
    }

    /// The clocks the report computes for a lead's current assignment agree with the queue's SLA
    /// clocks, on every lead of a demo store.
    @Test func currentClocksAgreeWithTheQueue() {
        let now = iso("2026-11-27T12:00:00Z")
        let (settings, leads) = DemoStore(leads: 600, seed: 9, now: now).generate()
        var checked = 0
        for lead in leads {
            let tl = LeadTimeline(lead, now: now)
            guard let spell = tl.spells.last, spell.handedOverAt == nil, lead.work.assignedAt != nil else { continue }
            let c = SpellClocks(spell, profile: lead.profile, settings: settings, now: now)
            #expect(c.decisionBreached == SLA.decision(lead, now: now, settings: settings)?.breached, "\(lead.id)")
            #expect(c.firstTouchBreached == SLA.firstTouch(lead, now: now, settings: settings)?.breached, "\(lead.id)")
            checked += 1
        }
        #expect(checked > 500)
    }
}

/// A contact logged after the assignment by a writer whose clock is behind still answers it.
@Suite struct ClockSkewMetricsTests {
    @Test func aContactTimedBeforeItsAssignmentAnswersItAtTheAssignmentsTime() {
        let lead = LeadScript().assign("ana").after(-10 * 60).contact(.call, .noAnswer, by: "ana").lead
        let now = Fixture.t0 + 3 * Span.hour
        let spell = LeadTimeline(lead, now: now).spells[0]
        #expect(spell.firstContactAt == Fixture.t0)
        let clocks = SpellClocks(spell, profile: lead.profile, settings: Fixture.settings, now: now)
        #expect(clocks.responseTime == 0)
        #expect(clocks.firstTouchBreached == false)
    }
}
