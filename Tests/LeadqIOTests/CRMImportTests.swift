import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqIO
import LeadqStore
import LeadqTestSupport
import Testing

/// The CRM variants imported into a store: files without an id column re-imported, a report and a
/// Data Loader export of the same Salesforce leads, duplicates by name and company, and Odoo's ids
/// written back as Odoo reads them.
@Suite struct CRMImportTests {
    let dir = TempDirectory("leadq-crm-import")
    let t0 = Fixture.t0

    func store() throws -> FileStore {
        var s = Samples.settings
        s.ownerMap.append(OwnerMapping(owner: "base.user_admin", rep: "ben"))
        return try FileStore.create(at: dir.path + "/store", settings: s)
    }

    @discardableResult
    func run(_ s: FileStore, _ rows: ReadRows, at: Instant? = nil) throws -> (ImportResult, [Event]) {
        var rows = rows
        let r = try s.transact(as: "mia", at: at ?? t0) { tx in try Importer.run(&rows, in: tx, store: s, apply: true) }
        return (r.result, r.events)
    }

    func read(_ name: String, zone: String? = "Europe/Berlin") throws -> ReadRows {
        var o = ImportOptions()
        o.utcOffset = zone.map(CRMVariantTests.zone)
        return try Samples.read(name, o)
    }

    func lead(_ s: FileStore, _ key: String) throws -> Lead? {
        try s.leadIDs(originKey: key).first.flatMap { try s.lead($0) }
    }

    @Test func aFileWithoutAnIDIsKeyedByEmailElseNameAndCompanySoAReimportMatches() throws {
        let s = try store()
        let (first, _) = try run(s, try read("odoo-labels.csv"))
        #expect((first.plan.new, first.plan.updated, first.plan.unchanged) == (4, 0, 0))
        #expect(try lead(s, "odoo:email:sven@nordicfreight.example")?.profile.name == "Sven Lindqvist")
        #expect(try lead(s, "odoo:name:ken ito|ito trading")?.profile.company == "Ito Trading")
        let (again, events) = try run(s, try read("odoo-labels.csv"), at: t0 + 60)
        #expect((again.plan.new, again.plan.updated, again.plan.unchanged) == (0, 0, 4))
        #expect(events.isEmpty)
        // A later export of the same leads: Sven got a new title, Ken's company is written differently.
        var text = String(decoding: try Samples.bytes("odoo-labels.csv"), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"Logistics Director\"", with: "\"COO\"")
        var o = ImportOptions()
        o.utcOffset = CRMVariantTests.zone("Europe/Berlin")
        let (later, _) = try run(s, try Importer.read(Array(text.utf8), file: "later.csv", options: o), at: t0 + 120)
        #expect((later.plan.new, later.plan.updated, later.plan.unchanged) == (0, 1, 3))
        #expect(try lead(s, "odoo:email:sven@nordicfreight.example")?.profile.title == "COO")
        #expect(s.leadCount == 4)
    }

