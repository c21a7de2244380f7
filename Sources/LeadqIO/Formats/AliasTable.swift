/// What a column of an export becomes in leadq. `--map COLUMN=FIELD` takes these names.
public enum ImportField: String, CaseIterable, Sendable {
    case id, name, firstName, lastName, company, title, email, phone, mobile, country, region, industry
    case companySize, source, trigger, content, score, owner, createdAt, doNotCall, emailOptOut, nextAction
    /// A qualified lead's opportunity: won or lost, for how much, and why it was lost.
    case outcome, amount, lostReason
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

    /// The CRMs, in the order messages list them.
    public static let crms: [SourceFormat] = [.salesforce, .hubspot, .odoo]
}

/// One way a CRM writes its header: each CRM has several, depending on where the export comes from.
public enum HeaderStyle: String, CaseIterable, Sendable {
    /// Data Loader (all capitals in older versions), Data Export, the API.
    case salesforceAPI
    /// Lead report exports: field labels.
    case salesforceReport
    /// Contact exports: property labels in English (all properties, or the columns of a view).
    case hubspotLabels
    /// Exports and integrations that write property internal names.
    case hubspotInternal
    /// Contact exports from a HubSpot account whose language is German.
    case hubspotGerman
    /// `crm.lead` exports with "import-compatible export" checked: technical field names.
    case odooTechnical
    /// `crm.lead` exports as Odoo writes them by default (en_US field labels).
    case odooLabels

    public var format: SourceFormat {
        switch self {
        case .salesforceAPI, .salesforceReport: return .salesforce
        case .hubspotLabels, .hubspotInternal, .hubspotGerman: return .hubspot
        case .odooTechnical, .odooLabels: return .odoo
        }
    }

    public var title: String {
        switch self {
        case .salesforceAPI: return "Salesforce (API names)"
        case .salesforceReport: return "Salesforce (report labels)"
        case .hubspotLabels: return "HubSpot"
        case .hubspotInternal: return "HubSpot (internal names)"
        case .hubspotGerman: return "HubSpot (German)"
        case .odooTechnical: return "Odoo (technical names)"
        case .odooLabels: return "Odoo (field labels)"
        }
    }

    static func of(_ f: SourceFormat) -> [HeaderStyle] { allCases.filter { $0.format == f } }
}

/// One row of the alias table: a leadq field and the column names each header style writes for it.
public struct Alias: Sendable {
    public var field: ImportField
    public var names: [HeaderStyle: [String]]
    public var note: String

    func names(_ s: HeaderStyle) -> [String] { names[s] ?? [] }
    func names(_ f: SourceFormat) -> [String] { HeaderStyle.of(f).flatMap { names($0) } }
}

/// The one alias table (`AliasTable.rows`, in AliasRows.swift): header names, matched ignoring
/// case and surrounding spaces, to leadq fields. The README shows it as `markdown()` writes it; a
/// test keeps the two the same.
public enum AliasTable {
    /// The field a header cell names for a format, if the table knows it.
    public static func field(for header: String, in format: SourceFormat) -> ImportField? {
        lookup[format]?[normal(header)]
    }

    /// The field a header cell names in one header style.
    static func field(for header: String, in style: HeaderStyle) -> ImportField? {
        styleLookup[style]?[normal(header)]
    }

    static func normal(_ s: String) -> String { CSVRecords.cleanHeader(s).lowercased() }

    private static let styleLookup: [HeaderStyle: [String: ImportField]] = {
        var out: [HeaderStyle: [String: ImportField]] = [:]
        for s in HeaderStyle.allCases {
            var m: [String: ImportField] = [:]
            for row in rows { for n in row.names(s) where m[normal(n)] == nil { m[normal(n)] = row.field } }
            out[s] = m
        }
        return out
    }()

    /// A format reads every one of its styles' names (a file may mix them, as Odoo's import-compatible
    /// exports mix `user_id` and `user_id/id`).
    private static let lookup: [SourceFormat: [String: ImportField]] = {
        var out: [SourceFormat: [String: ImportField]] = [:]
        for f in SourceFormat.crms {
            var m: [String: ImportField] = [:]
            for s in HeaderStyle.of(f) { m.merge(styleLookup[s] ?? [:]) { first, _ in first } }
            out[f] = m
        }
        return out
    }()

    /// How many CRMs know a header name: a name they all write (`Email`) says little about which one wrote the file.
    static func formatsKnowing(_ header: String) -> Int {
        let key = normal(header)
        return SourceFormat.crms.filter { lookup[$0]?[key] != nil }.count
    }

    /// The table as the README shows it.
    public static func markdown() -> String {
        func cell(_ names: [String]) -> String { names.isEmpty ? "—" : names.map { "`\($0)`" }.joined(separator: ", ") }
        let styles = HeaderStyle.allCases
        var lines = [
            "| leadq field | " + styles.map(\.title).joined(separator: " | ") + " | notes |",
            "|" + String(repeating: " --- |", count: styles.count + 2),
        ]
        for r in rows {
            lines.append(
                "| `\(r.field.rawValue)` | " + styles.map { cell(r.names($0)) }.joined(separator: " | ")
                    + " | \(r.note) |")
        }
        return lines.joined(separator: "\n")
    }
}
