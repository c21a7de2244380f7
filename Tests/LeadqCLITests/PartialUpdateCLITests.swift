import Foundation
import LeadqTestSupport
import Testing

/// Issue 17's first defect as it was found: on the demo store, a JSON line naming one lead by its
/// source key and giving only a score wiped every other field of the lead and ignored the score.
@Suite struct PartialUpdateCLITests {
    let dir = TempDirectory("leadq-partial-cli")
    let slot = StoreSlot()
    var store: String { slot.location }

    func leadq(_ args: [String], now: String = "2026-11-23T10:00:00Z") throws -> LeadqProcess.Result {
        try LeadqProcess.run(args + ["--store", store], env: ["LEADQ_NOW": now])
    }

    func json(_ r: LeadqProcess.Result) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }

    func profile(_ id: String) throws -> [String: Any] {
        let shown = try json(try leadq(["show", id, "--json"])) as! [String: Any]
        return shown["profile"] as! [String: Any]
    }

    func file(_ name: String, _ text: String) throws -> String {
        let path = dir.path + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: StoreKinds.all) func aLineWithOnlyAScoreChangesTheScoreAndKeepsEverythingElse(_ kind: StoreKind)
        throws
    {
        try slot.use(kind)
        #expect(try leadq(["demo"]).status == 0)
        let before = try profile("L-00044")
        #expect(before["name"] as? String == "鈴木 花子")
        let part = try file("part.jsonl", #"{"origin":"odoo","originId":"OD-100044","score":85}"# + "\n")
        let r = try leadq(["import", part, "--rep", "mia"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("0 new, 1 updated, 0 unchanged, 0 flagged, 0 bad · saved"), "\(r.stdout)")

        let after = try profile("L-00044")
        for key in [
            "origin", "originId", "name", "company", "title", "email", "phone", "country", "industry", "companySize",
            "source", "trigger", "signals", "createdAt",
        ] {
            #expect(after[key] as? NSObject == before[key] as? NSObject, "\(key) changed")
            #expect(after[key] != nil, "\(key) is gone")
        }
        #expect(after["score"] as? Int == 85)
        #expect(after["sourceScore"] as? Int == 85)
        let oldScore = before["score"] as! Int

        // The history says what changed, from what to what; so does it after a compaction.
        let history = try leadq(["history", "L-00044"])
        #expect(history.stdout.contains("Updated sourceScore — → 85, score \(oldScore) → 85"), "\(history.stdout)")
        #expect(try leadq(["compact"]).status == 0)
        let entries = try json(try leadq(["history", "L-00044", "--json"])) as! [[String: Any]]
        let update = try #require(entries.last)
        #expect(update["op"] as? String == "updated")
        let changes = try #require(update["changes"] as? [[Any]])
        #expect(changes.contains { $0.first as? String == "score" && $0[1] as? Int == oldScore && $0[2] as? Int == 85 })

        // The export of the events carries the profile the lead was created with, and the change.
        let events = try leadq(["export", "--format", "jsonl", "--events"])
        let lines = events.stdout.split(separator: "\n").map {
            try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        let mine = lines.filter { $0["lead"] as? String == "L-00044" }
        let created = try #require(mine.first { $0["op"] as? String == "created" })
        let createdProfile = try #require(created["profile"] as? [String: Any])
        #expect(createdProfile["name"] as? String == "鈴木 花子")
        #expect(createdProfile["score"] as? Int == oldScore)
        let updated = try #require(mine.first { $0["op"] as? String == "updated" })
        #expect(updated["changes"] != nil)
        #expect((updated["profile"] as? [String: Any])?["score"] as? Int == 85)
    }

    @Test(arguments: StoreKinds.all) func anEmptyCellChangesNothingUnlessClearEmptySaysSo(_ kind: StoreKind) throws {
        try slot.use(kind)
        #expect(try leadq(["init", "--reps", "ana", "--managers", "mia"]).status == 0)
        let first = try file(
            "first.csv", "Id,LastName,Company,Email,Title\n00Q1,Suzuki,Atlas,h@atlas.example,Analyst\n")
        #expect(try leadq(["import", first, "--rep", "mia"]).status == 0)
        let later = try file("later.csv", "Id,LastName,Company,Email,Title\n00Q1,,,h@atlas.example,VP Ops\n")
        let r = try leadq(["import", later, "--rep", "mia"])
        #expect(r.stdout.contains("0 new, 1 updated"), "\(r.stdout)")
        var p = try profile("L-00001")
        #expect(
            p["name"] as? String == "Suzuki" && p["company"] as? String == "Atlas" && p["title"] as? String == "VP Ops")

        let cleared = try leadq(["import", later, "--rep", "mia", "--clear-empty"])
        #expect(cleared.status == 0, "\(cleared.stderr)")
        #expect(cleared.stdout.contains("0 new, 1 updated"), "\(cleared.stdout)")
        p = try profile("L-00001")
        #expect(p["name"] == nil && p["company"] == nil && p["title"] as? String == "VP Ops")
        let history = try leadq(["history", "L-00001"])
        #expect(history.stdout.contains("name Suzuki → —"), "\(history.stdout)")
    }
}
