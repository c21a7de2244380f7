/// What a column of an export becomes in leadq. `--map COLUMN=FIELD` takes these names.
public enum ImportField: String, CaseIterable, Sendable {
    case id, name, firstName, lastName, company, title, email, phone, mobile, country, region, industry
    case companySize, source, trigger, content, score, owner, createdAt, doNotCall, emailOptOut, nextAction
    /// Kept as an extra attribute (shown under "Other fields"): unknown columns, and known ones leadq has no field for.
    case extra
    /// Dropped.
    case ignore
}

/// The systems leadq reads exports from.
public enum SourceFormat: String, CaseIterable, Sendable {
    case salesforce, hubspot, odoo, jsonl

    /// The origin recorded on imported leads; with the source id it keys the lead for re-imports.
    public var origin: String { self == .jsonl ? "leadq" : rawValue }

    public var title: String {
        switch self {
        case .salesforce: return "Salesforce"
        case .hubspot: return "HubSpot"
        case .odoo: return "Odoo"
        case .jsonl: return "leadq JSON Lines"
        }
    }
}

/// One row of the alias table: a leadq field and the column names each CRM writes for it.
public struct Alias: Sendable {
    public var field: ImportField
    /// Salesforce Lead exports (Data Loader, Data Export: API names) and Lead reports (labels).
    public var salesforce: [String]
    public var salesforceReport: [String]
    public var hubspot: [String]
    /// Odoo `crm.lead` exports (technical field names).
    public var odoo: [String]
    public var note: String

    func names(_ f: SourceFormat) -> [String] {
        switch f {
        case .salesforce: return salesforce + salesforceReport
        case .hubspot: return hubspot
        case .odoo: return odoo
        case .jsonl: return []
        }
    }
}

