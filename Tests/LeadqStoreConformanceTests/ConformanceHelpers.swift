import LeadqDomain
import LeadqStore
import LeadqTestSupport

let t1 = Fixture.t0 + 3600

/// Every lead, field for field, as a reader sees them.
func allLeads(_ s: any LeadStore) throws -> [Lead] {
    var out: [Lead] = []
    try s.forEachLead { out.append($0) }
    return out
}

func leadCount(_ s: any LeadStore) throws -> Int {
    var n = 0
    try s.forEachLead { _ in n += 1 }
    return n
}

/// Changes which leads are open after the fixture store is written: a new lead (L-00005, in the
/// pool), L-00003 assigned to ben, L-00004 rejected out of ben's queue.
func changeTheOpenLeads(_ a: any LeadStore) throws {
    try a.transact(as: "mia", at: t1) { tx in
        _ = try tx.create(Fixture.profile(name: "Fresh"))
        _ = try tx.perform(.assign(to: "ben", rule: nil), on: "L-00003")
    }
    try a.transact(as: "ben", at: t1) { tx in
        _ = try tx.perform(.reject(reason: "no-budget", note: ""), on: "L-00004")
    }
}

/// Compacts through the interface: a kind that compacts finds the events to fold, others have none.
func compacted(_ s: any LeadStore, _ kind: StoreKind) throws -> Bool {
    (try s.compact() != nil) == kind.compacts
}
