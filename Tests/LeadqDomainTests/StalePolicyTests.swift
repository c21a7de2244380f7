import LeadqDomain
import LeadqTestSupport
import Testing

/// Issue 14: the stale-lead policy and re-engagement as the documents give them.
@Suite struct StalePolicyTests {
    let base = LeadScript().assign("ana").accept(by: "ana")

    @Test func reschedulingIsNotActivity() {
        // Last contacted on day 0; follow-ups moved on day 20 and day 29 don't keep it fresh.
        let s = base.contact(.call, .connected, by: "ana")
            .after(20 * Span.day).followUp(due: Fixture.t0 + 25 * Span.day, by: "ana")
            .after(9 * Span.day).replaceFollowUp(due: Fixture.t0 + 40 * Span.day, by: "ana")
        let st = SLA.status(s.lead, now: Fixture.t0 + 30 * Span.day, settings: s.settings)
        #expect(st.idle == 30 * Span.day)
        #expect(st.clawbackDue)
        #expect(Stale.due([s.lead], now: Fixture.t0 + 30 * Span.day, settings: s.settings).map(\.id) == ["L-00001"])
        // A contact is activity.
        let called = s.contact(.call, .noAnswer, by: "ana")
        #expect(!SLA.status(called.lead, now: Fixture.t0 + 30 * Span.day, settings: s.settings).clawbackDue)
    }

    @Test func dueForClawbackIsShownWarnDaysBefore() {
        let s = base.contact(.call, .connected, by: "ana")
        let at = { (days: Int64) in SLA.status(s.lead, now: Fixture.t0 + days * Span.day, settings: s.settings) }
        #expect(!at(24).clawbackSoon)
        #expect(at(25).clawbackSoon)
        #expect(at(25).clawbackAt == Fixture.t0 + 30 * Span.day)
        #expect(at(27).nextAction == "contact or decide: idle 27 days, clawback in 3 d")
        #expect(!at(30).clawbackSoon)
        #expect(at(30).clawbackDue)
        var s2 = s.settings
        s2.clawbackWarnDays = 10
        #expect(SLA.status(s.lead, now: Fixture.t0 + 21 * Span.day, settings: s2).clawbackSoon)
        #expect(
            Stale.dueSoon([s.lead], now: Fixture.t0 + 26 * Span.day, settings: s.settings).map(\.id) == ["L-00001"])
    }

    @Test func aNotNowRejectionCanGoToNurture() {
        #expect(base.reject("not-now", by: "ana").lead.stage == .rejected)
        var s = base
        s.settings.notNowToNurture = true
        let nurtured = s.reject("not-now", note: "Q3", by: "ana")
        #expect(nurtured.lead.stage == .nurture)
        #expect(nurtured.lead.history.last?.op == .clawback(reason: "not-now", note: "Q3", policy: false))
        // Other reasons still close the lead.
        #expect(s.reject("no-budget", by: "ana").lead.stage == .rejected)
    }

    @Test func releasesFollowThe30_60_90DaySteps() {
        let settings = Fixture.settings
        let nurtured = base.clawback(by: "ana")
        let rest = { (s: LeadScript, days: Int64) in
            NurtureRelease.dueSteps([s.lead], now: s.now + days * Span.day, settings: settings)
        }
        #expect(rest(nurtured, 29).isEmpty)
        #expect(rest(nurtured, 30).map(\.step) == [1])
        var once = nurtured.after(30 * Span.day)
        once.run(.release(note: "", step: 1), by: "mia")
        #expect(once.lead.history.last?.op == .release(note: "", step: 1))
        // Back to nurture: the second release waits 60 days, the third 90, then it stays.
        let twice = once.assign("ben").clawback(by: "ben")
        #expect(rest(twice, 59).isEmpty)
        #expect(rest(twice, 60).map(\.step) == [2])
        var second = twice.after(60 * Span.day)
        second.run(.release(note: "", step: 2), by: "mia")
        let thrice = second.assign("ben").clawback(by: "ben")
        #expect(rest(thrice, 89).isEmpty)
        #expect(rest(thrice, 90).map(\.step) == [3])
        var third = thrice.after(90 * Span.day)
        third.run(.release(note: "", step: 3), by: "mia")
        let done = third.assign("ben").clawback(by: "ben")
        #expect(rest(done, 900).isEmpty)
        // A manager's own release doesn't count as a step.
        let manual = nurtured.release()
        #expect(NurtureRelease.nextStep(manual.lead) == 1)
    }

    @Test func theReleasedLeadCanGoBackToItsPreviousOwner() {
        var settings = Fixture.settings
        let nurtured = base.clawback(by: "ana")
        #expect(NurtureRelease.previousOwner(nurtured.lead, settings) == nil)
        settings.releaseToPreviousOwner = true
        #expect(NurtureRelease.previousOwner(nurtured.lead, settings) == "ana")
        settings.reps[0].away = true
        #expect(NurtureRelease.previousOwner(nurtured.lead, settings) == nil)
    }

    @Test func aNurtureLeadThatTurnsHotComesBack() {
        var settings = Fixture.settings
        let nurtured = base.clawback(by: "ana")
        #expect(!NurtureRelease.turnedHot(nurtured.lead, settings))
        var p = nurtured.lead.profile
        p.score = 92
        let hot = nurtured.update(to: p)
        #expect(NurtureRelease.turnedHot(hot.lead, settings))
        settings.releaseWhenHot = false
        #expect(!NurtureRelease.turnedHot(hot.lead, settings))
    }
}
