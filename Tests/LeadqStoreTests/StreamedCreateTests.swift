import Foundation
import LeadqDemo
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

/// A store written from leads handed over one at a time (`leadq demo`, which at a million leads
/// can't hold them all) is the store written from the whole list.
@Suite struct StreamedCreateTests {
    @Test func aStoreWrittenLeadByLeadIsByteForByteTheOneWrittenFromAList() throws {
        let demo = DemoStore(leads: 3_000, seed: 5, now: Fixture.t0)
        let (settings, leads) = demo.generate()
        let listed = StoreFixture()
        let streamed = StoreFixture()
        try FileStore.create(at: listed.path, settings: settings, leads: leads.shuffled())
        var passes = 0
        try FileStore.create(at: streamed.path, settings: settings, leadCount: leads.count) { put in
            passes += 1
            try demo.forEachLead(put)
        }
        #expect(passes == 2)
        #expect(try streamed.files() == listed.files())
        for name in try listed.files() where name != "lock" {
            #expect(try streamed.bytes(streamed.path + "/" + name) == listed.bytes(listed.path + "/" + name), "\(name)")
        }
        // Every one of the 3,000 leads' undoable actions was seen, and only the latest kept.
        #expect(try streamed.open().recentActions(of: "ana").count == 20)
    }

    @Test func theDemoHandsOverEveryLeadInIdOrder() {
        var handed: [String] = []
        DemoStore(leads: 500, seed: 11, now: Fixture.t0).forEachLead { handed.append($0.id) }
        #expect(handed.count == 500)
        #expect(zip(handed, handed.dropFirst()).allSatisfy { LeadID.precedes($0, $1) })
    }
}
