import LeadqDemo
import LeadqDomain
import LeadqStore
import LeadqTestSupport
import Testing

/// A big batch (an import) saves exactly what the same events one at a time would, and a process
/// that saves one without folding it in reads it back as it reads others' writes.
@Suite struct BulkWriteConformanceTests {
    @Test(arguments: StoreKinds.all)
    func aBigImportLikeTransactionSavesWhatItStaged(_ kind: StoreKind) throws {
        let place = try kind.place()
        let store = try place.create()
        let profiles = DemoStore(leads: 5_000, seed: 4, now: Fixture.t0).generate().leads.map(\.profile)
        let (refusals, _) = try store.transact(as: "mia", at: t1) { tx -> [Refusal?] in
            tx.reserve(events: profiles.count * 2)
            var refused: [Refusal?] = []
            for (i, p) in profiles.enumerated() {
                let id = try tx.add(p)
                // Every 7th goes to someone not on the team: refused, and the created lead is untouched.
                refused.append(try tx.stage(.assign(to: i % 7 == 0 ? "nobody" : "ana", rule: "owner-map"), on: id))
            }
            return refused
        }
        #expect(refusals.count == 5_000)
        #expect(refusals.enumerated().allSatisfy { i, r in (r != nil) == (i % 7 == 0) })
        for s in [store, try place.open()] {
            #expect(try leadCount(s) == 5_004)
            let first = try #require(try s.lead("L-00005"))
            #expect(first.stage == .new && first.owner == nil && first.history.count == 1)
            let second = try #require(try s.lead("L-00006"))
            #expect(
                second.stage == .assigned && second.owner == "ana"
                    && second.history.map(\.seq) == [second.history[0].seq, second.history[0].seq + 1])
            #expect(second.profile == profiles[1])
        }
    }

    /// `addAll` against the one-at-a-time path it stands for, on two copies of the same store.
    /// (The places are the caller's: the stores go when they do.)
    func bothWays(_ items: [(profile: Profile, assign: String?)], _ a: StorePlace, _ b: StorePlace) throws
        -> (bulk: [Event], single: [Event], bulkStore: any LeadStore, singleStore: any LeadStore, refusals: [Refusal?])
    {
        let (sa, sb) = (try a.create(), try b.create())
        let (refusals, bulk) = try sa.transact(as: "mia", at: t1) { tx in try tx.addAll(items, rule: "owner-map") }
        let (_, single) = try sb.transact(as: "mia", at: t1) { tx in
            for item in items {
                let id = try tx.add(item.profile)
                if let rep = item.assign { _ = try tx.stage(.assign(to: rep, rule: "owner-map"), on: id) }
            }
        }
        return (bulk, single, sa, sb, refusals)
    }

    static func items(_ n: Int, assign: (Int) -> String?) -> [(profile: Profile, assign: String?)] {
        DemoStore(leads: n, seed: 8, now: Fixture.t0).generate().leads.enumerated().map { ($1.profile, assign($0)) }
    }

    @Test(arguments: StoreKinds.all)
    func addAllSavesWhatAddingOneAtATimeSaves(_ kind: StoreKind) throws {
        let items = BulkWriteConformanceTests.items(4_500) { i in i % 3 == 0 ? nil : ["ana", "ben", "dana"][i % 3] }
        let (a, b) = (try kind.place(), try kind.place())
        let r = try bothWays(items, a, b)
        #expect(r.refusals.allSatisfy { $0 == nil })
        #expect(r.bulk == r.single)
        #expect(r.bulk.count == 4_500 + 3_000)
        for store in [r.bulkStore, try a.open()] {
            #expect(try leadCount(store) == 4_504)
            for id in ["L-00005", "L-00006", "L-02000", "L-04504"] {
                #expect(try store.lead(id) == (try r.singleStore.lead(id)), "\(id)")
            }
            #expect(try store.leads(ownedBy: "ben").count == (try r.singleStore.leads(ownedBy: "ben").count))
        }
        // The transaction's own reads see the leads it made, and a later change on one of them.
        let fx = try kind.place()
        let s = try fx.create()
        try s.transact(as: "mia", at: t1) { tx in
            _ = try tx.addAll(items, rule: "owner-map")
            #expect(try tx.lead("L-00006")?.owner == "ben")
            try tx.perform(.assign(to: "dana", rule: nil), on: "L-00006")
            #expect(try tx.lead("L-00006")?.owner == "dana")
        }
        #expect(try s.lead("L-00006")?.owner == "dana")
        #expect(try fx.open().lead("L-00006")?.owner == "dana")
    }

    @Test(arguments: StoreKinds.all)
    func aRefusedAssignmentInAddAllFallsBackToOneAtATime(_ kind: StoreKind) throws {
        // zoe is away and "nobody" is not on the team: those assignments are refused, the leads stay new.
        let items = BulkWriteConformanceTests.items(4_200) { i in i == 4_100 ? "nobody" : i == 7 ? "zoe" : "ana" }
        let (a, b) = (try kind.place(), try kind.place())
        let r = try bothWays(items, a, b)
        #expect(r.bulk == r.single)
        #expect(r.refusals.enumerated().filter { $0.element != nil }.map(\.offset) == [7, 4_100])
        #expect(try r.bulkStore.lead("L-00012")?.stage == .new)
        #expect(try r.bulkStore.lead("L-00013")?.owner == "ana")
    }

    @Test(arguments: StoreKinds.all)
    func eventsSavedWithoutApplyingThemAreReadBackLikeAnotherProcesssWrites(_ kind: StoreKind) throws {
        let fx = try kind.place()
        let s = try fx.create()
        let items = BulkWriteConformanceTests.items(4_100) { _ in "ben" }
        let (_, events) = try s.transact(as: "mia", at: t1, utcOffset: 0, applyHere: false) { tx in
            try tx.addAll(items, rule: "owner-map")
        }
        #expect(events.count == 8_200)
        #expect(try s.lead("L-04104") == nil)  // not folded in here yet
        let seen = try s.refresh()
        #expect(seen.events.count == 8_200)
        #expect(try s.lead("L-04104")?.owner == "ben")
        // The next write numbers on after them.
        let next = try s.perform(.accept, on: "L-04104", as: "ben", at: t1 + 60)
        #expect(next.event.seq == events.last!.seq + 1)
        #expect(try fx.open().lead("L-04104")?.stage == .accepted)
    }
}