/// The one alias table: header names (matched ignoring case and surrounding spaces) → leadq fields.
/// The README shows it as `AliasTable.markdown()` writes it; a test keeps the two the same.
public enum AliasTable {
    public static let rows: [Alias] = [
        Alias(
            field: .id, salesforce: ["Id"], salesforceReport: ["Lead ID"],
            hubspot: ["Record ID", "Record ID - Contact", "Contact ID"],
            odoo: ["id"],
            note: "the lead's id in the CRM: with the format it keys the lead, so re-imports update it; required"),
        Alias(
            field: .name, salesforce: ["Name"], salesforceReport: ["Full Name"], hubspot: ["Full Name"],
            odoo: ["contact_name"],
            note: "the person; else First + Last name (family name first, unspaced, for CJK names)"),
        Alias(
            field: .firstName, salesforce: ["FirstName"], salesforceReport: ["First Name"], hubspot: ["First Name"],
            odoo: [], note: ""),
        Alias(
            field: .lastName, salesforce: ["LastName"], salesforceReport: ["Last Name"], hubspot: ["Last Name"],
            odoo: [], note: ""),
        Alias(
            field: .company, salesforce: ["Company"], salesforceReport: ["Company / Account", "Company"],
            hubspot: ["Company Name", "Company"],
            odoo: ["partner_name"], note: "critical: a lead without one is flagged"),
        Alias(
            field: .title, salesforce: ["Title"], salesforceReport: ["Title"], hubspot: ["Job Title"],
            odoo: ["function"], note: ""),
        Alias(
            field: .email, salesforce: ["Email"], salesforceReport: ["Email"], hubspot: ["Email"], odoo: ["email_from"],
            note: "critical with phone; shared addresses are flagged as likely duplicates"),
        Alias(
            field: .phone, salesforce: ["Phone"], salesforceReport: ["Phone"], hubspot: ["Phone Number"],
            odoo: ["phone"], note: ""),
        Alias(
            field: .mobile, salesforce: ["MobilePhone"], salesforceReport: ["Mobile", "Mobile Phone"],
            hubspot: ["Mobile Phone Number"],
            odoo: ["mobile"], note: "the phone when Phone is empty; also kept as an extra attribute"),
        Alias(
            field: .country, salesforce: ["Country", "CountryCode"], salesforceReport: ["Country"],
            hubspot: ["Country/Region", "Country"],
            odoo: ["country_id"], note: "as written (routing rules list each spelling: DE, Germany)"),
        Alias(
            field: .region, salesforce: ["State", "StateCode"], salesforceReport: ["State/Province"],
            hubspot: ["State/Region"],
            odoo: ["state_id"], note: ""),
        Alias(
            field: .industry, salesforce: ["Industry"], salesforceReport: ["Industry"], hubspot: ["Industry"], odoo: [],
            note: ""),
        Alias(
            field: .companySize, salesforce: ["NumberOfEmployees"],
            salesforceReport: ["No. of Employees", "Employees"],
            hubspot: ["Number of Employees"], odoo: [],
            note: "a whole number; `1,200`, `51-200` (the lower bound) and `10000+` read too"),
        Alias(
            field: .source, salesforce: ["LeadSource"], salesforceReport: ["Lead Source"], hubspot: ["Original Source"],
            odoo: ["source_id"], note: "the channel"),
        Alias(
            field: .trigger, salesforce: [], salesforceReport: [], hubspot: ["Recent Conversion"], odoo: ["name"],
            note: "what made it a lead (Odoo's lead title)"),
        Alias(
            field: .content, salesforce: [], salesforceReport: [], hubspot: ["First Conversion"], odoo: ["campaign_id"],
            note: "content or campaign; `;`-separated values become several"),
        Alias(
            field: .score, salesforce: ["Lead_Score__c", "Score__c"], salesforceReport: ["Lead Score"],
            hubspot: ["HubSpot Score"],
            odoo: ["probability"],
            note: "the source's score: it wins over the store's rules, and the difference shows as a score part"),
        Alias(
            field: .owner, salesforce: ["OwnerId"], salesforceReport: ["Lead Owner"],
            hubspot: ["Contact owner", "HubSpot Owner"],
            odoo: ["user_id"], note: "mapped to a rep by `ownerMap`; an unknown owner leaves the lead unassigned"),
        Alias(
            field: .createdAt, salesforce: ["CreatedDate"], salesforceReport: ["Create Date", "Created Date"],
            hubspot: ["Create Date", "Create date"],
            odoo: ["create_date"], note: "ISO 8601, or d/m/y and m/d/y as reports write them (see dates below)"),
        Alias(
            field: .doNotCall, salesforce: ["DoNotCall"], salesforceReport: ["Do Not Call"], hubspot: ["Do Not Call"],
            odoo: ["phone_blacklisted"], note: "consent: true makes the lead do-not-contact"),
        Alias(
            field: .emailOptOut, salesforce: ["HasOptedOutOfEmail"], salesforceReport: ["Email Opt Out"],
            hubspot: ["Unsubscribed from all email", "Opted out of all email"], odoo: ["is_blacklisted"],
            note: "consent: true makes the lead do-not-contact"),
        Alias(
            field: .nextAction, salesforce: [], salesforceReport: [], hubspot: [], odoo: ["activity_summary"],
            note: "a recommended next step"),
        Alias(
            field: .extra,
            salesforce: [
                "Status", "Rating", "Description", "Street", "City", "PostalCode", "Website", "ConvertedDate",
                "IsConverted",
            ],
            salesforceReport: ["Lead Status", "Rating", "Description", "City", "Website"],
            hubspot: [
                "Lead Status", "Lifecycle Stage", "Marketing contact status", "City", "Website URL",
                "Last Activity Date",
                "Original Source Drill-Down 1", "Original Source Drill-Down 2",
            ],
            odoo: [
                "stage_id", "team_id", "priority", "medium_id", "tag_ids", "description", "city", "website", "type",
            ],
            note: "known columns kept as extra attributes; so is every column not in this table"),
    ]

    /// The field a header cell names for a format, if the table knows it.
    public static func field(for header: String, in format: SourceFormat) -> ImportField? {
        let key = normal(header)
        return lookup[format]?[key]
    }

    static func normal(_ s: String) -> String { CSVRecords.cleanHeader(s).lowercased() }

    private static let lookup: [SourceFormat: [String: ImportField]] = {
        var out: [SourceFormat: [String: ImportField]] = [:]
        for f in SourceFormat.allCases {
            var m: [String: ImportField] = [:]
            for row in rows { for n in row.names(f) where m[normal(n)] == nil { m[normal(n)] = row.field } }
            out[f] = m
        }
        return out
    }()

    /// The table as the README shows it.
    public static func markdown() -> String {
        func cell(_ names: [String]) -> String { names.isEmpty ? "—" : names.map { "`\($0)`" }.joined(separator: ", ") }
        var lines = [
            "| leadq field | Salesforce (API names) | Salesforce (report labels) | HubSpot | Odoo `crm.lead` | notes |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for r in rows {
            lines.append(
                "| `\(r.field.rawValue)` | \(cell(r.salesforce)) | \(cell(r.salesforceReport)) | \(cell(r.hubspot)) | \(cell(r.odoo)) | \(r.note) |"
            )
        }
        return lines.joined(separator: "\n")
    }
}
