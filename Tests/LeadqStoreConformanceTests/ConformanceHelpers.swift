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

/// Compacts through the interface: a kind that compacts finds the events to fold, others have none.
func compacted(_ s: any LeadStore, _ kind: StoreKind) throws -> Bool {
    (try s.compact() != nil) == kind.compacts
}
