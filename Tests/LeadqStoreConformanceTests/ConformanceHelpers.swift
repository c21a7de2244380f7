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

/// A second view of the fixture store, compacted, then caught up with `changeTheOpenLeads` made
/// by the first: what it reads comes partly from the compact form, partly from the changes since.
/// The place is returned too: the store lives as long as it does.
func viewChangedSinceCompaction(_ kind: StoreKind) throws -> (place: StorePlace, view: any LeadStore) {
    let place = try kind.place()
    let a = try place.create()
    _ = try a.compact()
    let b = try place.open()
    try changeTheOpenLeads(a)
    _ = try b.refresh()
    return (place, b)
}

/// Compacts through the interface: a kind that compacts finds the events to fold, others have none.
func compacted(_ s: any LeadStore, _ kind: StoreKind) throws -> Bool {
    (try s.compact() != nil) == kind.compacts
}
