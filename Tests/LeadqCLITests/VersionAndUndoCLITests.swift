import Foundation
import LeadqTestSupport
import Testing

/// `--if-version` and `undo` as scripts use them: exit codes, messages, what is saved.
@Suite struct VersionAndUndoCLITests {
    let dir = TempDirectory("leadq-version-undo")
    let slot = StoreSlot()
    var store: String { slot.location }

    func leadq(_ args: String..., rep: String? = nil) throws -> LeadqProcess.Result {
        var a = Array(args) + ["--store", store]
        if let rep { a += ["--rep", rep] }
        return try LeadqProcess.run(a, env: ["LEADQ_NOW": "2026-11-23T10:00:00Z"])
    }

    func json(_ r: LeadqProcess.Result) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    func assignedLead(of rep: String) throws -> (id: String, version: Int) {
        let rows =
            try JSONSerialization.jsonObject(with: Data(try leadq("queue", "--json", rep: rep).stdout.utf8))
            as! [[String: Any]]
        let row = rows.first { $0["stage"] as? String == "assigned" }!
        let id = row["id"] as! String
        return (id, try json(try leadq("show", id, "--json"))["version"] as! Int)
    }

    @Test(arguments: StoreKinds.all) func aVersionAboveTheLeadsIsBadInputAndAStaleOneIsRefused(_ kind: StoreKind) throws
    {
        try slot.use(kind)
        #expect(try leadq("demo", "--leads", "60", "--seed", "5").status == 0)
        let (id, version) = try assignedLead(of: "ana")

        let future = try leadq("accept", id, "--if-version", String(version + 1000), rep: "ana")
        #expect(future.status == 2)
        #expect(
            future.stderr
                == "leadq: \(id) never had version \(version + 1000) (its version is \(version)). Nothing was saved\n")
        #expect(try json(try leadq("show", id, "--json"))["stage"] as? String == "assigned")

        #expect(
            try leadq("contact", id, "--channel", "call", "--outcome", "connected", "--inbound", rep: "ana").status == 0
        )
        let stale = try leadq("accept", id, "--if-version", String(version), rep: "ana")
        #expect(stale.status == 1)
        #expect(stale.stderr.hasPrefix("leadq: \(id) changed meanwhile: contacted (call, connected) by ana"))

        let current = try json(try leadq("show", id, "--json"))["version"] as! Int
        #expect(try leadq("accept", id, "--if-version", String(current), rep: "ana").status == 0)
    }

    /// `leadq route` is one action: `leadq undo` puts every lead it routed back in the pool, in one write.
    @Test(arguments: StoreKinds.all) func undoAfterARouteReturnsEveryRoutedLeadToThePool(_ kind: StoreKind) throws {
        try slot.use(kind)
        #expect(try leadq("demo", "--leads", "300", "--seed", "5").status == 0)
        let route = try leadq("route", "--json", rep: "mia")
        #expect(route.status == 0, "\(route.stderr)")
        let routed = (try JSONSerialization.jsonObject(with: Data(route.stdout.utf8)) as! [[String: Any]])
            .filter { $0["saved"] as? Bool == true }.map { $0["lead"] as! String }
        #expect(routed.count > 1)
        #expect(try routed.allSatisfy { try json(try leadq("show", $0, "--json"))["stage"] as? String != "new" })

        let undo = try leadq("undo", rep: "mia")
        #expect(undo.status == 0, "\(undo.stderr)")
        let lines = undo.stdout.split(separator: "\n")
        #expect(lines.count == routed.count + 1)
        #expect(
            lines.last?.hasPrefix("Undid your last action (\(routed.count) events at 10:00: ") == true, "\(undo.stdout)"
        )
        #expect(lines.last?.hasSuffix(") · saved") == true)
        #expect(try routed.allSatisfy { try json(try leadq("show", $0, "--json"))["stage"] as? String == "new" })
    }

    @Test(arguments: StoreKinds.all) func undoAfterAnImportIsRefusedNamingIt(_ kind: StoreKind) throws {
        try slot.use(kind)
        #expect(try leadq("init", "--reps", "ana", "--managers", "mia").status == 0)
        let csv = dir.path + "/leads.csv"
        try
            "Record ID,First Name,Last Name,Email,Company Name\n5101,Amara,Okonkwo,amara@lagos.example,Lagos Logistics\n5102,Tom,Becker,tom@becker.example,Becker AG\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let imported = try leadq("import", csv, rep: "mia")
        #expect(imported.status == 0, "\(imported.stderr)")
        let undo = try leadq("undo", rep: "mia")
        #expect(undo.status == 1)
        #expect(
            undo.stderr.hasPrefix(
                "leadq: your last action, the import at 10:00 (2 leads created, 0 updated, 0 assigned), can't be undone"
            ), "\(undo.stderr)")
        // Routed on arrival in the import's own write (to nurture: no score), and kept with it.
        #expect(try json(try leadq("show", "L-00001", "--json"))["stage"] as? String == "nurture")
    }
}
