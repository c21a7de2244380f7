import LeadqDomain
import LeadqTestSupport
import Testing

/// Which alerts are due, with the clock passed in: a hot lead assigned, a hot lead waiting in the
/// pool, an SLA about to breach, a follow-up coming due; each said for the look that finds it.
@Suite struct DispatchAlertTests {
    let s = Fixture.settings
    let t0 = Fixture.t0
    let minute = Span.minute

    func hot(_ id: String = "L-00001") -> LeadScript {
        LeadScript(id, profile: Fixture.profile(name: "Hanako", score: 92))
    }

    func warm(_ id: String = "L-00002") -> LeadScript {
        LeadScript(id, profile: Fixture.profile(name: "Grace", score: 50), firstSeq: 10)
    }

    func due(pool: [Lead] = [], active: [Lead] = [], since: AlertCursor, at now: Instant) -> [Alert] {
        Alerts.due(pool: pool, active: active, since: since, now: now, settings: s)
    }

    @Test func aHotLeadAssignedAfterTheLastLookAlertsItsRep() {
        let assigned = hot().after(minute).assign("ana").lead
        let seq = assigned.work.assignedSeq!
        let alerts = due(active: [assigned], since: AlertCursor(seq: seq - 1, at: t0), at: t0 + minute)
        #expect(alerts.map(\.key) == ["hot-assigned/L-00001/\(seq)"])
        #expect(alerts.first?.to == ["ana"])
        // The clock runs from the inquiry (t0), not from the assignment a minute later.
        #expect(alerts.first?.deadline == t0 + 5 * minute)
        #expect(
            alerts.first?.text
                == "Hot lead L-00001 (score 92, Hanako, Acme Logistics) assigned to ana: first touch by 09:05")
        // Seen at the last look, already accepted, or not hot: nothing to say.
        #expect(due(active: [assigned], since: AlertCursor(seq: seq, at: t0), at: t0 + minute).isEmpty)
        let accepted = hot().after(minute).assign("ana").accept(by: "ana").lead
        #expect(due(active: [accepted], since: AlertCursor(seq: 0, at: t0), at: t0 + minute).isEmpty)
        let notHot = warm().assign("ana").lead
        #expect(
            due(active: [notHot], since: AlertCursor(seq: 0, at: t0), at: t0).filter { $0.kind == .hotAssigned }.isEmpty
        )
    }

    @Test func aHotLeadWaitingInThePoolPastPoolHotMinutesAlertsTheManagers() {
        let pooled = hot().lead
        let since = AlertCursor(seq: 99, at: t0)
        #expect(due(pool: [pooled], since: since, at: t0 + 5 * minute - 1).isEmpty)
        let alerts = due(pool: [pooled], since: since, at: t0 + 5 * minute)
        #expect(alerts.map(\.key) == ["pool-hot/L-00001/\(t0.seconds)"])
        #expect(alerts.first?.to == ["mia"])
        #expect(alerts.first?.at == t0 + 5 * minute)
        // Back in the pool after a release, it waits afresh, and is a new alert.
        let released = hot().assign("ana").after(Span.hour).clawback(by: "ana").after(Span.day).release().lead
        let back = t0 + Span.hour + Span.day
        #expect(due(pool: [released], since: since, at: back + 4 * minute).isEmpty)
        #expect(
            due(pool: [released], since: since, at: back + 5 * minute).map(\.key) == [
                "pool-hot/L-00001/\(back.seconds)"
            ])
        // The assignment taken back by undo puts it in the pool from then on.
        let script = hot().after(minute).assign("ana")
        let undone = script.after(10 * minute).undo(script.lead.work.assignedSeq!, by: "mia").lead
        #expect(Alerts.poolSince(undone) == t0 + 11 * minute)
        var later = s
        later.poolHotMinutes = 30
        #expect(Alerts.due(pool: [pooled], active: [], since: since, now: t0 + 29 * minute, settings: later).isEmpty)
    }

    @Test func anSLAIsWarnedOfWarnMinutesBeforeItsDeadline() {
        let lead = warm().assign("ana").lead
        let since = AlertCursor(seq: 99, at: t0)
        #expect(due(active: [lead], since: since, at: t0 + 49 * minute).isEmpty)
        let alerts = due(active: [lead], since: since, at: t0 + 50 * minute)
        #expect(alerts.map(\.key) == ["sla-warning/L-00002/11/first-touch"])
        #expect(alerts.first?.deadline == t0 + Span.hour)
        #expect(alerts.first?.text.hasSuffix("the first-touch SLA breaches in 10 min, at 10:00") == true)
        // The decision clock has its own warning, 24 h after assignment less 10 min.
        let decision = due(
            active: [lead], since: AlertCursor(seq: 99, at: t0 + Span.hour), at: t0 + 24 * Span.hour - 10 * minute)
        #expect(decision.map(\.key) == ["sla-warning/L-00002/11/decision"])
        // A clock met (a first contact) isn't warned of.
        let touched = warm().assign("ana").after(minute).contact(.call, .connected, by: "ana").lead
        #expect(due(active: [touched], since: since, at: t0 + 50 * minute).isEmpty)
    }

    @Test func aWarningMissedWhileNobodyLookedIsSaidOnceAndAHotClockShorterThanTheWarningIsNot() {
        let lead = warm().assign("ana").lead
        // The last look was before the deadline; it has breached since: said, as breached.
        let late = due(active: [lead], since: AlertCursor(seq: 99, at: t0 + 55 * minute), at: t0 + 2 * Span.hour)
        #expect(late.map(\.key) == ["sla-warning/L-00002/11/first-touch"])
        #expect(late.first?.text.contains("has breached") == true)
        // Breached before the last look: that look said it, or it was never due.
        #expect(due(active: [lead], since: AlertCursor(seq: 99, at: t0 + 61 * minute), at: t0 + 2 * Span.hour).isEmpty)
        // A hot lead's 5-minute clock is inside the 10-minute warning: its assignment's alert says it.
        let hotLead = hot().assign("ana").lead
        let alerts = due(active: [hotLead], since: AlertCursor(seq: 99, at: t0), at: t0 + 4 * minute)
        #expect(alerts.isEmpty)
    }

    @Test func aFollowUpComingDueSinceTheLastLookAlertsItsRep() {
        let script = warm().assign("ana").accept(by: "ana").contact(.call, .connected, by: "ana")
            .followUp(due: t0 + Span.day, by: "ana")
        let lead = script.lead
        let id = lead.work.nextFollowUp!.id
        #expect(due(active: [lead], since: AlertCursor(seq: 99, at: t0 + Span.day), at: t0 + Span.day + 1).isEmpty)
        let alerts = due(active: [lead], since: AlertCursor(seq: 99, at: t0 + Span.day - 1), at: t0 + Span.day)
        #expect(alerts.map(\.key) == ["followup-due/L-00002/\(id)"])
        #expect(alerts.first?.text == "Follow-up due on L-00002 (score 50, Grace, Acme Logistics): Call back")
        let done = script.after(Span.hour).completeFollowUp(by: "ana").lead
        #expect(due(active: [done], since: AlertCursor(seq: 99, at: t0), at: t0 + Span.day).isEmpty)
    }

    @Test func aNotifyCommandTakesTheKindsAndRepsItNames() {
        let a = Alert(kind: .poolHot, key: "k", lead: "L-1", to: ["mia"], at: t0, text: "")
        #expect(NotifyCommand(command: ["x"]).wants(a))
        #expect(NotifyCommand(command: ["x"], alerts: [.poolHot]).wants(a))
        #expect(!NotifyCommand(command: ["x"], alerts: [.followUpDue]).wants(a))
        #expect(NotifyCommand(command: ["x"], to: ["mia", "ana"]).wants(a))
        #expect(!NotifyCommand(command: ["x"], to: ["ana"]).wants(a))
    }
}
