import LeadqDomain
import LeadqStore
import LeadqTestSupport
import Testing

/// A whole team's view: every queue and pool lead once, as the queues and the pool have them,
/// whether the lead is as the store was written or changed since by another view.
@Suite struct OpenLeadsConformanceTests {
    @Test(arguments: StoreKinds.all)
    func everyQueueAndPoolLeadOnceAsTheyAreNow(_ kind: StoreKind) throws {
        let place = try kind.place()
        let a = try place.create()
        let b = try place.open()
        try changeTheOpenLeads(a)
        _ = try b.refresh()
        var seen: [String: Lead] = [:]
        var visits = 0
        try b.forEachOpenLead { lead in
            seen[lead.id] = lead
            visits += 1
        }
        #expect(visits == seen.count, "each lead once")
        #expect(Set(seen.keys) == ["L-00001", "L-00002", "L-00003", "L-00005"])
        #expect(seen["L-00003"]?.owner == "ben" && seen["L-00005"]?.stage == .new)
        let listed = try b.activeLeads() + b.unassigned()
        #expect(Dictionary(uniqueKeysWithValues: listed.map { ($0.id, $0) }) == seen)
    }
}
