import Foundation
import LeadqDomain
import LeadqStore
import LeadqTestSupport
import Testing

/// Every lead read in parts (on several threads where the store can): each lead exactly once, as
/// `forEachLead` gives it, the changes another view saved since included.
@Suite struct LeadPartsConformanceTests {
    func inParts(_ s: any LeadStore) throws -> [[Lead]] {
        try s.forEachLead(inParts: [Lead](), naming: nil) { part, lead in part.append(lead) }
    }

    @Test(arguments: StoreKinds.all)
    func partsHoldEveryLeadOnceAsItIsNow(_ kind: StoreKind) throws {
        let (place, b) = try viewChangedSinceCompaction(kind)
        defer { _ = place }
        // One changed lead looked at (a store may keep it apart now), one not.
        #expect(try b.lead("L-00003")?.owner == "ben")
        let parts = try inParts(b)
        let read = parts.flatMap { $0 }.sorted { LeadID.precedes($0.id, $1.id) }
        #expect(read == (try allLeads(b)))
        #expect(read.map(\.id) == ["L-00001", "L-00002", "L-00003", "L-00004", "L-00005"])
        #expect(read.first { $0.id == "L-00004" }?.stage == .rejected, "a change saved after the snapshot")
        #expect(read.first { $0.id == "L-00003" }?.owner == "ben", "a change looked at since")
        if kind.compacts && ProcessInfo.processInfo.activeProcessorCount > 1 {
            #expect(parts.count > 1 && parts.allSatisfy { !$0.isEmpty }, "the snapshot is read in parts")
        }
    }

    /// Leads that name ben, and only those where the store can tell: the lead handed to ben since
    /// the snapshot counts, whether this view has looked at it or not.
    @Test(arguments: StoreKinds.all)
    func partsNamingARepHoldEveryLeadThatNamesThem(_ kind: StoreKind) throws {
        let (place, b) = try viewChangedSinceCompaction(kind)
        defer { _ = place }
        let now = Dictionary(uniqueKeysWithValues: try allLeads(b).map { ($0.id, $0) })
        for lookFirst in [false, true] {
            if lookFirst { #expect(try b.lead("L-00003")?.owner == "ben") }
            let read = try b.forEachLead(inParts: [Lead](), naming: ["ben"]) { $0.append($1) }.flatMap { $0 }
            let ids = Set(read.map(\.id))
            #expect(ids.count == read.count, "each lead once")
            #expect(ids.isSuperset(of: ["L-00003", "L-00004"]), "looked at first: \(lookFirst)")
            for lead in read { #expect(lead == now[lead.id], "\(lead.id) as it is now") }
            if kind.compacts { #expect(ids.isDisjoint(with: ["L-00001", "L-00002"]), "ana's leads left out") }
        }
    }

    @Test(arguments: StoreKinds.all)
    func anEmptyStoreGivesEmptyParts(_ kind: StoreKind) throws {
        let place = try kind.place()
        let a = try place.create(leads: [])
        _ = try a.compact()
        #expect(try inParts(a).flatMap { $0 }.isEmpty)
    }
}
