import LeadqDomain
import LeadqTestSupport
import Testing

@Suite struct UndoTests {
    @Test func undoRestoresTheWorkStateAndKeepsTheHistory() {
        let before = LeadScript().assign("ana").accept(by: "ana")
        let rejected = before.reject("no-budget", by: "ana")
        let target = rejected.lead.history.last!.seq
        let undone = rejected.undo(target, by: "ana")
        #expect(undone.lead.work == before.lead.work)
        #expect(undone.lead.stage == .accepted)
        #expect(undone.lead.owner == "ana")
        #expect(undone.lead.history.map(\.op.name) == ["created", "assign", "accept", "reject", "undo"])
        #expect(undone.lead.undoneSeqs == [target])
    }

    @Test func undoingAContactRemovesItFromTheEffectiveContactsAndItsCadence() {
        let before = LeadScript().assign("ana").accept(by: "ana")
        let called = before.contact(.call, .noAnswer, by: "ana")
        #expect(called.lead.work.nextFollowUp != nil)
        let undone = called.undo(called.lead.history.last!.seq, by: "ana")
        #expect(undone.lead.work.contacts.isEmpty)
        #expect(undone.lead.work.followUps.isEmpty)
        #expect(undone.lead.work == before.lead.work)
    }

    @Test func refusals() {
        let s = LeadScript().assign("ana").accept(by: "ana")
        let acceptSeq = s.lead.history.last!.seq
        func refusal(_ s: LeadScript, _ t: Int64, _ by: String) -> String? {
            if case .failure(let r) = s.decide(.undo(target: t), by: by) { return r.message }
            return nil
        }
        #expect(refusal(s, acceptSeq, "ben") == "that action on L-00001 was ana's; only they can undo it")
        #expect(refusal(s, 1, "ana") == "'created' on L-00001 can't be undone")
        #expect(refusal(s, 999, "ana") == "L-00001 has no action #999 to undo")
        let later = s.after(120).contact(.email, .replied, by: "mia")
        #expect(
            refusal(later, acceptSeq, "ana")
                == "can't undo: L-00001 changed after that (contacted (email, replied) by mia at 09:02)")
        let twice = s.undo(acceptSeq, by: "ana")
        #expect(refusal(twice, acceptSeq, "ana") == "Accepted on L-00001 was already undone")
        #expect(refusal(twice, twice.lead.history.last!.seq, "ana") == "'undo' on L-00001 can't be undone")
    }

    @Test func anAlreadyUndoneFollowUpIsNamedInTheRepsLocalTime() {
        let s = LeadScript().assign("ana").accept(by: "ana")
        let due = Instant(iso8601: "2026-11-24T15:30:00Z")!
        let scheduled = s.followUp(due: due, what: "Call CFO", by: "ana")
        let target = scheduled.lead.history.last!.seq
        let twice = scheduled.undo(target, by: "ana")
        let berlin = Context(now: twice.now, actor: "ana", settings: twice.settings, utcOffset: 3600)
        guard case .failure(let r) = Rules.decide(.undo(target: target), on: twice.lead, in: berlin) else {
            Issue.record("a second undo was not refused")
            return
        }
        #expect(r.message == "Follow-up 2026-11-24 16:30: Call CFO on L-00001 was already undone")
    }

    @Test func undoingTwoActionsInTurnWalksBack() {
        let s0 = LeadScript().assign("ana")
        let s1 = s0.accept(by: "ana")
        let s2 = s1.contact(.call, .connected, by: "ana")
        let u1 = s2.undo(s2.lead.history.last!.seq, by: "ana")
        let u2 = u1.undo(s1.lead.history.last!.seq, by: "ana")
        #expect(u2.lead.work == s0.lead.work)
        #expect(u2.lead.stage == .assigned)
    }
}
