import LeadqCodec
import LeadqDemo
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

@testable import LeadqFileStore

/// The paths a big batch (an import) takes: digit-by-digit numbers and times, lines encoded in parts
/// on every core, staged leads changed in place. Each must write exactly what the plain path writes.
@Suite struct BulkWriteTests {
    @Test func instantsAreWrittenAsTheirISO8601Text() {
        var rng = SplitMix(seed: 11)
        var instants: [Instant] = [
            Instant(seconds: 0), Fixture.t0, Instant(seconds: -1), Instant(seconds: 253_402_300_799),
            Instant(seconds: 253_402_300_800), Instant(seconds: -62_135_596_800), Instant(seconds: -62_135_596_801),
        ]
        for _ in 0..<2_000 { instants.append(Instant(seconds: Int64(rng.next() % 400_000_000_000) - 100_000_000_000)) }
        for t in instants {
            var w = JSONWriter()
            w.instant(t)
            #expect(String(decoding: w.bytes, as: UTF8.self) == "\"\(t.iso8601)\"", "\(t.seconds)")
        }
    }

    @Test func integersAreWrittenAsTheirDecimalText() {
        var rng = SplitMix(seed: 5)
        var values: [Int64] = [0, 1, -1, 9, 10, -10, 99, 100, Int64.max, Int64.min, Int64.min + 1]
        for _ in 0..<2_000 { values.append(Int64(bitPattern: rng.next()) >> Int64(rng.next() % 63)) }
        for v in values {
            var w = JSONWriter()
            w.int(v)
            #expect(String(decoding: w.bytes, as: UTF8.self) == String(v))
        }
        var w = JSONWriter()
        w.int(UInt64.max)
        #expect(String(decoding: w.bytes, as: UTF8.self) == String(UInt64.max))
    }

    @Test func aBigBatchIsEncodedInPartsThatJoinToTheSameLines() throws {
        let (_, leads) = DemoStore(leads: 3_300, seed: 9, now: Fixture.t0).generate()
        var events: [Event] = []
        for (i, lead) in leads.enumerated() {
            let seq = Int64(events.count + 1)
            events.append(
                Event(
                    lead: lead.id, entry: Entry(seq: seq, at: Fixture.t0 + Int64(i), by: "mia", op: .created),
                    profile: lead.profile))
            if i % 3 == 0 {
                events.append(
                    Event(
                        lead: lead.id,
                        entry: Entry(
                            seq: seq + 1, at: Fixture.t0 + Int64(i), by: "mia",
                            op: .assign(to: "ana", rule: "owner-map"))))
            }
        }
        #expect(events.count >= 4_096)
        let parts = EventCodec.journalLineParts(events)
        let one = events.flatMap { EventCodec.encode($0, batchEnd: events.last!.seq) + [0x0A] }
        #expect(Array(parts.joined()) == one)
        // A small batch is one part, and a single event carries no batch mark.
        #expect(EventCodec.journalLineParts(Array(events.prefix(3))).count == 1)
        #expect(EventCodec.journalLineParts([events[0]]) == [EventCodec.encode(events[0]) + [0x0A]])
    }

    @Test func aBigImportLikeTransactionSavesWhatItStaged() throws {
        let fx = StoreFixture()
        let store = try fx.create()
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
        for s in [store, try fx.open()] {
            #expect(s.leadCount == 5_004)
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
    /// (The fixtures are the caller's: their directories go when they do.)
    func bothWays(_ items: [(profile: Profile, assign: String?)], _ a: StoreFixture, _ b: StoreFixture) throws
        -> (bulk: [Event], single: [Event], bulkStore: FileStore, singleStore: FileStore, refusals: [Refusal?])
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

    @Test func addAllSavesWhatAddingOneAtATimeSaves() throws {
        let items = BulkWriteTests.items(4_500) { i in i % 3 == 0 ? nil : ["ana", "ben", "dana"][i % 3] }
        let (a, b) = (StoreFixture(), StoreFixture())
        let r = try bothWays(items, a, b)
        #expect(r.refusals.allSatisfy { $0 == nil })
        #expect(r.bulk == r.single)
        #expect(r.bulk.count == 4_500 + 3_000)
        for store in [r.bulkStore, try FileStore.open(r.bulkStore.directory)] {
            #expect(store.leadCount == 4_504)
            for id in ["L-00005", "L-00006", "L-02000", "L-04504"] {
                #expect(try store.lead(id) == (try r.singleStore.lead(id)), "\(id)")
            }
            #expect(try store.leads(ownedBy: "ben").count == (try r.singleStore.leads(ownedBy: "ben").count))
        }
        // The transaction's own reads see the leads it made, and a later change on one of them.
        let fx = StoreFixture()
        let s = try fx.create()
        try s.transact(as: "mia", at: t1) { tx in
            try tx.addAll(items, rule: "owner-map")
            #expect(try tx.lead("L-00006")?.owner == "ben")
            try tx.perform(.assign(to: "dana", rule: nil), on: "L-00006")
            #expect(try tx.lead("L-00006")?.owner == "dana")
        }
        #expect(try s.lead("L-00006")?.owner == "dana")
        #expect(try FileStore.open(fx.path).lead("L-00006")?.owner == "dana")
    }

    @Test func aRefusedAssignmentInAddAllFallsBackToOneAtATime() throws {
        // zoe is away and "nobody" is not on the team: those assignments are refused, the leads stay new.
        let items = BulkWriteTests.items(4_200) { i in i == 4_100 ? "nobody" : i == 7 ? "zoe" : "ana" }
        let (a, b) = (StoreFixture(), StoreFixture())
        let r = try bothWays(items, a, b)
        #expect(r.bulk == r.single)
        #expect(r.refusals.enumerated().filter { $0.element != nil }.map(\.offset) == [7, 4_100])
        #expect(try r.bulkStore.lead("L-00012")?.stage == .new)
        #expect(try r.bulkStore.lead("L-00013")?.owner == "ana")
    }

    @Test func eventsSavedWithoutApplyingThemAreReadBackLikeAnotherProcesssWrites() throws {
        let fx = StoreFixture()
        let s = try fx.create()
        let items = BulkWriteTests.items(4_100) { _ in "ben" }
        let before = s.eventsSinceSnapshot
        let (_, events) = try s.transact(as: "mia", at: t1, applyHere: false) { tx in
            try tx.addAll(items, rule: "owner-map")
        }
        #expect(events.count == 8_200)
        #expect(s.eventsSinceSnapshot == before + 8_200)
        #expect(try s.lead("L-04104") == nil)  // not folded in here yet
        let seen = try s.refresh()
        #expect(seen.events.count == 8_200)
        #expect(try s.lead("L-04104")?.owner == "ben")
        #expect(s.eventsSinceSnapshot == before + 8_200)
        // The next write numbers on after them.
        let next = try s.perform(.accept, on: "L-04104", as: "ben", at: t1 + 60)
        #expect(next.event.seq == events.last!.seq + 1)
        #expect(try FileStore.open(fx.path).lead("L-04104")?.stage == .accepted)
    }
}
