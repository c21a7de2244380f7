import CSV
import Foundation
import LeadqTestSupport
import Testing

/// `leadq import` and `export` with the CRM variants as scripts run them: `--encoding`, `--timezone`
/// and the settings' time zone, the summary's footer and key lines, refusals that name the
/// candidates, and Odoo's ids written back.
@Suite struct CRMImportCLITests {
    let dir = TempDirectory("leadq-crm-cli")
    let slot = StoreSlot()
    var store: String { slot.location }

    func leadq(_ args: [String], rep: String? = "mia") throws -> LeadqProcess.Result {
        var a = args + ["--store", store]
        if let rep { a += ["--rep", rep] }
        return try LeadqProcess.run(a, env: ["LEADQ_NOW": "2026-11-27T10:00:00Z"])
    }

    func sample(_ name: String) -> String { ImportExportCLITests.samples + "/" + name }

    /// A store whose settings say `timeZone` (nil: as `init` writes it) and map Odoo's users; imports
    /// leave unmapped leads in the pool (`routing.onArrival` off), as the exports below expect.
    func makeStore(timeZone: String? = nil) throws {
        let r = try leadq(["init", "--reps", "ana,ben", "--managers", "mia"], rep: nil)
        #expect(r.status == 0, "\(r.stderr)")
        try applySettings(store: store, scratch: dir.path, env: ["LEADQ_NOW": "2026-11-27T10:00:00Z"]) { s in
            s["ownerMap"] = ["base.user_admin": "ben", "Mitchell Admin": "ben", "Ana Souza": "ana"]
            if let timeZone { s["timeZone"] = timeZone }
            s["routing"] = ["onArrival": false, "rules": [Any]()]
        }
    }

    func created(_ id: String) throws -> String? {
        let r = try leadq(["show", id, "--json"], rep: nil)
        let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        return (o?["profile"] as? [String: Any])?["createdAt"] as? String
    }

