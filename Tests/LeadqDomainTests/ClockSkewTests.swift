import LeadqDomain
import LeadqTestSupport
import Testing

/// Processes write with their own clocks: a contact logged after an assignment (in journal order)
/// may carry an earlier time when its writer's clock is behind. It is still the first touch.
@Suite struct ClockSkewTests {
    let settings = Fixture.settings

    /// Assigned at 09:00 by one writer; a contact logged next by a writer whose clock says 08:50.
    var skewed: LeadScript {
        LeadScript().assign("ana").after(-10 * 60).contact(.call, .noAnswer, by: "ana")
    }

    @Test func aContactTimedBeforeItsAssignmentStillCountsAsTheFirstTouch() {
        let lead = skewed.lead
        #expect(lead.history.map(\.op.name) == ["created", "assign", "contact"])
        #expect(lead.work.contacts[0].at < lead.work.assignedAt!)
        let now = Fixture.t0 + 3 * Span.hour
        let status = SLA.status(lead, now: now, settings: settings)
        #expect(status.attempts == 1)
        let touch = SLA.firstTouch(lead, now: now, settings: settings)
        // Met, at the assignment's time (the contact's, clamped to it): in time, not breached.
        #expect(touch?.metAt == Fixture.t0)
        #expect(touch?.breached == false)
        #expect(!status.anyBreach)
        #expect(lead.work.firstContactAt == Fixture.t0)
        #expect(!status.nextAction.contains("first touch"))
    }

    @Test func contactsOfAnEarlierAssignmentDontCountForTheNextOne() {
        // Logged in ben's spell; then reassigned to ana at a later time: ana has not touched it.
        let s = LeadScript().assign("ben").after(60).contact(.call, .noAnswer, by: "ben").after(60).assign("ana")
        let status = SLA.status(s.lead, now: Fixture.t0 + 2 * Span.hour, settings: settings)
        #expect(status.attempts == 0)
        #expect(status.firstTouch?.metAt == nil)
        #expect(status.firstTouch?.breached == true)
    }

    @Test func theCadenceCountsFromTheClampedFirstAttempt() {
        let lead = skewed.lead
        // The cadence's first step is a day after the first attempt, taken at the assignment's time.
        #expect(lead.work.followUps.first?.due == Fixture.t0 + Span.day)
    }
}
