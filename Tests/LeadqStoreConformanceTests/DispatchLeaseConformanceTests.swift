import LeadqDomain
import LeadqStore
import LeadqTestSupport
import Testing

/// One dispatcher works a store at a time, on every kind of store: the lease is taken once, free
/// again when released, and its ledger is read back by the next holder byte for byte.
@Suite struct DispatchLeaseConformanceTests {
    @Test(arguments: StoreKinds.all)
    func oneHolderAtATimeAndTheLedgerPassesOn(_ kind: StoreKind) throws {
        let place = try kind.place()
        let store = try place.create()
        guard case .taken(let lease) = try store.takeDispatchLease() else {
            Issue.record("the lease of a fresh store is free")
            return
        }
        #expect(try lease.loadState() == nil)
        let ledger = Array("{\"sent\":{\"pool-hot/L-00001/1\":\"Zoë ⟨x⟩\"}}".utf8) + [0, 0xFF]
        try lease.saveState(ledger)
        try lease.saveState(ledger + [1])
        #expect(try lease.loadState() == ledger + [1])
        let other = try place.open()
        guard case .held = try other.takeDispatchLease() else {
            Issue.record("a held lease was taken twice")
            return
        }
        lease.release()
        guard case .taken(let next) = try other.takeDispatchLease() else {
            Issue.record("a released lease stayed held")
            return
        }
        #expect(try next.loadState() == ledger + [1])
        next.release()
    }
}