    @Test(arguments: StoreKinds.all) func aFileInAnotherEncodingIsRefusedNamingTheOptionThenReadWithIt(
        _ kind: StoreKind
    ) throws {
        try slot.use(kind)
        try makeStore()
        let refused = try leadq(["import", sample("salesforce-data-export.csv")])
        #expect(refused.status == 2)
        #expect(
            refused.stderr.contains(
                "salesforce-data-export.csv, line 2: byte 0xFC is not UTF-8; if the file is in another encoding, name it: --encoding windows-1252 or --encoding iso-8859-1"
            ), "\(refused.stderr)")
        let ok = try leadq(["import", sample("salesforce-data-export.csv"), "--encoding", "iso-8859-1"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(
            ok.stdout.contains("Imported \(sample("salesforce-data-export.csv")) (Salesforce): 5 new"), "\(ok.stdout)")
        let bad = try leadq(["import", sample("salesforce-data-export.csv"), "--encoding", "latin-9"])
        #expect(bad.status == 2)
    }

    @Test(arguments: StoreKinds.all) func localTimesAreReadInTheTimezoneOptionElseTheSettingsZone(_ kind: StoreKind)
        throws
    {
        try slot.use(kind)
        try makeStore()
        // Odoo writes the exporting user's local time: 2026-07-15 15:07:00 in Berlin is 13:07 UTC (summer).
        let r = try leadq(["import", sample("odoo-labels.csv"), "--timezone", "Europe/Berlin"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try created("L-00001") == "2026-11-20T10:00:00Z")
        #expect(try created("L-00002") == "2026-07-15T13:07:00Z")
        let wrong = try leadq(["import", sample("odoo-labels.csv"), "--timezone", "Europe/Berlinn"])
        #expect(wrong.status == 2)
        #expect(
            wrong.stderr
                == "leadq: --timezone 'Europe/Berlinn' is not a time zone; use a name like Europe/Berlin, America/New_York or UTC\n"
        )
    }

    @Test(arguments: StoreKinds.all) func withoutTheOptionTheTeamsZoneFromTheSettings(_ kind: StoreKind) throws {
        try slot.use(kind)
        try makeStore(timeZone: "America/New_York")
        let r = try leadq(["import", sample("salesforce-report-us.csv")])
        #expect(r.status == 0, "\(r.stderr)")
        // 11/20/2026 4:15 AM in New York is 09:15 UTC.
        #expect(try created("L-00001") == "2026-11-20T09:15:00Z")
    }

    @Test(arguments: StoreKinds.all) func theSummarySaysWhatWasSkippedAndHowLeadsWereKeyed(_ kind: StoreKind) throws {
        try slot.use(kind)
        try makeStore()
        let report = try leadq(["import", sample("salesforce-report-de.csv"), "--timezone", "Europe/Berlin"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(
            report.stdout.contains("6 new, 0 updated, 0 unchanged, 2 flagged, 0 bad, 3 footer rows skipped · saved"),
            "\(report.stdout)")
        let odoo = try leadq(["import", sample("odoo-labels.csv"), "--json"])
        let o = try JSONSerialization.jsonObject(with: Data(odoo.stdout.utf8)) as! [String: Any]
        #expect(o["style"] as? String == "odooLabels")
        #expect(o["keyedBy"] as? [String: Int] == ["email": 3, "nameAndCompany": 1])
        let again = try leadq(["import", sample("odoo-labels.csv")])
        #expect(again.stdout.contains("0 new, 0 updated, 4 unchanged"), "\(again.stdout)")
        #expect(again.stdout.contains("No id column: 3 leads keyed by email, 1 by name and company"))
    }

    @Test(arguments: StoreKinds.all) func aCloseCallIsRefusedNamingTheCandidatesAndFormatDecides(_ kind: StoreKind)
        throws
    {
        try slot.use(kind)
        try makeStore()
        let file = dir.path + "/ambiguous.csv"
        try "ID,Email,Phone,Country\n42,a@b.example,+1 555 0100,US\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        let r = try leadq(["import", file])
        #expect(r.status == 2)
        #expect(
            r.stderr.contains(
                "the header fits Salesforce (4 of 4 columns) and Odoo (4 of 4 columns) about equally well; say which with --format salesforce or --format odoo"
            ), "\(r.stderr)")
        let odoo = try leadq(["import", file, "--format", "odoo"])
        #expect(odoo.status == 0, "\(odoo.stderr)")
        #expect(odoo.stdout.contains("(Odoo): 1 new"))
    }

    @Test(arguments: StoreKinds.all) func odooExportWritesExternalIDsDatabaseIDsAndUserExternalIDsWhereOdooReadsThem(
        _ kind: StoreKind
    ) throws {
        try slot.use(kind)
        try makeStore()
        let compatible = try leadq(["import", sample("odoo-import-compatible.csv")])
        #expect(compatible.status == 0, "\(compatible.stderr)")
        // `user_id/id` owners are owners: mapped by External ID, or named for the owner map.
        #expect(
            compatible.stdout.contains("Owner 'base.user_demo' is not in ownerMap (1 lead): left unassigned"),
            "\(compatible.stdout)")
        #expect(try leadq(["import", sample("odoo-labels-id.csv")]).status == 0)
        // ben accepts Sven from each file (L-00001 by External ID, L-00005 by database id).
        for id in ["L-00001", "L-00005"] {
            let a = try leadq(["accept", id], rep: "ben")
            #expect(a.status == 0, "\(a.stderr)")
        }
        let out = dir.path + "/odoo.csv"
        let r = try leadq(["export", "--format", "odoo", "-o", out], rep: nil)
        #expect(r.status == 0, "\(r.stderr)")
        let csv = try CSVReader(string: try String(contentsOfFile: out, encoding: .utf8), hasHeaderRow: true)
        #expect(csv.headerRow == ["id", ".id", "stage_id", "user_id/id", "active", "lost_reason_id"])
        var rows: [[String]] = []
        while let row = csv.next() { rows.append(row) }
        // Bo Chen (45) was assigned to ben by the owner map on import: worked too.
        #expect(
            rows == [
                ["__export__.crm_lead_42_f519f70a", "", "Qualified", "base.user_admin", "True", ""],
                ["__export__.crm_lead_45_0d1e2f3a", "", "New", "base.user_admin", "True", ""],
                ["", "42", "Qualified", "base.user_admin", "True", ""],
                ["", "45", "New", "base.user_admin", "True", ""],
            ])
    }
}
