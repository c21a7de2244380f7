import LeadqDomain
import LeadqTestSupport
import Testing

/// Issue 14: consent by channel, duplicates held and merged, and the opportunity after qualified.
@Suite struct ConsentAndMergeTests {
    func refusal(_ s: LeadScript, _ cmd: Command, by actor: String) -> String? {
        if case .failure(let r) = s.decide(cmd, by: actor) { return r.message }
        return nil
    }

    func call(_ channel: Channel) -> Command {
        .contact(channel: channel, outcome: .noAnswer, direction: .outbound, note: "")
    }

    @Test func anEmailOptOutBlocksEmailsOnly() {
        var p = Fixture.profile()
        p.emailOptOut = true
        let s = LeadScript(profile: p).assign("ana")
        #expect(refusal(s, call(.email), by: "ana") == "L-00001 opted out of email: an outbound email can't be logged")
        #expect(refusal(s, call(.call), by: "ana") == nil)
        #expect(refusal(s, call(.sms), by: "ana") == nil)
        // Inbound is always allowed: they wrote to us.
        #expect(
            refusal(s, .contact(channel: .email, outcome: .replied, direction: .inbound, note: ""), by: "ana") == nil)
        #expect(!p.noContact)
        #expect(SLA.firstTouch(s.lead, now: Fixture.t0, settings: s.settings) != nil)
    }

    @Test func doNotCallBlocksCallsAndSMS() {
        var p = Fixture.profile()
        p.doNotCall = true
        let s = LeadScript(profile: p).assign("ana")
        #expect(
            refusal(s, call(.call), by: "ana")
                == "L-00001 is on do-not-call (no calls or SMS): an outbound call can't be logged")
        #expect(refusal(s, call(.sms), by: "ana")?.hasSuffix("an outbound sms can't be logged") == true)
        #expect(refusal(s, call(.email), by: "ana") == nil)
        #expect(Consent.allowed(p) == [.email, .social, .meeting])
    }

    @Test func neitherConsentIsDoNotContact() {
        var p = Fixture.profile()
        p.doNotCall = true
        p.emailOptOut = true
        p.consentSource = "HubSpot import"
        p.consentAt = Fixture.t0
        #expect(p.noContact)
        let s = LeadScript(profile: p).assign("ana")
        #expect(refusal(s, call(.meeting), by: "ana")?.hasPrefix("L-00001 is marked do-not-contact") == true)
        #expect(SLA.firstTouch(s.lead, now: Fixture.t0, settings: s.settings) == nil)
        #expect(Consent.summary(p, utcOffset: 0) == "email opt-out, do-not-call (HubSpot import, 2026-11-23)")
    }

    /// Every profile field reads back what was set, each under its own key (an update records and
    /// undo restores them by key).
    @Test func everyProfileFieldIsItsOwn() {
        var p = Profile()
        let values: [ProfileKey: FieldValue] = [
            .doNotContact: .flag(true), .emailOptOut: .flag(false), .doNotCall: .flag(true),
            .consentSource: .text("hubspot import"), .consentAt: .time(Fixture.t0), .createdAt: .time(Fixture.t0 + 1),
        ]
        for (k, v) in values { p.set(k, v) }
        for (k, v) in values { #expect(p[k] == v, "\(k)") }
        var q = p
        q.emailOptOut = true
        #expect(Profile.changes(from: p, to: q).map(\.key) == [.emailOptOut])
    }

    @Test func aLikelyDuplicateIsHeldForAManager() {
        var p = Fixture.profile(score: 90)
        p.flags = ["duplicate-email:L-00007"]
        let held = LeadScript("L-00009", profile: p).lead
        let free = LeadScript("L-00010", profile: Fixture.profile(score: 60)).lead
        let plan = Routing.plan(pool: [held, free], active: [], settings: Fixture.settings)
        #expect(plan[0].lead == "L-00009")
        #expect(plan[0].outcome == .hold)
        #expect(plan[0].rule == nil)
        #expect(plan[0].why == "held for a manager's review: likely duplicate of L-00007 (merge or assign it)")
        #expect(plan[1].outcome != .hold)
        // `show` and the console's detail pane say the same as the next action.
        let now = held.history.last!.at
        let next = NextAction.recommend(
            held, SLA.status(held, now: now, settings: Fixture.settings), now: now, settings: Fixture.settings)
        #expect(next == plan[0].why)
    }

    @Test func mergingFoldsTheOthersWorkIntoTheKeptLead() {
        let keep = LeadScript("L-00001").assign("ana").contact(.call, .noAnswer, by: "ana")
        let other = LeadScript("L-00002", firstSeq: 10).assign("ben").accept(by: "ben")
            .contact(.email, .replied, by: "ben").followUp(
                due: Fixture.t0 + 2 * Span.day, what: "Send the deck", by: "ben")
        let ctx = Context(now: Fixture.t0 + Span.hour, actor: "mia", settings: Fixture.settings)
        guard case .success(let absorb) = Rules.decide(.absorb(other.lead), on: keep.lead, in: ctx),
            case .success(let merged) = Rules.decide(.merge(into: "L-00001"), on: other.lead, in: ctx)
        else {
            Issue.record("merge refused")
            return
        }
        var kept = keep.lead
        kept.apply(Event(lead: "L-00001", entry: Entry(seq: 20, at: ctx.now, by: "mia", op: absorb)))
        var gone = other.lead
        gone.apply(Event(lead: "L-00002", entry: Entry(seq: 21, at: ctx.now, by: "mia", op: merged)))
        #expect(kept.work.contacts.map(\.contact.channel) == [.call, .email])
        #expect(kept.work.openFollowUps.map(\.what).contains("Send the deck"))
        #expect(kept.work.absorbed == ["L-00002"])
        #expect(kept.owner == "ana")
        #expect(gone.stage == .merged)
        #expect(gone.work.mergedInto == "L-00001")
        #expect(gone.owner == nil)
        #expect(gone.work.openFollowUps.isEmpty)
        #expect(Describe.op(merged) == "Merged into L-00001 (a duplicate)")
        // Only managers merge; a merged lead can't be merged again, nor worked.
        let rep = Context(now: ctx.now, actor: "ana", settings: Fixture.settings)
        if case .failure(let r) = Rules.decide(.merge(into: "L-00001"), on: other.lead, in: rep) {
            #expect(r.message == "only a manager can merge leads; ana is a rep")
        } else {
            Issue.record("a rep merged")
        }
        if case .failure(let r) = Rules.decide(.accept, on: gone, in: ctx) {
            #expect(r.message.hasPrefix("L-00002 was merged into L-00001 by mia"))
        } else {
            Issue.record("a merged lead was accepted")
        }
        if case .success = Rules.decide(.absorb(gone), on: kept, in: ctx) { Issue.record("merged twice") }
    }

    @Test func aQualifiedLeadIsWonOrLost() {
        let q = LeadScript().assign("ana").accept(by: "ana").qualify(by: "ana")
        #expect(SLA.status(q.lead, now: q.now, settings: q.settings).nextAction.hasPrefix("record the outcome"))
        let won = q.after(10 * Span.day).won(amount: 1_200_000, by: "ana")
        #expect(won.lead.stage == .won)
        #expect(won.lead.work.amount == 1_200_000)
        #expect(won.lead.work.outcomeAt == q.now + 10 * Span.day)
        #expect(Describe.op(won.lead.history.last!.op) == "Won, 12,000")
        let lost = q.lost("competitor", amount: 50_050, by: "mia")
        #expect(lost.lead.stage == .lost)
        #expect(lost.lead.work.reason == "competitor")
        #expect(Describe.op(lost.lead.history.last!.op) == "Lost: competitor, 500.50")
        #expect(
            refusal(q, .lost(reason: " ", amount: nil, note: ""), by: "ana")
                == "a lost opportunity needs a reason (price, competitor, timing…)")
        #expect(
            refusal(q, .won(amount: nil, note: ""), by: "ben")
                == "L-00001 was qualified by ana; only they or a manager can record its outcome")
        #expect(
            refusal(won, .lost(reason: "x", amount: nil, note: ""), by: "ana")?.hasPrefix(
                "L-00001's opportunity was already won") == true)
        let accepted = LeadScript().assign("ana").accept(by: "ana")
        #expect(
            refusal(accepted, .won(amount: nil, note: ""), by: "ana")
                == "L-00001 is accepted: only a qualified lead's opportunity is won or lost")
        #expect(Money.parse("12,000.5") == 1_200_050)
        #expect(Money.parse("12.345") == nil)
        #expect(Money.parse("-3") == nil)
    }
}
