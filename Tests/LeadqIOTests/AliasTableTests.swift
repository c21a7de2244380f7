import Foundation
import LeadqIO
import Testing

/// The header is recognised by itself; the one alias table maps columns to fields; --map overrides.
@Suite struct AliasTableTests {
    func map(_ header: [String], forced: SourceFormat? = nil, _ overrides: [(column: String, field: ImportField)] = [])
        throws -> ColumnMap
    {
        try ColumnMap.make(header: header, forced: forced, overrides: overrides, file: "f.csv")
    }

    @Test func eachSampleIsRecognisedByItsHeader() throws {
        #expect(try Samples.read("salesforce-leads.csv").format == .salesforce)
        #expect(try Samples.read("salesforce-report.csv").format == .salesforce)
        #expect(try Samples.read("hubspot-contacts.csv").format == .hubspot)
        #expect(try Samples.read("hubspot-legacy.csv").format == .hubspot)
        #expect(try Samples.read("odoo-crm-lead.csv").format == .odoo)
        #expect(try Samples.read("leadq-leads.jsonl").format == .jsonl)
    }

    @Test func salesforceAPINamesAndReportLabelsMapToTheSameFields() throws {
        let api = try map([
            "Id", "FirstName", "LastName", "Company", "OwnerId", "CreatedDate", "DoNotCall", "HasOptedOutOfEmail",
            "Status", "Foo__c",
        ])
        #expect(api.format == .salesforce)
        #expect(
            api.fields == [
                .id, .firstName, .lastName, .company, .owner, .createdAt, .doNotCall, .emailOptOut, .extra, .extra,
            ])
        let report = try map([
            "Lead Owner", "First Name", "Last Name", "Company / Account", "Lead ID", "Create Date", "Email Opt Out",
            "Lead Status",
        ])
        #expect(report.format == .salesforce)
        #expect(report.fields == [.owner, .firstName, .lastName, .company, .id, .createdAt, .emailOptOut, .extra])
        #expect(report.extraKeys == ["Lead Status"])
    }

    @Test func hubspotAndOdooColumns() throws {
        let hs = try map([
            "record id", "Email", "Phone Number", "Contact owner", "HubSpot Score", "Original Source", "Company Name",
            "Job Title", "Country/Region", "Lifecycle Stage",
        ])
        #expect(hs.format == .hubspot)
        #expect(hs.fields == [.id, .email, .phone, .owner, .score, .source, .company, .title, .country, .extra])
        let od = try map([
            "id", "name", "contact_name", "partner_name", "function", "email_from", "user_id", "probability",
            "source_id", "country_id", "create_date", "stage_id",
        ])
        #expect(od.format == .odoo)
        #expect(
            od.fields == [
                .id, .trigger, .name, .company, .title, .email, .owner, .score, .source, .country, .createdAt, .extra,
            ])
    }

    @Test func overridesAndForcedFormats() throws {
        let m = try map(
            ["External Key", "E-mail", "Lead Owner", "Score"], forced: .salesforce,
            [("external key", .id), ("E-mail", .email), ("Score", .score)])
        #expect(m.fields == [.id, .email, .owner, .score])
        #expect(throws: ImportUsageError.self) { try map(["Id"], [("Nope", .email)]) }
        #expect(
            throws: ImportUsageError(
                "--map 'Id=mail': 'mail' is not a leadq field; fields: \(ImportField.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        ) {
            try ColumnMap.parseOverride("Id=mail")
        }
        #expect(try ColumnMap.parseOverride("a=b=c=email") == ("a=b=c", .email))
        // Without an id column a file is keyed by email, else by name and company; with neither it is refused.
        #expect(try map(["Email", "Name"], forced: .hubspot).hasID == false)
        #expect(throws: ImportFileError.self) { try map(["Phone", "Name"], forced: .hubspot) }
    }

    @Test func aHeaderNoCRMWroteIsRefusedWithWhatToDo() throws {
        #expect { try map(["Email", "Name", "Phone"]) } throws: { e in
            (e as? ImportFileError)?.message.hasPrefix(
                "can't tell which system wrote this header ('Email', 'Name', 'Phone')") == true
        }
    }

    @Test func theREADMEShowsTheTableAsTheCodeHasIt() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        #expect(
            text.contains(AliasTable.markdown()),
            "README.md's alias table differs from AliasTable.rows; paste AliasTable.markdown() into it")
    }
}