    @Test func aReportAndADataLoaderExportOfTheSameLeadsMatch() throws {
        let s = try store()
        let (loader, _) = try run(s, try read("salesforce-dataloader-bom.csv", zone: nil))
        #expect(loader.plan.new == 6)
        let (report, _) = try run(s, try read("salesforce-report-us.csv", zone: "America/New_York"), at: t0 + 60)
        #expect(report.plan.new == 0, "the report's 15-character ids are the Data Loader's 18-character ones")
        #expect(report.plan.updated + report.plan.unchanged == 6)
        #expect(s.leadCount == 6)
        #expect(
            try lead(s, "salesforce:00Q5g000004GrMuEAK")?.profile.createdAt == Instant(iso8601: "2026-11-20T09:15:00Z"))
    }

    @Test func duplicatesByNameAndCompanyAreFlaggedInTheFileAndAgainstTheStore() throws {
        let s = try store()
        try run(s, try read("salesforce-dataloader-bom.csv", zone: nil))
        // Grace Müller of Acme Logistics GmbH twice, with two addresses ("ACME" and "Acme" are one company).
        let a = try #require(try lead(s, "salesforce:00Q5g000004GrMuEAK"))
        let f = try #require(try lead(s, "salesforce:00Q5g00000gRacEEAS"))
        #expect(a.profile.flags == ["duplicate-name:\(f.id)"])
        #expect(f.profile.flags == ["duplicate-name:\(a.id)"])
        // José shares the company but not the name: no flag.
        #expect(try lead(s, "salesforce:00Q5g00000JoSEgEAN")?.profile.flags == [])
        // A later file from another CRM: Ken Ito of ITO Trading is the one already stored from Odoo.
        try run(s, try read("odoo-labels.csv"), at: t0 + 60)
        let ken = try #require(try lead(s, "odoo:name:ken ito|ito trading"))
        let rows = try Importer.read(
            csvBytes("Record ID,First Name,Last Name,Company Name\n9001,Ken,Ito,\"ITO Trading, \"\n"), file: "hs.csv",
            options: ImportOptions())
        let (r, _) = try run(s, rows, at: t0 + 120)
        let hs = try #require(try lead(s, "hubspot:9001"))
        #expect(hs.profile.flags == ["duplicate-name:\(ken.id)"])
        #expect(try s.lead(ken.id)?.profile.flags == ["duplicate-name:\(hs.id)"])
        #expect(r.plan.flagUpdateCount == 1)
    }

    @Test func aBigGroupOfDuplicatesNamesItsFirstThreeOnEachLead() throws {
        let s = try store()
        var csv = "Record ID,First Name,Last Name,Company Name,Email\n"
        // Six Ken Itos of ITO Trading, each with an address of his own; five people sharing one address.
        for i in 1...6 { csv += "\(100 + i),Ken,Ito,ITO Trading,ken\(i)@ito.example\n" }
        for i in 1...5 { csv += "\(200 + i),P\(i),Q\(i),Co \(i),shared@ex.example\n" }
        try run(s, try Importer.read(csvBytes(csv), file: "hs.csv", options: ImportOptions()))
        let kens = try (1...6).map { try #require(try lead(s, "hubspot:\(100 + $0)")).id }
        let shared = try (1...5).map { try #require(try lead(s, "hubspot:\(200 + $0)")).id }
        for (i, id) in kens.enumerated() {
            let others = kens.indices.filter { $0 != i }.prefix(DataQuality.duplicatesNamed).map { kens[$0] }
            #expect(try lead(s, "hubspot:\(101 + i)")?.profile.flags == others.map { "duplicate-name:\($0)" }, "\(id)")
        }
        for (i, id) in shared.enumerated() {
            let others = shared.indices.filter { $0 != i }.prefix(DataQuality.duplicatesNamed).map { shared[$0] }
            #expect(try lead(s, "hubspot:\(201 + i)")?.profile.flags == others.map { "duplicate-email:\($0)" }, "\(id)")
        }
        // A seventh Ken later: he names the first three; no stored Ken's flags change.
        let later = try Importer.read(
            csvBytes("Record ID,First Name,Last Name,Company Name,Email\n107,Ken,Ito,ITO Trading,ken7@ito.example\n"),
            file: "hs2.csv", options: ImportOptions())
        let (r, _) = try run(s, later, at: t0 + 60)
        #expect(
            try lead(s, "hubspot:107")?.profile.flags
                == kens.prefix(DataQuality.duplicatesNamed).map { "duplicate-name:\($0)" })
        #expect(r.plan.flagUpdateCount == 0)
    }

    @Test func footerRowsAreSkippedAndCountedNeverImported() throws {
        let s = try store()
        let rows = try read("salesforce-report-de.csv")
        #expect(rows.footerRows == 3)
        let (r, _) = try run(s, rows)
        #expect((r.plan.new, s.leadCount) == (6, 6))
        var names: [String] = []
        try s.forEachLead { names.append($0.profile.name) }
        #expect(
            !names.contains { $0.contains("Grand Totals") || $0.contains("Confidential") || $0.contains("Copyright") })
    }

    /// Odoo's import reads `id` as External IDs and `.id` as database ids: each goes back where it came from.
    @Test func odooIDsAreWrittenBackAsOdooReadsThem() throws {
        let s = try store()
        try run(s, try read("odoo-import-compatible.csv"))
        try run(s, try read("odoo-labels-id.csv"), at: t0 + 60)
        try run(s, try read("odoo-labels.csv"), at: t0 + 120)
        // Every lead worked in leadq: assigned to ben where its owner didn't map, and accepted.
        var ids: [String] = []
        try s.forEachLead { ids.append($0.id) }
        for id in ids {
            if try s.lead(id)?.stage == .new {
                try s.perform(.assign(to: "ben", rule: nil), on: id, as: "mia", at: t0 + 300)
            }
            try s.perform(.accept, on: id, as: "ben", at: t0 + 600)
        }
        var rows: [[String]] = []
        var unkeyed = 0
        let settings = s.settings
        try s.forEachLead { lead in
            if DecisionExport.unkeyed(lead, .odoo, since: nil) { unkeyed += 1 }
            if DecisionExport.includes(lead, .odoo, since: nil) {
                rows.append(DecisionExport.row(lead, .odoo, settings: settings))
            }
        }
        let table = DecisionExport.table(.odoo, rows)
        #expect(table.header == ["id", ".id", "stage_id", "user_id/id", "active", "lost_reason_id"])
        #expect(
            table.rows.map { [$0[0], $0[1]] } == [
                ["__export__.crm_lead_42_f519f70a", ""], ["__export__.crm_lead_43_9b2d4e71", ""],
                ["__export__.crm_lead_44_77aa0c13", ""], ["__export__.crm_lead_45_0d1e2f3a", ""],
                ["", "42"], ["", "43"], ["", "44"], ["", "45"],
            ])
        #expect(unkeyed == 4, "the labels export without ID keyed its leads by email or name: left out")
        #expect(OwnerMap.owner(of: "ben", for: .odoo, settings: settings) == "base.user_admin")
    }
}

