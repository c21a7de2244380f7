#if Postgres
import Dispatch
import Foundation
import LeadqDomain
import LeadqPostgres
import LeadqStore
import LeadqTestSupport
import Testing

/// Writers at once: writes on different leads run side by side, a plan over the store holds all
/// of it, the numbers stay unique and each lead's go up, and a writer kept waiting is told so with
/// nothing saved.
@Suite(.enabled(if: StoreKinds.skipped == nil, "no PostgreSQL server for the tests"))
struct ConcurrentWriteTests {
    static let call: Command = .contact(channel: .call, outcome: .noAnswer, direction: .outbound, note: "")

    /// Another terminal's write on another lead doesn't wait for an open one (it once waited for
    /// the whole store's lock until the first committed): it commits first, with the later number.
    @Test func aWriteOnOneLeadDoesntWaitForAnOpenWriteOnAnother() throws {
        let url = try PostgresHarness.freshURL()
        let a = try PostgresStore.create(url: url, settings: Fixture.settings, leads: Fixture.storeLeads())
        let b = try PostgresStore.open(url: url)
        b.lockTimeout = 0.3
        var other: Change?
        let mine = try a.transact(as: "ana", at: t1) { tx in
            #expect(try tx.lead("L-00001")?.stage == .assigned)
            other = try b.perform(ConcurrentWriteTests.call, on: "L-00002", as: "ana", at: t1)
            return try tx.perform(.accept, on: "L-00001")
        }.result
        #expect(mine.event.seq == 32)
        #expect(other?.event.seq == 33)
        #expect(try a.verify().lastSeq == 33)
    }

    /// A write whose body reads the store plans over it (routing, a rep's cap): it holds the whole
    /// store, and another terminal's write, even on another lead, waits (here past its timeout,
    /// saying so, nothing saved), so the plan still holds at COMMIT.
    @Test func aWriteThatReadsTheStoreHoldsAllOfItUntilItCommits() throws {
        let url = try PostgresHarness.freshURL()
        let a = try PostgresStore.create(url: url, settings: Fixture.settings, leads: Fixture.storeLeads())
        let b = try PostgresStore.open(url: url)
        b.lockTimeout = 0.3
        let mine = try a.transact(as: "ana", at: t1) { tx in
            #expect(try a.leads(ownedBy: "ana").contains { $0.id == "L-00001" })
            #expect(throws: StoreError.busy(holder: nil, seconds: 1, consequence: "nothing was saved in \(b.location)"))
            {
                try b.perform(ConcurrentWriteTests.call, on: "L-00002", as: "ana", at: t1)
            }
            return try tx.perform(.accept, on: "L-00001")
        }.result
        #expect(mine.event.seq == 32)
        let other = try b.perform(ConcurrentWriteTests.call, on: "L-00002", as: "ana", at: t1)
        #expect(other.event.seq == 33)
        #expect(try a.verify().lastSeq == 33)
    }

    @Test func aWriteWaitingForALeadAnotherWriteHoldsIsToldTheStoreIsBusy() throws {
        let url = try PostgresHarness.freshURL()
        let a = try PostgresStore.create(url: url, settings: Fixture.settings, leads: Fixture.storeLeads())
        let b = try PostgresStore.open(url: url)
        b.lockTimeout = 0.3
        try a.transact(as: "ana", at: t1) { tx in
            _ = try tx.lead("L-00001")
            #expect(throws: StoreError.busy(holder: nil, seconds: 1, consequence: "nothing was saved in \(b.location)"))
            {
                try b.perform(.accept, on: "L-00001", as: "ana", at: t1)
            }
            try tx.perform(.accept, on: "L-00001")
        }
        #expect(try b.perform(ConcurrentWriteTests.call, on: "L-00001", as: "ana", at: t1).event.seq == 33)
    }

    /// A reader following the store after its last event number sees every event once, in order,
    /// while two reps' terminals write at once.
    @Test func aFollowerSeesEveryEventOnceInOrderWhileRepsWriteAtOnce() throws {
        let url = try PostgresHarness.freshURL()
        _ = try PostgresStore.create(url: url, settings: Fixture.settings, leads: Fixture.storeLeads())
        nonisolated(unsafe) let follower = try PostgresStore.open(url: url)
        let failures = Outcomes()
        let done = DispatchGroup()
        for (rep, lead) in [("ana", "L-00002"), ("ben", "L-00004")] {
            done.enter()
            Thread.detachNewThread {
                defer { done.leave() }
                do {
                    let s = try PostgresStore.open(url: url)
                    for i in 0..<15 {
                        let command = i == 0 && rep == "ben" ? Command.accept : ConcurrentWriteTests.call
                        try s.perform(command, on: lead, as: rep, at: t1)
                    }
                } catch {
                    failures.add("\(rep): \(error)")
                }
            }
        }
        var seen: [Int64] = []
        while done.wait(timeout: .now() + .milliseconds(2)) == .timedOut {
            seen += try follower.refresh().events.map(\.seq)
        }
        seen += try follower.refresh().events.map(\.seq)
        #expect(failures.all.isEmpty, "\(failures.all)")
        #expect(seen == Array(32...61))
    }
}
#endif
