import Foundation
import Testing
import LeadqTestSupport

/// `--if-version` and `undo` as scripts use them: exit codes, messages, what is saved.
@Suite struct VersionAndUndoCLITests {
    let dir = TempDirectory("leadq-version-undo")
    var store: String { dir.path + "/store" }

    func leadq(_ args: String..., rep: String? = nil) throws -> LeadqProcess.Result {
        var a = Array(args) + ["--store", store]
        if let rep { a += ["--rep", rep] }
        return try LeadqProcess.run(a, env: ["LEADQ_NOW": "2026-11-23T10:00:00Z"])
    }

    func json(_ r: LeadqProcess.Result) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    func assignedLead(of rep: String) throws -> (id: String, version: Int) {
        let rows = try JSONSerialization.jsonObject(with: Data(try leadq("queue", "--json", rep: rep).stdout.utf8)) as! [[String: Any]]
        let row = rows.first { $0["stage"] as? String == "assigned" }!
        let id = row["id"] as! String
        return (id, try json(try leadq("show", id, "--json"))["version"] as! Int)
    }

    @Test func aVersionAboveTheLeadsIsBadInputAndAStaleOneIsRefused() throws {
        #expect(try leadq("demo", "--leads", "60", "--seed", "5").status == 0)
        let (id, version) = try assignedLead(of: "ana")

        let future = try leadq("accept", id, "--if-version", String(version + 1000), rep: "ana")
        #expect(future.status == 2)
        #expect(future.stderr == "leadq: \(id) never had version \(version + 1000) (its version is \(version)). Nothing was saved\n")
        #expect(try json(try leadq("show", id, "--json"))["stage"] as? String == "assigned")

        #expect(try leadq("contact", id, "--channel", "call", "--outcome", "connected", "--inbound", rep: "ana").status == 0)
        let stale = try leadq("accept", id, "--if-version", String(version), rep: "ana")
        #expect(stale.status == 1)
        #expect(stale.stderr.hasPrefix("leadq: \(id) changed meanwhile: contacted (call, connected) by ana"))

        let current = try json(try leadq("show", id, "--json"))["version"] as! Int
        #expect(try leadq("accept", id, "--if-version", String(current), rep: "ana").status == 0)
    }
}
