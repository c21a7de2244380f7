#if Postgres
import Dispatch
import Foundation
import LeadqDomain
import LeadqPostgres
import LeadqStore
import LeadqTestSupport
import Testing

/// Writes on different leads commit in another order than they drew their numbers: a follower
/// reads on only up to a number no open write may still fill, so it never skips one and never
/// reads one twice.
@Suite(.enabled(if: StoreKinds.skipped == nil, "no PostgreSQL server for the tests"))
struct OutOfOrderCommitTests {
    static let call: Command = .contact(channel: .call, outcome: .noAnswer, direction: .outbound, note: "")

    /// Holds a write on L-00001 open (its number drawn, nothing committed) while `meanwhile` runs;
    /// `commit` false gives the write up.
    func withOpenWrite(_ url: String, commit: Bool = true, _ meanwhile: () throws -> Void) throws {
        let a = try PostgresStore.open(url: url)
        struct GiveUp: Error {}
        do {
            try a.transact(as: "ana", at: t1) { tx in
                try tx.perform(.accept, on: "L-00001")
                try meanwhile()
                if !commit { throw GiveUp() }
            }
        } catch is GiveUp {}
    }

    @Test func aFollowerReadingWhileALowerNumberIsOpenSeesItOnceItCommits() throws {
        let url = try PostgresHarness.freshURL()
        _ = try PostgresStore.create(url: url, settings: Fixture.settings, leads: Fixture.storeLeads())
        let follower = try PostgresStore.open(url: url)
        let b = try PostgresStore.open(url: url)
        b.lockTimeout = 0.3
        var seen: [Int64] = []
        var openedMeanwhile: PostgresStore?
        try withOpenWrite(url) {
            #expect(try b.perform(OutOfOrderCommitTests.call, on: "L-00002", as: "ana", at: t1).event.seq == 33)
            // 33 is committed, 32 not yet: reading on past 32 now would skip it for good.
            seen += try follower.refresh().events.map(\.seq)
            #expect(seen.isEmpty)
            #expect(try follower.lead("L-00002")?.work.contacts.isEmpty == true)
            openedMeanwhile = try PostgresStore.open(url: url)
        }
        seen += try follower.refresh().events.map(\.seq)
        #expect(seen == [32, 33])
        #expect(try follower.refresh().events.isEmpty)
        #expect(try follower.lead("L-00001")?.stage == .accepted)
        let late = try #require(openedMeanwhile)
        // Opened while 32 was open, past its wait for it: it starts below some gap, and reads 32 once.
        let caughtUp = try late.refresh().events.map(\.seq)
        #expect(caughtUp.suffix(2) == [32, 33] && Set(caughtUp).count == caughtUp.count)
        #expect(try late.lead("L-00001")?.stage == .accepted)
    }

    @Test func aNumberAWriteGaveUpDoesntHoldAFollowerBack() throws {
        let url = try PostgresHarness.freshURL()
        _ = try PostgresStore.create(url: url, settings: Fixture.settings, leads: Fixture.storeLeads())
        let follower = try PostgresStore.open(url: url)
        let b = try PostgresStore.open(url: url)
        try withOpenWrite(url, commit: false) {
            try b.perform(OutOfOrderCommitTests.call, on: "L-00002", as: "ana", at: t1)
            #expect(try follower.refresh().events.isEmpty)
        }
        #expect(try follower.refresh().events.map(\.seq) == [33])
        #expect(follower.lastSeq == 33)
        #expect(try follower.lead("L-00001")?.stage == .assigned)
        // Nobody writes 32 later: the history has a gap there, and verify says nothing of it.
        #expect(try follower.verify().lastSeq == 33)
    }

    /// The writer's own event past another's still open is read as saved at once, and not
    /// reported back to it as another's change later.
    @Test func aWriterReadsItsOwnEventPastAnOpenOneAndIsNotToldOfItAgain() throws {
        let url = try PostgresHarness.freshURL()
        _ = try PostgresStore.create(url: url, settings: Fixture.settings, leads: Fixture.storeLeads())
        let b = try PostgresStore.open(url: url)
        try withOpenWrite(url) {
            try b.perform(OutOfOrderCommitTests.call, on: "L-00002", as: "ana", at: t1)
            #expect(try b.lead("L-00002")?.work.contacts.count == 1)
        }
        #expect(try b.refresh().events.map(\.seq) == [32])
        #expect(try b.lead("L-00002")?.work.contacts.count == 1)
        #expect(try b.lead("L-00001")?.stage == .accepted)
    }

    /// A store made by the previous leadq (schema version 4) is refused until `migrate`, then
    /// numbers its events on from where they were.
    @Test func aVersion4StoreMigratesAndNumbersOn() throws {
        let url = try PostgresHarness.freshURL()
        try PostgresStore.createAtVersion(4, url: url, settings: Fixture.settings, leads: Fixture.storeLeads())
        #expect(throws: StoreError.self) { try PostgresStore.open(url: url) }
        let done = try PostgresStore.migrate(url: url)
        #expect(done.from == 4 && done.to == 6)
        let s = try PostgresStore.open(url: url)
        #expect(s.lastSeq == 31)
        #expect(try s.perform(.accept, on: "L-00001", as: "ana", at: t1).event.seq == 32)
        #expect(try s.verify().lastSeq == 32)
    }
}
#endif
