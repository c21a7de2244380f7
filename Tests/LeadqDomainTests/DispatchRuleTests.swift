import LeadqDomain
import LeadqTestSupport
import Testing

/// The rules the dispatcher runs (one function each), when it must look next, and its name.
@Suite struct DispatchRuleTests {
    let s = Fixture.settings
    let t0 = Fixture.t0
    let day = Span.day

    @Test func aQueueLeadIdleForClawbackIdleDaysIsStaleAndSaysWhen() {
        let lead = LeadScript().assign("ana").accept(by: "ana").lead
        #expect(DispatchRules.staleAt(lead, now: t0 + day, settings: s) == t0 + 30 * day)
        #expect(DispatchRules.stale([lead], now: t0 + 30 * day - 1, settings: s).isEmpty)
        #expect(DispatchRules.stale([lead], now: t0 + 30 * day, settings: s).map(\.id) == ["L-00001"])
        var sixty = s
        sixty.clawbackIdleDays = 60
        #expect(DispatchRules.stale([lead], now: t0 + 30 * day, settings: sixty).isEmpty)
        #expect(DispatchRules.staleAt(LeadScript().lead, now: t0, settings: s) == nil)
    }

    @Test func theDispatcherClawsBackAsTheStalePolicyWithAManagersPowers() throws {
        let lead = LeadScript().assign("ana").accept(by: "ana").lead
        let ctx = Context(now: t0 + 31 * day, actor: DispatchActor.id, settings: s)
        #expect(
            try Rules.decide(.clawbackStale, on: lead, in: ctx).get()
                == .clawback(reason: "stale", note: "idle 31 days", policy: true))
        #expect(
            try Rules.decide(.release(note: "n"), on: LeadScript().assign("ana").clawback(by: "ana").lead, in: ctx)
                .get() == .release(note: "n"))
        // It has no queue: nothing can be assigned to it.
        let toIt = Rules.decide(.assign(to: DispatchActor.id, rule: nil), on: LeadScript().lead, in: ctx)
        #expect(toIt == .failure(Refusal("'dispatch' is not on the team in this store's settings")))
        #expect(Managers.refusal(DispatchActor.id, to: "route leads", s) == nil)
    }

    /// The dispatcher releases by the re-engagement policy's steps (30, 60, 90 days by default).
    @Test func aNurtureLeadIsReleasedByTheReengagementSteps() {
        let nurtured = LeadScript().assign("ana").after(day).clawback(by: "ana").lead
        #expect(DispatchRules.releaseAt(nurtured, settings: s) == t0 + 31 * day)
        var ninety = s
        ninety.nurtureReleaseDays = [90]
        #expect(DispatchRules.releaseAt(nurtured, settings: ninety) == t0 + 91 * day)
        var none = s
        none.nurtureReleaseDays = []
        #expect(DispatchRules.releaseAt(nurtured, settings: none) == nil)
        #expect(
            DispatchRules.releaseNote(nurtured, now: t0 + 31 * day) == "rule re-engagement: 30 d in nurture")
    }

    @Test func aNurtureLeadWhoseScoreRoseToHotIsReleasedAtOnce() {
        let script = LeadScript(profile: Fixture.profile(score: 50)).assign("ana").after(day).clawback(by: "ana")
        #expect(DispatchRules.hotRelease(script.lead, settings: s) == nil)
        let risen = script.after(day).update(to: Fixture.profile(score: 92)).lead
        #expect(DispatchRules.hotRelease(risen, settings: s) == "rule hot-release: score rose to 92 in nurture")
        // Hot before it went to nurture (a rep's own decision): it stays.
        let wasHot = LeadScript(profile: Fixture.profile(score: 85)).assign("ana").after(day)
            .update(to: Fixture.profile(score: 90)).clawback(by: "ana").lead
        #expect(DispatchRules.hotRelease(wasHot, settings: s) == nil)
    }

    @Test func theNextWakeIsTheEarliestMomentSomethingFallsDue() {
        let accepted = LeadScript("L-00001").assign("ana").accept(by: "ana").contact(.call, .connected, by: "ana")
            .followUp(due: t0 + 2 * day, by: "ana").lead
        let assigned = LeadScript("L-00002", profile: Fixture.profile(score: 50)).assign("ben").lead
        let pooled = LeadScript("L-00003", profile: Fixture.profile(score: 90)).lead
        func wake(_ pool: [Lead], _ active: [Lead], _ releases: [Instant] = [], at now: Instant) -> Instant? {
            DispatchSchedule.nextWake(pool: pool, active: active, releases: releases, now: now, settings: s)
        }
        #expect(wake([pooled], [], at: t0) == t0 + 5 * Span.minute)
        #expect(wake([], [assigned], at: t0) == t0 + 50 * Span.minute)
        #expect(wake([], [assigned], at: t0 + Span.hour) == t0 + 24 * Span.hour - 10 * Span.minute)
        #expect(wake([], [accepted], at: t0) == t0 + 2 * day)
        #expect(wake([], [accepted], at: t0 + 2 * day) == t0 + 30 * day)
        #expect(wake([], [], [t0 + 3 * day], at: t0) == t0 + 3 * day)
        #expect(wake([], [], [t0], at: t0) == nil)
    }

    @Test func theLedgerSendsEachAlertOnceAndBacksOffOnFailure() {
        var settings = DispatchSettings()
        settings.notifyAttempts = 3
        let a = Alert(kind: .poolHot, key: "pool-hot/L-1/0", lead: "L-1", to: ["mia"], at: t0, text: "t")
        var ledger = AlertLedger()
        let first = ledger.raise(a, payload: "{}", commands: ["page", "mail"])
        let again = ledger.raise(a, payload: "{}", commands: ["page"])
        #expect(first && !again)
        #expect(ledger.pending.map(\.key) == [a.key])
        ledger.delivered(a.key, to: "page")
        #expect(ledger.pending.first?.attempts == ["mail": 0])
        let failures = (1...3).map { _ in ledger.failed(a.key, on: "mail", settings: settings) }
        #expect(failures == [.retry(attempt: 1, after: 10), .retry(attempt: 2, after: 20), .gaveUp(attempts: 3)])
        #expect(ledger.pending.isEmpty)
        #expect(ledger.sent == [a.key: t0])
        let afterSent = ledger.raise(a, payload: "{}", commands: ["page"])
        #expect(!afterSent)
        ledger.prune(before: t0 + 1)
        #expect(ledger.sent.isEmpty)
        #expect(AlertLedger.retryDelay(attempt: 7, base: 10) == 640)
        #expect(AlertLedger.retryDelay(attempt: 20, base: 10) == 900)
    }

    @Test func anAlertNobodyWantsIsSentAtOnceAndOneOwedToARemovedCommandIsLetGo() {
        let a = Alert(kind: .followUpDue, key: "followup-due/L-1/7", lead: "L-1", to: ["ana"], at: t0, text: "t")
        var ledger = AlertLedger()
        ledger.raise(a, payload: "{}", commands: [])
        #expect(ledger.pending.isEmpty && ledger.knows(a.key))
        let b = Alert(kind: .poolHot, key: "pool-hot/L-2/0", lead: "L-2", to: ["mia"], at: t0, text: "t")
        ledger.raise(b, payload: "{}", commands: ["gone", "kept"])
        let dropped = ledger.forget(commandsOtherThan: ["kept"])
        #expect(dropped == 1 && ledger.pending.first?.attempts == ["kept": 0])
        let rest = ledger.forget(commandsOtherThan: [])
        #expect(rest == 1)
        #expect(ledger.pending.isEmpty && ledger.sent[b.key] == t0)
    }
}
