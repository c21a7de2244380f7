#if Postgres
import Foundation
import LeadqDomain
import LeadqPostgres
import LeadqStore
import LeadqTestSupport
import Testing

/// The dispatcher's lease on PostgreSQL: who holds it is named, and the server frees it when the
/// holder's session ends however it ends, without the holder's help.
@Suite(.enabled(if: StoreKinds.skipped == nil, "no PostgreSQL server for the tests"))
struct DispatchLeaseTests {
    @Test func theHolderIsNamedAndALostSessionFreesTheLease() throws {
        let url = try PostgresHarness.freshURL()
        let a = try PostgresStore.create(url: url, settings: Fixture.settings)
        let b = try PostgresStore.open(url: url)
        guard case .taken(let lease) = try a.takeDispatchLease() else {
            Issue.record("the lease of a fresh store is free")
            return
        }
        try lease.saveState([1, 2, 3])
        guard case .held(let holder) = try b.takeDispatchLease() else {
            Issue.record("a held lease was taken twice")
            return
        }
        #expect(holder?.pid == ProcessInfo.processInfo.processIdentifier)
        #expect(holder?.command == "leadq dispatch on \(ProcessInfo.processInfo.hostName)")
        // As if the holder's machine dropped off: the server ends its session.
        let raw = try PostgresRaw(url: url)
        let ended = try raw.run(
            """
            SELECT pg_terminate_backend(pid)::text FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND objid = to_regclass('dispatch')::oid
            """)
        #expect(ended == ["true"])
        var next: (any DispatchLease)?
        for _ in 0..<200 where next == nil {
            if case .taken(let l) = try b.takeDispatchLease() { next = l } else { usleep(10_000) }
        }
        #expect(try next?.loadState() == [1, 2, 3])
        // The old holder can't write once it has lost the lease.
        #expect(throws: StoreError.self) { try lease.saveState([9]) }
        #expect(try next?.loadState() == [1, 2, 3])
    }
}
#endif
