import Foundation
import LeadqCodec
import LeadqDomain
import LeadqIO
import LeadqStore
import LeadqTestSupport
import Testing

/// `leadq export --format jsonl --events`: journal-shaped lines, with the profile a `created` or
/// `updated` event left and an update's changes, rebuilt from the lead's history.
@Suite struct EventExportTests {
    @Test func createdAndUpdatedCarryTheirProfilesAndChanges() throws {
        let s = LeadScript().assign("ana")
        var next = s.lead.profile
        next.title = "COO"
        let lead = s.after(60).update(to: next).lead
        let lines = JSONLExport.events(lead, since: nil).map {
            try! JSONSerialization.jsonObject(with: Data($0.line)) as! [String: Any]
        }
        #expect(lines.map { $0["op"] as? String } == ["created", "assign", "updated"])
        func profileBytes(_ p: Profile) -> [UInt8] {
            var w = JSONWriter()
            ProfileCodec.write(p, &w)
            return w.bytes
        }
        let created = try JSONSerialization.data(
            withJSONObject: try #require(lines[0]["profile"]), options: .sortedKeys)
        let original = try JSONSerialization.data(
            withJSONObject: JSONSerialization.jsonObject(with: Data(profileBytes(Fixture.profile()))),
            options: .sortedKeys)
        #expect(created == original, "created carries the profile the lead entered with")
        #expect((lines[2]["profile"] as? [String: Any])?["title"] as? String == "COO")
        #expect(lines[2]["changes"] as? [[String]] == [["title", "Head of Operations", "COO"]])
        #expect(lines[1]["profile"] == nil)
    }
}
