import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqIO
import LeadqStore
import LeadqTestSupport
import Testing

/// An update changes exactly the fields its file has a value for: a missing JSON key, or an empty
/// cell, changes nothing (`--clear-empty` makes an empty cell clear its field).
@Suite struct PartialUpdateTests {
    let dir = TempDirectory("leadq-partial")
    let t0 = Fixture.t0
    var path: String { dir.path + "/store" }

    @discardableResult
    func run(_ s: FileStore, _ text: String, at: Instant, _ options: ImportOptions = ImportOptions()) throws -> (
        ImportResult, [Event]
    ) {
        var rows = try Importer.read(Array(text.utf8), file: "f", options: options)
        #expect(rows.bad.isEmpty, "\(rows.bad)")
        let r = try s.transact(as: "mia", at: at) { tx in try Importer.run(&rows, in: tx, store: s, apply: true) }
        return (r.result, r.events)
    }

    static let full =
        #"{"origin":"odoo","originId":"OD-100044","name":"鈴木 花子","company":"Atlas Manufacturing","title":"Analyst","email":"lead44@atlas.example","phone":"+24 759 7950","country":"SE","industry":"Financial Services","companySize":5000,"source":"paid-search","trigger":"Filled the demo form from an ad","signals":{"demo-request":1,"email-click":2},"extra":[["Stage","New"],["City","Malmö"]],"createdAt":"2026-11-23T06:25:53Z"}"#

    /// Issue 17's line: only the key and a score.
    @Test func aJSONLineWithOnlyAScoreKeepsEveryOtherField() throws {
        let s = try FileStore.create(at: path, settings: Fixture.settings)
        try run(s, Self.full + "\n", at: t0)
        let before = try s.lead("L-00001")!
        #expect(before.profile.name == "鈴木 花子" && before.profile.sourceScore == nil)
        let (r, events) = try run(s, #"{"origin":"odoo","originId":"OD-100044","score":85}"# + "\n", at: t0 + 60)
        #expect((r.plan.new, r.plan.updated, r.plan.flagged) == (0, 1, 0))
        let after = try s.lead("L-00001")!
        var expected = before.profile
        expected.sourceScore = 85
        expected.score = 85
        expected.scoreParts =
            before.profile.scoreParts + [ScorePart("Adjusted to the odoo score 85", 85 - before.profile.score)]
        #expect(after.profile == expected)
        #expect(events.count == 1)
        #expect(events.first?.entry.op.name == "updated")
        #expect(events.first?.profile == expected)
    }

    @Test func missingKeysAndEmptyCellsChangeNothing() throws {
        let s = try FileStore.create(at: path, settings: Fixture.settings)
        try run(
            s,
            "Id,LastName,Company,Email,Title,NumberOfEmployees,DoNotCall,Status,City\n00Q1,Suzuki,Atlas,h@atlas.example,Analyst,250,true,Open,Osaka\n",
            at: t0)
        let before = try s.lead("L-00001")!
        // Every cell but the title empty: only the title changes, the extras keep their place.
        let (r, _) = try run(
            s, "Id,LastName,Company,Email,Title,NumberOfEmployees,DoNotCall,Status,City\n00Q1,,,,VP Ops,,,,\n",
            at: t0 + 60)
        #expect(r.plan.updated == 1)
        var expected = before.profile
        expected.title = "VP Ops"
        (expected.score, expected.scoreParts) = Scoring.score(expected, rules: Fixture.settings.scoring)
        #expect(try s.lead("L-00001")!.profile == expected)
        // A later value for one extra replaces it where it stood.
        try run(s, "Id,Status,City\n00Q1,Working,\n", at: t0 + 120)
        #expect(try s.lead("L-00001")!.profile.extra == [Attribute("Status", "Working"), Attribute("City", "Osaka")])
    }
}
