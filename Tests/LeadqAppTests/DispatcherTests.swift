import Foundation
import LeadqApp
import LeadqDomain
import LeadqStore
import LeadqTestSupport
import Testing

/// The dispatcher as a use case on every kind of store, its clock moved by the test: every action an
/// event by `dispatch` with its rule, every alert handed to the notify command once.
@Suite struct DispatcherTests {
    let t0 = Fixture.t0
    let day = Span.day

    @Test(arguments: StoreKinds.all) func aPoolLeadIsRoutedAsDispatchAndItsRepAlertedOnceAcrossRestarts(
        _ kind: StoreKind
    ) throws {
        let h = try DispatchHarness(kind)
        let id = try h.add(Fixture.profile(name: "Hanako", score: 92))
        let d = try h.dispatcher()
        try d.once()
        #expect(try h.story(id) == ["dispatch Assigned to ana (rule round-robin)"])
        #expect(h.runner.keys == ["hot-assigned/\(id)/2"])
        let call = try #require(h.runner.calls.first)
        #expect(call.argv == ["page", "--team", "sales"])
        #expect(call.payload["alert"] as? String == "hot-assigned")
        #expect(call.payload["to"] as? [String] == ["ana"])
        #expect(call.payload["name"] as? String == "Hanako")
        #expect(call.payload["deadline"] as? String == "2026-11-23T09:05:00Z")
        // A restart a minute later finds nothing new to do or say.
        h.clock.now = t0 + Span.minute
        try h.dispatcher().once()
        #expect(h.runner.keys == ["hot-assigned/\(id)/2"])
        #expect(try h.story(id).count == 1)
    }

    @Test(arguments: StoreKinds.all) func staleLeadsAreClawedBackAndNurtureLeadsReleasedAndRoutedOnSchedule(
        _ kind: StoreKind
    ) throws {
        let h = try DispatchHarness(kind)
        let id = try h.add(Fixture.profile(score: 50))
        let d = try h.dispatcher()
        try d.look(changed: nil)
        try h.perform(.accept, on: id, as: "ana")
        try h.perform(.contact(channel: .call, outcome: .connected, direction: .outbound, note: ""), on: id, as: "ana")
        try d.lookAgain()
        #expect(d.nextWake == t0 + 30 * day)
        h.clock.now = t0 + 30 * day - 1
        try d.lookAgain()
        #expect(try h.lead(id).stage == .accepted)
        h.clock.now = d.nextWake!
        try d.lookAgain()
        #expect(try h.lead(id).stage == .nurture)
        #expect(d.nextWake == t0 + 60 * day)
        h.clock.now = t0 + 60 * day
        try d.lookAgain()
        #expect(
            try h.story(id) == [
                "dispatch Assigned to ana (rule round-robin)", "ana Accepted", "ana Logged call: connected",
                "dispatch Clawed back by policy: stale (idle 30 days)",
                "dispatch Released from nurture (re-engagement step 1) (rule re-engagement: 30 d in nurture)",
                "dispatch Assigned to ana (rule round-robin)",
            ])
        // Looking again changes nothing: each action was taken once.
        try d.look(changed: nil)
        #expect(try h.story(id).count == 6)
    }

    @Test(arguments: StoreKinds.all) func aNurtureLeadWhoseScoreTurnsHotIsReleasedAndRoutedAtOnceWithAnAlert(
        _ kind: StoreKind
    ) throws {
        let h = try DispatchHarness(kind)
        let id = try h.add(Fixture.profile(score: 50))
        let d = try h.dispatcher()
        try d.look(changed: nil)
        try h.perform(.clawback(reason: "not-now", note: ""), on: id, as: "ana")
        try d.lookAgain()
        #expect(try h.lead(id).stage == .nurture)
        h.clock.now = t0 + day
        _ = try h.open().transact(as: "mia", at: h.clock.now) { tx in
            try tx.update(id, profile: Fixture.profile(score: 92))
        }
        try d.lookAgain()
        #expect(
            try h.story(id).suffix(3) == [
                "mia Updated score 50 → 92, scoreParts Given +50 → Given +92",
                "dispatch Released from nurture (rule hot-release: score rose to 92 in nurture)",
                "dispatch Assigned to ana (rule round-robin)",
            ])
        try d.deliverAndWait()
        #expect(h.runner.keys.filter { $0.hasPrefix("hot-assigned/\(id)/") }.count == 1)
    }

    @Test(arguments: StoreKinds.all) func aFailingCommandIsRetriedWithBackOffAndNeverHoldsUpRouting(_ kind: StoreKind)
        throws
    {
        let runner = RecordingRunner(failures: 1)
        runner.gated = true
        let h = try DispatchHarness(kind, runner: runner) { s in
            s.dispatch.notifyRetrySeconds = 1
        }
        let first = try h.add(Fixture.profile(name: "First", score: 92))
        let notes = NoteLog()
        let d = try h.dispatcher(notes)
        try d.look(changed: nil)
        try d.deliver()
        // The command hangs; a new lead is routed all the same.
        let second = try h.add(Fixture.profile(name: "Second", score: 60))
        try d.lookAgain()
        #expect(try h.lead(second).owner == "ben")
        runner.gated = false
        runner.gate.signal()
        try d.settleDeliveries(waiting: 5)
        #expect(runner.keys == ["hot-assigned/\(first)/2"])
        let failed = notes.notes.compactMap { n -> AlertLedger.Failure? in
            if case .deliveryFailed(_, let f) = n { return f }
            return nil
        }
        #expect(failed == [.retry(attempt: 1, after: 1)])
        try d.deliver()
        #expect(runner.keys.count == 1, "retried before its back-off")
        usleep(1_100_000)
        try d.deliverAndWait()
        #expect(runner.keys == ["hot-assigned/\(first)/2", "hot-assigned/\(first)/2"])
        try d.deliverAndWait()
        #expect(runner.keys.count == 2)
    }

    @Test func aLedgerThatCantBeReadIsRefusedRatherThanGuessed() throws {
        let h = try DispatchHarness()
        guard case .taken(let lease) = try h.open().takeDispatchLease() else { throw HarnessError("held") }
        try lease.saveState(Array("{\"sent\":[[\"k\"".utf8))
        lease.release()
        #expect(throws: LedgerDamaged.self) { try h.dispatcher() }
    }
}
