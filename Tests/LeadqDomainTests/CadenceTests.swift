import LeadqDomain
import LeadqTestSupport
import Testing

/// Issue 14: a cadence that drives itself, playbooks per trigger or source, and a rep's own
/// follow-up never silently replaced.
@Suite struct CadenceTests {
    func t(_ s: String) -> Instant { Instant(iso8601: s)! }
    let base = LeadScript().assign("ana").accept(by: "ana")

    @Test func anAttemptCompletesTheFollowUpThatWasDueAndSchedulesTheNextStep() {
        // L-00042 of the issue: the day-1 follow-up overdue for 13 days, then another unanswered call.
        let first = base.contact(.call, .noAnswer, by: "ana")
        let dayOne = first.lead.work.nextFollowUp!
        #expect(dayOne.due == Fixture.t0 + Span.day)
        let late = first.after(14 * Span.day).contact(.call, .noAnswer, by: "ana")
        let work = late.lead.work
        #expect(work.followUps.first { $0.id == dayOne.id }?.status == .done)
        #expect(work.openFollowUps.count == 1)
        // Day 3 after the first attempt is long past: the next step is an hour from now.
        #expect(work.nextFollowUp?.due == late.now + Span.hour)
        if case .contact(let c) = late.lead.history.last?.op { #expect(c.completes == [dayOne.id]) }
    }

    @Test func aConnectionAReplyOrAMeetingEndsTheCadence() {
        for outcome in [Outcome.connected, .replied, .meetingBooked] {
            let s = base.contact(.call, .noAnswer, by: "ana").after(Span.hour).contact(.email, outcome, by: "ana")
            #expect(s.lead.work.openFollowUps.isEmpty, "\(outcome)")
            #expect(s.lead.work.followUps.map(\.status) == [.done], "\(outcome)")
        }
        // A reply that comes in ends it too.
        let inbound = base.contact(.call, .noAnswer, by: "ana").contact(
            .email, .replied, direction: .inbound, by: "ana")
        #expect(inbound.lead.work.openFollowUps.isEmpty)
    }

    @Test func theCadenceStopsAtTheRecommendedAttempts() {
        var s = base
        for _ in 0..<5 {
            s = s.contact(.call, .noAnswer, by: "ana")
            s.now = s.lead.work.nextFollowUp!.due
        }
        let sixth = s.contact(.call, .voicemail, by: "ana")
        #expect(sixth.lead.work.openFollowUps.isEmpty)
        #expect(SLA.status(sixth.lead, now: sixth.now, settings: sixth.settings).attempts == 6)
        var fewer = Fixture.settings
        fewer.recommendedAttempts = 2
        let two = LeadScript(settings: fewer).assign("ana").contact(.call, .noAnswer, by: "ana")
        #expect(two.lead.work.openFollowUps.count == 1)
        #expect(two.contact(.call, .noAnswer, by: "ana").lead.work.openFollowUps.isEmpty)
    }

    @Test func aRepsOwnFollowUpStandsAndTheCadenceWaits() {
        let own = base.followUp(due: Fixture.t0 + 2 * Span.day, what: "Call after the board meeting", by: "ana")
        // Not due yet: the call doesn't complete it, and the cadence doesn't add one beside it.
        let called = own.contact(.call, .noAnswer, by: "ana")
        #expect(called.lead.work.openFollowUps.map(\.what) == ["Call after the board meeting"])
        // Due by the end of the day: the attempt completes it, and the cadence takes over.
        let due = own.after(2 * Span.day - Span.hour).contact(.call, .noAnswer, by: "ana")
        #expect(due.lead.work.followUps.first?.status == .done)
        #expect(due.lead.work.nextFollowUp?.automatic == true)
        // Scheduling over a cadence follow-up replaces it without asking.
        let auto = base.contact(.call, .noAnswer, by: "ana").followUp(due: Fixture.t0 + 3 * Span.day, by: "ana")
        #expect(auto.lead.work.followUps.map(\.status) == [.replaced, .open])
    }

    @Test func followUpsLandInWorkingHours() {
        var s = Fixture.settings
        s.businessHours = true
        // Friday 16:00: day 1 would be Saturday 16:00; it lands Monday 09:00.
        let friday = t("2026-11-27T16:00:00Z")
        let lead = LeadScript(at: friday, settings: s).assign("ana").contact(.call, .noAnswer, by: "ana").lead
        #expect(lead.work.nextFollowUp?.due == t("2026-11-30T09:00:00Z"))
        // In the rep's own zone: 22:00 UTC on a Tuesday is 17:00 in New York, in hours.
        s.reps[0].timeZone = "America/New_York"
        s.zones["America/New_York"] = ZoneTables.newYork
        let ny = LeadScript(at: t("2026-11-24T22:00:00Z"), settings: s).assign("ana").contact(
            .call, .noAnswer, by: "ana")
        #expect(ny.lead.work.nextFollowUp?.due == t("2026-11-25T22:00:00Z"))
    }

    var withPlaybooks: Settings {
        var s = Fixture.settings
        s.playbooks = Playbook.defaults
        return s
    }

    @Test func aDemoRequestFollowsItsPlaybook() {
        var p = Fixture.profile(score: 70)
        p.trigger = "Requested a demo"
        p.source = "paid-search"
        let s = withPlaybooks
        let lead = LeadScript(profile: p, settings: s).assign("ana").accept(by: "ana")
        #expect(SLA.firstTouch(lead.lead, now: Fixture.t0, settings: s)?.deadline == Fixture.t0 + 5 * Span.minute)
        let first = SLA.status(lead.lead, now: Fixture.t0 + Span.minute, settings: s)
        #expect(
            first.step
                == CadenceStep(
                    number: 1, of: 6, channel: .call, what: "Call about the demo they asked for",
                    playbook: "demo-request"))
        #expect(first.nextAction == "first touch: 4 min left · step 1 of 6: call — Call about the demo they asked for")
        let missed = lead.after(2 * Span.minute).contact(.call, .noAnswer, by: "ana")
        let f = missed.lead.work.nextFollowUp!
        #expect(f.channel == .email)
        #expect(f.what == "Email a recap and times for the demo")
        #expect(f.due == Fixture.t0 + 2 * Span.minute + Span.day)
        let st = SLA.status(missed.lead, now: f.due + Span.hour, settings: s)
        #expect(st.nextAction == "follow up: overdue 1 h · step 2 of 6: email — Email a recap and times for the demo")
        let again = missed.after(Span.day).contact(.email, .noAnswer, by: "ana").lead.work.nextFollowUp!
        #expect(again.channel == .call)
        #expect(again.due == Fixture.t0 + 2 * Span.minute + 3 * Span.day)
        // Past the playbook's steps, the team's cadence days after its last: 7, 14, 21.
        #expect(s.cadenceDays(for: p) == [1, 3, 7, 14])
    }

    @Test func aWebinarAttendeeGetsADay() {
        let s = withPlaybooks
        let lead = LeadScript(profile: Fixture.profile(score: 50), settings: s).assign("ana").lead
        #expect(SLA.firstTouch(lead, now: Fixture.t0, settings: s)?.deadline == Fixture.t0 + 24 * Span.hour)
        // A hot attendee keeps the hot lead's five minutes.
        let hot = LeadScript(profile: Fixture.profile(score: 90), settings: s).assign("ana").lead
        #expect(SLA.firstTouch(hot, now: Fixture.t0, settings: s)?.deadline == Fixture.t0 + 5 * Span.minute)
        #expect(SLA.status(hot, now: Fixture.t0, settings: s).step?.playbook == "webinar")
    }

    @Test func cadenceDaysGoOnAtTheLastInterval() {
        #expect(Cadence.day(ofStep: 3, [1, 3, 7, 14]) == 14)
        #expect(Cadence.day(ofStep: 4, [1, 3, 7, 14]) == 21)
        #expect(Cadence.day(ofStep: 6, [1, 3, 7, 14]) == 35)
        #expect(Cadence.day(ofStep: 2, [2]) == 6)
        #expect(Cadence.day(ofStep: 0, []) == nil)
    }
}
