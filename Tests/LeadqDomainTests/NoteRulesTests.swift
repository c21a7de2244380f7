import LeadqDomain
import LeadqTestSupport
import Testing

/// Notes: who may write one, in which stage, and that they change nothing else.
@Suite struct NoteRulesTests {
    func decide(_ script: LeadScript, _ text: String, by actor: String) -> Result<Op, Refusal> {
        script.decide(.note(text), by: actor)
    }

    @Test func theOwnerAManagerAndTheLastOwnerMayWriteANote() {
        let working = LeadScript("L-00001").assign("ana").accept(by: "ana")
        #expect(
            decide(working, "  Prefers mornings\nCFO is Jo  ", by: "ana")
                == .success(.note("Prefers mornings\nCFO is Jo")))
        #expect(decide(working, "checked", by: "mia") == .success(.note("checked")))
        #expect(
            decide(working, "mine now?", by: "ben")
                == .failure(Refusal("L-00001 is ana's lead; only ana or a manager can write a note on it")))
        let rejected = working.reject("no-budget", by: "ana")
        #expect(decide(rejected, "They came back in May", by: "ana") == .success(.note("They came back in May")))
        #expect(
            decide(rejected, "x", by: "ben")
                == .failure(Refusal("L-00001 is ana's lead; only ana or a manager can write a note on it")))
    }

    @Test func anEmptyNoteIsBadInput() {
        let r = decide(LeadScript("L-00001").assign("ana"), " \n ", by: "ana")
        #expect(r == .failure(Refusal("a note needs some text", badInput: true)))
    }

    @Test func aNoteChangesNothingElseAndCanBeUndone() {
        let before = LeadScript("L-00001").assign("ana").accept(by: "ana")
        var after = before.after(3_600)
        after.run(.note("left a voicemail with the assistant"), by: "ana")
        #expect(after.lead.work.lastActivityAt == before.lead.work.lastActivityAt)
        #expect(after.lead.stage == .accepted)
        let undone = after.undo(after.lead.version, by: "ana").lead
        #expect(undone.undoneSeqs.contains(after.lead.version))
    }

    /// Issue 15, defect 4: moving a follow-up without saying what for keeps what it was for.
    @Test func movingAFollowUpKeepsWhatItWasFor() {
        let s = LeadScript("L-00001").assign("ana").accept(by: "ana")
            .followUp(due: Fixture.t0 + Span.day, what: "Call CFO re budget", by: "ana")
        #expect(
            s.decide(.replaceFollowUp(due: Fixture.t0 + 3 * Span.day, what: ""), by: "ana")
                == .success(
                    .scheduleFollowUp(
                        due: Fixture.t0 + 3 * Span.day, what: "Call CFO re budget", replaces: s.lead.version)))
        #expect(
            LeadScript("L-00002").assign("ana").decide(
                .scheduleFollowUp(due: Fixture.t0 + Span.day, what: ""), by: "ana")
                == .success(.scheduleFollowUp(due: Fixture.t0 + Span.day, what: "Follow up", replaces: nil)))
    }
}
