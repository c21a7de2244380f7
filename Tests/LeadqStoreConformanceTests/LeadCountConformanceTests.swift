import LeadqDomain
import LeadqStore
import LeadqTestSupport
import Testing

/// What the interface says of the whole store, as of a view's last look at it.
@Suite struct LeadCountConformanceTests {
    @Test(arguments: StoreKinds.all)
    func countsAndProfilesAsOfTheLastLook(_ kind: StoreKind) throws {
        let place = try kind.place()
        let a = try place.create()
        let b = try place.open()
        try a.transact(as: "mia", at: t1) { tx in _ = try tx.create(Fixture.profile(name: "Fresh")) }
        #expect(a.leadCount == 5)
        #expect(b.leadCount == 4, "not caught up yet")
        _ = try b.refresh()
        #expect(b.leadCount == 5)
        var names: [String: String] = [:]
        try b.forEachIndexedProfile { id, p in names[id] = p.name }
        #expect(names.count == 5)
        #expect(names["L-00005"] == "Fresh" && names["L-00002"] == "王伟")
    }
}
