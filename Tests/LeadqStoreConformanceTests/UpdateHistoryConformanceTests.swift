import LeadqDomain
import LeadqStore
import LeadqTestSupport
import Testing

/// `updated` entries with their changes, undone for every reader.
@Suite struct UpdateHistoryConformanceTests {
    @Test(arguments: StoreKinds.all)
    func anUndoneUpdateRestoresTheProfileForEveryReaderAndAfterCompaction(_ kind: StoreKind) throws {
        let place = try kind.place()
        let s = try place.create()
        let original = try #require(try s.lead("L-00003")).profile
        var next = original
        next.email = "chloe.dubois@acme.example"
        next.companySize = 1_200
        next.extra = [Attribute("Stage", "Demo\u{1B}[2J")]
        let change = try s.transact(as: "mia", at: t1) { tx in try tx.update("L-00003", profile: next) }.result
        let seq = try #require(change?.event.seq)
        #expect(
            try s.transact(as: "mia", at: t1) { tx in try tx.update("L-00003", profile: next) }.result == nil,
            "the same profile again changes nothing")
        #expect(try s.leadIDs(email: "chloe.dubois@acme.example") == ["L-00003"])

        let undo = try s.perform(.undo(target: seq), on: "L-00003", as: "mia", at: t1 + 60)
        #expect(undo.event.profile == original, "the undo's event carries the profile it restores")
        #expect(undo.lead.profile == original)
        #expect(try s.leadIDs(email: "chloe.dubois@acme.example").isEmpty)
        #expect(try s.leadIDs(email: original.email).contains("L-00003"))
        let expected = try #require(try s.lead("L-00003"))
        let reopened = try place.open()
        #expect(try compacted(s, kind))
        for reader in [reopened, try place.open()] {
            let lead = try #require(try reader.lead("L-00003"))
            #expect(lead == expected)
            #expect(lead.profile(asOf: t1 + 30) == next, "the history keeps the update's changes")
            #expect(lead.profile(asOf: t1 - 1) == original)
            #expect(try reader.leadIDs(email: "chloe.dubois@acme.example").isEmpty)
        }
    }
}
