import LeadqDomain
import LeadqTestSupport
import Testing

/// Every transition of domain.md and every refusal, with the message a rep reads.
@Suite struct TransitionTests {
    let base = LeadScript()

    func refusal(_ s: LeadScript, _ cmd: Command, by actor: String, expecting: Int64? = nil) -> String? {
        if case .failure(let r) = s.decide(cmd, by: actor, expecting: expecting) { return r.message }
        return nil
    }

    @Test func assignAcceptQualify() {
        let s = base.assign("ana").after(600).accept(by: "ana").after(3600).qualify(by: "ana")
        #expect(s.lead.stage == .qualified)
        #expect(s.lead.owner == nil)
        #expect(s.lead.work.closedBy == "ana")
        #expect(s.lead.history.map(\.op.name) == ["created", "assign", "accept", "qualify"])
        #expect(s.lead.history.map(\.by) == ["web", "mia", "ana", "ana"])
    }

    @Test func onlyManagersAssign() {
        #expect(
            refusal(base, .assign(to: "ana", rule: nil), by: "ana") == "only a manager can assign leads; ana is a rep")
        #expect(
            refusal(base, .assign(to: "nobody", rule: nil), by: "mia")
                == "'nobody' is not on the team in this store's settings")
        #expect(refusal(base, .assign(to: "zoe", rule: nil), by: "mia") == "zoe is marked away and receives no leads")
        #expect(
            refusal(base, .accept, by: "stranger")
                == "'stranger' is not on the team in this store's settings; use --rep or add them to the team with `leadq team add`"
        )
    }

    @Test func reassignMovesTheLeadAndRestartsTheClocks() {
        let s = base.assign("ana").after(3600).accept(by: "ana").after(60).assign("ben")
        #expect(s.lead.stage == .assigned)
        #expect(s.lead.owner == "ben")
        #expect(s.lead.work.assignedAt == Fixture.t0 + 3660)
        #expect(refusal(s, .assign(to: "ben", rule: nil), by: "mia") == "L-00001 is already ben's lead")
    }

    @Test func repsCannotActOnOtherRepsLeads() {
        let s = base.assign("ana")
        #expect(refusal(s, .accept, by: "ben") == "L-00001 is ana's lead; only ana or a manager can accept it")
        #expect(
            refusal(s, .reject(reason: "no-budget", note: ""), by: "ben")
                == "L-00001 is ana's lead; only ana or a manager can reject it")
        #expect(
            refusal(s, .contact(channel: .call, outcome: .connected, direction: .outbound, note: ""), by: "ben")
                == "L-00001 is ana's lead; only ana or a manager can log a contact on it")
        // A manager may.
        if case .failure(let r) = s.decide(.accept, by: "mia") { Issue.record("manager refused: \(r)") }
    }

    @Test func rejectNeedsAKnownReasonAndOtherNeedsANote() {
        let s = base.assign("ana")
        #expect(
            refusal(s, .reject(reason: "meh", note: ""), by: "ana")?.hasPrefix(
                "unknown reason code 'meh'; the catalog has: no-budget, not-decision-maker") == true)
        #expect(
            refusal(s, .reject(reason: "other", note: "   "), by: "ana") == "reason 'other' needs a note saying why")
        let r = s.reject("other", note: " Already a customer ", by: "ana")
        #expect(r.lead.stage == .rejected)
        #expect(r.lead.work.reason == "other")
        #expect(r.lead.work.note == "Already a customer")
        #expect(r.lead.owner == nil)
    }

    @Test func aRejectedLeadCannotBeAcceptedAndTheMessageSaysWhoAndWhen() {
        let s = base.assign("dana").after(3720).reject("no-budget", by: "dana")
        // 09:00 + 1h02m = 10:02 UTC.
        #expect(
            refusal(s, .accept, by: "dana")
                == "L-00001 was already rejected by dana at 10:02 (no-budget); you can't accept it")
        #expect(
            refusal(s, .reject(reason: "bad-fit", note: ""), by: "mia")
                == "L-00001 was already rejected by dana at 10:02 (no-budget); you can't reject it")
        #expect(
            refusal(s, .assign(to: "ana", rule: nil), by: "mia")
                == "L-00001 was already rejected by dana at 10:02 (no-budget); it can't be assigned")
    }

    @Test func acceptingTwiceOrAnUnroutedLeadIsRefused() {
        #expect(refusal(base, .accept, by: "mia") == "L-00001 is not assigned to anyone yet; a manager routes it first")
        let s = base.assign("ana").after(120).accept(by: "ana")
        #expect(refusal(s, .accept, by: "ana") == "L-00001 is already accepted by ana at 09:02")
    }

    @Test func doNotContactRefusesOutboundButRecordsInbound() {
        let s = LeadScript(profile: Fixture.profile(doNotContact: true)).assign("ana")
        #expect(
            refusal(s, .contact(channel: .email, outcome: .noAnswer, direction: .outbound, note: ""), by: "ana")
                == "L-00001 is marked do-not-contact (no consent): an outbound email can't be logged")
        let inbound = s.contact(.call, .connected, direction: .inbound, note: "They called us", by: "ana")
        #expect(inbound.lead.work.contacts.count == 1)
        #expect(inbound.lead.work.contacts[0].contact.direction == .inbound)
    }

    /// Issue 14: the cadence runs to the recommended 6 attempts (days 1, 3, 7, 14, then on at the
    /// last interval: 21), not 5.
    @Test func unansweredContactsFollowTheCadenceDays1_3_7_14() {
        var s = base.assign("ana").accept(by: "ana")
        let first = s.now
        var dues: [Instant] = []
        for k in 0..<6 {
            s = s.contact(.call, .noAnswer, by: "ana")
            if let f = s.lead.work.nextFollowUp {
                dues.append(f.due)
                #expect(f.automatic)
                s.now = f.due
                s = s.completeFollowUp(by: "ana")
            } else {
                #expect(k == 5, "the cadence ends after five follow-ups: six attempts")
            }
        }
        #expect(
            dues == [
                first + Span.day, first + 3 * Span.day, first + 7 * Span.day, first + 14 * Span.day,
                first + 21 * Span.day,
            ])
    }

    @Test func cadenceDoesNotStackOnAnExistingFollowUpOrAfterReachingThem() {
        let planned = Fixture.t0 + 2 * Span.day
        let s = base.assign("ana").accept(by: "ana").followUp(due: planned, by: "ana").contact(
            .call, .voicemail, by: "ana")
        #expect(s.lead.work.openFollowUps.map(\.due) == [planned])
        let reached = base.assign("ana").accept(by: "ana").contact(.call, .connected, by: "ana")
        #expect(reached.lead.work.nextFollowUp == nil)
    }

    @Test func followUpsScheduleReplaceCompleteDrop() {
        let s = base.assign("ana").accept(by: "ana")
        #expect(
            refusal(s, .scheduleFollowUp(due: Fixture.t0 - Span.hour, what: ""), by: "ana")?.hasPrefix(
                "a follow-up can't be due in the past") == true)
        #expect(refusal(s, .completeFollowUp(note: ""), by: "ana") == "L-00001 has no open follow-up")
        #expect(refusal(s, .dropFollowUp, by: "ana") == "L-00001 has no open follow-up")
        let a = s.followUp(due: Fixture.t0 + Span.day, what: "Send deck", by: "ana")
        // Issue 14: a rep's own follow-up is never replaced silently; replacing says so.
        #expect(
            refusal(a, .scheduleFollowUp(due: Fixture.t0 + 2 * Span.day, what: "Call CFO"), by: "ana")
                == "L-00001 already has ana's follow-up 'Send deck' due 2026-11-24 09:00; replace it (--replace) or complete it first"
        )
        let b = a.replaceFollowUp(due: Fixture.t0 + 2 * Span.day, what: "Call CFO", by: "ana")
        #expect(b.lead.work.openFollowUps.map(\.what) == ["Call CFO"])
        #expect(b.lead.work.followUps.map(\.status) == [.replaced, .open])
        let done = b.completeFollowUp(by: "ana")
        #expect(done.lead.work.followUps.last?.status == .done)
        #expect(done.lead.work.nextFollowUp == nil)
        var dropped = b
        dropped.run(.dropFollowUp, by: "ana")
        #expect(dropped.lead.work.followUps.last?.status == .dropped)
    }

    @Test func closingALeadCancelsItsOpenFollowUps() {
        let s = base.assign("ana").accept(by: "ana").followUp(due: Fixture.t0 + Span.day, by: "ana").reject(
            "not-now", by: "ana")
        #expect(s.lead.work.followUps.map(\.status) == [.cancelled])
    }

    @Test func qualifyNeedsAnAcceptedLead() {
        let s = base.assign("ana")
        #expect(
            refusal(s, .qualify(note: ""), by: "ana") == "L-00001 is not accepted yet: accept it before qualifying it")
        #expect(
            refusal(base, .qualify(note: ""), by: "mia")
                == "L-00001 is not assigned to anyone yet; a manager routes it first")
    }

    @Test func clawbackByTheRepWithAReasonAndByThePolicyWhenStale() {
        let s = base.assign("ana").accept(by: "ana")
        let nurtured = s.clawback("not-now", by: "ana")
        #expect(nurtured.lead.stage == .nurture)
        #expect(nurtured.lead.work.reason == "not-now")
        #expect(
            refusal(s, .clawback(reason: "whatever", note: ""), by: "ana")?.hasPrefix("unknown reason code") == true)
        let fresh = s.after(29 * Span.day)
        #expect(
            refusal(fresh, .clawbackStale, by: "mia")
                == "L-00001 is not stale: last activity 29 d ago, the policy waits 30 d")
        var stale = s.after(30 * Span.day)
        stale.run(.clawbackStale, by: "mia")
        #expect(stale.lead.stage == .nurture)
        #expect(stale.lead.history.last?.op == .clawback(reason: "stale", note: "idle 30 days", policy: true))
    }

    @Test func releaseFromNurtureIsForManagers() {
        let s = base.assign("ana").clawback(by: "ana")
        #expect(
            refusal(s, .release(note: ""), by: "ana") == "only a manager can release leads from nurture; ana is a rep")
        #expect(
            refusal(base, .release(note: ""), by: "mia")
                == "L-00001 is not assigned to anyone yet; a manager routes it first")
        let r = s.release()
        #expect(r.lead.stage == .new)
        #expect(r.lead.owner == nil)
        #expect(r.lead.history.count == 4)  // nothing erased
        #expect(refusal(s, .assign(to: "ana", rule: nil), by: "mia")?.hasPrefix("L-00001 is in nurture") == true)
    }

    @Test func actingOnAVersionSomeoneElseChangedIsRefused() {
        let seen = base.assign("ana")
        let v = seen.lead.version
        let changed = seen.after(62 * 60).reject("no-budget", by: "mia")
        #expect(
            refusal(changed, .accept, by: "ana", expecting: v)
                == "L-00001 changed meanwhile: rejected by mia at 10:02 (no-budget). Nothing was saved; check it and try again"
        )
    }

    /// A version above the lead's (or one it never had) can't have been seen: accepting it would let
    /// the check pass later, once the history reaches that number, without anyone having seen that state.
    @Test func aVersionTheLeadNeverHadIsBadInput() throws {
        let s = base.assign("ana")
        #expect(s.lead.history.map(\.seq) == [1, 2])
        for never: Int64 in [3, 99, 0, -1, .max] {
            guard case .failure(let r) = s.decide(.accept, by: "ana", expecting: never) else {
                Issue.record("version \(never) was accepted")
                continue
            }
            #expect(r.message == "L-00001 never had version \(never) (its version is 2). Nothing was saved")
            #expect(r.isBadInput)
        }
        // The version it is at passes; an older one it had is a change meanwhile, refused by the rules.
        #expect(s.decide(.accept, by: "ana", expecting: 2) == .success(.accept))
        guard case .failure(let stale) = s.decide(.accept, by: "ana", expecting: 1) else {
            throw Refusal("accepted a stale version")
        }
        #expect(stale.message.hasPrefix("L-00001 changed meanwhile: assigned to ana"))
        #expect(!stale.isBadInput)
    }
}
