import LeadqDomain
import LeadqTestSupport
import Testing

/// Updates record each changed field's old and new value: undo restores the old ones, and the
/// profile at any past time follows from the history.
@Suite struct ProfileHistoryTests {
    func refusal(_ s: LeadScript, _ target: Int64, by: String = "mia") -> String? {
        if case .failure(let r) = s.decide(.undo(target: target), by: by) { return r.message }
        return nil
    }

    @Test func anUpdateRecordsItsChangesAndUndoRestoresTheOldValues() {
        let worked = LeadScript().assign("ana").accept(by: "ana")
        var next = worked.lead.profile
        next.email = "grace.mueller@acme.example"
        next.score = 85
        next.companySize = 250
        let updated = worked.after(60).update(to: next)
        let entry = updated.lead.history.last!
        #expect(
            entry.op
                == .update([
                    FieldChange(.email, old: .text("grace@acme.example"), new: .text("grace.mueller@acme.example")),
                    FieldChange(.companySize, old: .number(nil), new: .number(250)),
                    FieldChange(.score, old: .number(50), new: .number(85)),
                ]))
        #expect(updated.lead.profile == next)
        #expect(
            Describe.op(entry.op)
                == "Updated email grace@acme.example → grace.mueller@acme.example, companySize — → 250, score 50 → 85")

        let undone = updated.after(60).undo(entry.seq, by: "mia")
        #expect(undone.lead.profile == worked.lead.profile)
        #expect(undone.lead.work == worked.lead.work, "the rep's work is untouched")
        #expect(undone.lead.undoneSeqs == [entry.seq])
        // Replaying the history from scratch gives the same lead.
        #expect(Lead(id: undone.lead.id, profile: undone.lead.profile, history: undone.lead.history) == undone.lead)
    }

    @Test func undoOfAnUpdateIsRefusedWhenItWouldLoseALaterChange() {
        let s = LeadScript()
        var a = s.lead.profile
        a.title = "COO"
        let first = s.update(to: a)
        let firstSeq = first.lead.history.last!.seq
        var b = a
        b.company = "Acme Group"
        let other = first.update(to: b)
        // A later update of another field doesn't stand in the way.
        #expect(refusal(other, firstSeq) == nil)
        var c = b
        c.title = "CEO"
        let same = other.update(to: c)
        #expect(
            refusal(same, firstSeq)?.hasPrefix(
                "can't undo: a later update changed the same fields of L-00001 (updated by an import by mia") == true)
        #expect(refusal(other, firstSeq, by: "ana") == "that update of L-00001 was mia's; only they can undo it")
        let twice = other.undo(firstSeq, by: "mia")
        #expect(refusal(twice, firstSeq) == "that update of L-00001 was already undone")
        #expect(twice.lead.profile.title == s.lead.profile.title && twice.lead.profile.company == "Acme Group")
        // Entries saved before updates recorded their changes name the fields only.
        var legacy = Lead(id: "L-00001", profile: s.lead.profile, history: s.lead.history)
        legacy.apply(
            Event(
                lead: "L-00001",
                entry: Entry(seq: 9, at: Fixture.t0, by: "mia", op: .updated(fields: ["title"], changes: nil)),
                profile: a))
        #expect(
            Rules.decide(.undo(target: 9), on: legacy, in: s.context("mia"))
                == .failure(
                    Refusal("that update of L-00001 was saved before leadq recorded the old values; it can't be undone")
                ))
    }

    @Test func theProfileAsOfAnyTimeFollowsFromTheHistory() {
        let s0 = LeadScript()
        var p1 = s0.lead.profile
        p1.source = "paid-search"
        p1.score = 40
        let s1 = s0.after(3_600).update(to: p1)
        var p2 = p1
        p2.title = "CEO"
        p2.extra = [Attribute("Stage", "Won")]
        let s2 = s1.after(3_600).assign("ana").update(to: p2)
        let s3 = s2.after(3_600).undo(s1.lead.history.last!.seq, by: "mia")
        let lead = s3.lead
        #expect(lead.profile.source == "webinar" && lead.profile.score == 50 && lead.profile.title == "CEO")
        let t0 = Fixture.t0
        #expect(lead.profile(asOf: t0 - 60) == s0.lead.profile, "before the lead entered: the profile it entered with")
        #expect(lead.profile(asOf: t0) == s0.lead.profile)
        #expect(lead.profile(asOf: t0 + 3_600) == p1)
        #expect(lead.profile(asOf: t0 + 7_199) == p1)
        #expect(lead.profile(asOf: t0 + 7_200) == p2)
        #expect(lead.profile(asOf: t0 + 10_800) == lead.profile)
        #expect(lead.profile(afterSeq: 1) == s0.lead.profile)
        #expect(lead.profile(afterSeq: s1.lead.version) == p1)
    }

    @Test func longAndEmptyValuesAreShortInHistory() {
        let long = String(repeating: "x", count: 60)
        #expect(
            Describe.change(FieldChange(.name, old: .text(""), new: .text(long))) == "name — → "
                + String(repeating: "x", count: 39) + "…")
        #expect(
            Describe.change(FieldChange(.doNotContact, old: .flag(false), new: .flag(true))) == "doNotContact no → yes")
        #expect(
            Describe.change(FieldChange(.signals, old: .signals([]), new: .signals([Signal("demo-request", 2)])))
                == "signals — → demo-request×2")
    }
}