/// The small parts: Salesforce's id checksum, text encodings, Odoo's HTML notes, and detection that
/// names its candidates.
@Suite struct CRMPartsTests {
    @Test func salesforceIDsOf15CharactersGetTheirChecksum() {
        // Salesforce's documented example: 001A0000006Vm9r is 001A0000006Vm9rIAC.
        #expect(SalesforceID.long("001A0000006Vm9r") == "001A0000006Vm9rIAC")
        #expect(SalesforceID.long("00Q5g00000gRacE") == "00Q5g00000gRacEEAS")
        #expect(SalesforceID.long("001A0000006Vm9rIAC") == "001A0000006Vm9rIAC")
        #expect(SalesforceID.long("00Q1") == "00Q1")
        #expect(SalesforceID.long("00Q5g00000gRac!") == "00Q5g00000gRac!")
    }

    func read(_ bytes: [UInt8], _ encoding: TextEncoding = .utf8) throws -> ReadRows {
        var o = ImportOptions()
        o.encoding = encoding
        return try Importer.read(bytes, file: "e.csv", options: o)
    }

    @Test func singleByteEncodingsAndUTF16ByteOrderMarks() throws {
        // "Müller", "€ 5" and "’" in Windows-1252; "Müller" in ISO-8859-1; UTF-16 both ways.
        let cp1252 =
            csvBytes("Id,LastName,Description\n1,M") + [0xFC] + csvBytes("ller,") + [0x80, 0x20, 0x35, 0x92]
            + csvBytes("\n")
        #expect(try read(cp1252, .windows1252).rows[0].values.name == "Müller")
        #expect(try read(cp1252, .windows1252).rows[0].extra == [Attribute("Description", "€ 5’")])
        #expect(
            try read(csvBytes("Id,LastName\n1,M") + [0xFC] + csvBytes("ller\n"), .iso88591).rows[0].values.name
                == "Müller")
        let text = "Id,LastName\n1,Müller\n"
        let le: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try read(le).rows[0].values.name == "Müller")
        #expect(try read(be, .windows1252).rows[0].values.name == "Müller", "a byte-order mark wins over --encoding")
        // A UTF-8 BOM says UTF-8 whatever --encoding says.
        #expect(try read([0xEF, 0xBB, 0xBF] + csvBytes(text), .iso88591).rows[0].values.name == "Müller")
        #expect { try read(cp1252) } throws: { e in
            (e as? ImportFileError)?.message
                == "byte 0xFC is not UTF-8; if the file is in another encoding, name it: --encoding windows-1252 or --encoding iso-8859-1"
        }
    }

    @Test func odooNotesAsText() {
        #expect(HTMLText.plain("<p>One</p><p>Two &amp; three<br/>four</p>") == "One\nTwo & three\nfour")
        #expect(HTMLText.plain("<ul><li>a</li><li>b</li></ul>") == "a\nb")
        #expect(HTMLText.plain("plain, with a < and &c") == "plain, with a < and &c")
        #expect(HTMLText.plain("<p>caf&eacute; &#233; &#xE9; &nbsp;x</p>") == "caf&eacute; é é \u{00A0}x")
    }

    func map(_ header: [String]) throws -> ColumnMap {
        try ColumnMap.make(header: header, forced: nil, overrides: [], file: "f.csv")
    }

    @Test func oneSharedColumnCantDecideAndCloseCallsNameTheCandidates() throws {
        // `ID` is Salesforce's `Id` and Odoo's label for the database id; the rest is Odoo's.
        #expect(try map(["ID", "Opportunity", "Contact Name", "Email", "Salesperson", "Created on"]).format == .odoo)
        #expect { try map(["ID", "Email", "Phone", "Country"]) } throws: { e in
            (e as? ImportFileError)?.message
                == "the header fits Salesforce (4 of 4 columns) and Odoo (4 of 4 columns) about equally well; say which with --format salesforce or --format odoo"
        }
        #expect(
            try ColumnMap.make(
                header: ["ID", "Email", "Phone", "Country"], forced: .odoo, overrides: [], file: "f.csv"
            ).fields == [.id, .email, .phone, .country])
        #expect { try map(["Email", "Name", "Phone"]) } throws: { e in
            (e as? ImportFileError)?.message.hasSuffix(
                "it fits none well enough (Salesforce (3 of 3 columns), Odoo (3 of 3 columns), HubSpot (2 of 3 columns)). Use --format salesforce|hubspot|odoo, and --map COLUMN=FIELD for the columns"
            ) == true
        }
    }
}
