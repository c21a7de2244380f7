/// What each column of a file becomes, for the format that wrote it.
public struct ColumnMap: Equatable, Sendable {
    public var format: SourceFormat
    public var header: [String]
    /// One per header column.
    public var fields: [ImportField]

    /// The keys extra attributes from this file are stored under (the header names, or `column N`).
    public var extraKeys: [String] {
        fields.indices.filter { fields[$0] == .extra || fields[$0] == .mobile }.map(extraKey)
    }

    public func extraKey(_ column: Int) -> String {
        header[column].isEmpty ? "column \(column + 1)" : header[column]
    }

    /// Columns for a field, in header order (a file may carry both `Country` and `CountryCode`).
    public func columns(_ f: ImportField) -> [Int] { fields.indices.filter { fields[$0] == f } }

    /// `COLUMN=FIELD` as `--map` takes it.
    public static func parseOverride(_ text: String) throws -> (column: String, field: ImportField) {
        guard let eq = text.lastIndex(of: "=") else {
            throw ImportUsageError("--map '\(text)' should be COLUMN=FIELD, e.g. --map 'Lead Score=score'")
        }
        let column = String(text[..<eq])
        let name = String(text[text.index(after: eq)...])
        guard let field = ImportField(rawValue: name) else {
            throw ImportUsageError(
                "--map '\(text)': '\(name)' is not a leadq field; fields: \(ImportField.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        return (column, field)
    }

    /// Recognises the format from the header (or takes `forced`), applies the overrides, and checks
    /// that the file has a column for the source id.
    public static func make(
        header: [String], forced: SourceFormat?, overrides: [(column: String, field: ImportField)], file: String
    ) throws -> ColumnMap {
        var overridden: [Int: ImportField] = [:]
        for o in overrides {
            let matches = header.indices.filter { AliasTable.normal(header[$0]) == AliasTable.normal(o.column) }
            guard !matches.isEmpty else {
                throw ImportUsageError(
                    "--map: \(file) has no column '\(o.column)'; its columns: \(header.map { "'\($0)'" }.joined(separator: ", "))"
                )
            }
            for m in matches { overridden[m] = o.field }
        }
        func map(_ f: SourceFormat) -> ColumnMap {
            ColumnMap(
                format: f, header: header,
                fields: header.indices.map { overridden[$0] ?? AliasTable.field(for: header[$0], in: f) ?? .extra })
        }
        if let f = forced {
            guard f != .jsonl else {
                throw ImportUsageError("\(file) is CSV, not JSON Lines; drop --format jsonl or give a .jsonl file")
            }
            let m = map(f)
            guard !m.columns(.id).isEmpty else {
                let names = AliasTable.rows.first { $0.field == .id }!.names(f).map { "'\($0)'" }.joined(
                    separator: " or ")
                throw ImportFileError(
                    file: file, message: "no \(f.title) id column (\(names)); name the id column with --map COLUMN=id")
            }
            return m
        }
        // The format whose aliases name the most columns, among those whose id column is present.
        let scored = SourceFormat.allCases.filter { $0 != .jsonl }.map { f -> (SourceFormat, Int, Bool) in
            let m = map(f)
            let known = header.indices.filter {
                overridden[$0] == nil && AliasTable.field(for: header[$0], in: f) != nil
            }.count
            return (f, known, !m.columns(.id).isEmpty)
        }
        let candidates = scored.filter { $0.2 && $0.1 > 0 }.sorted { $0.1 > $1.1 }
        guard let best = candidates.first else {
            throw ImportFileError(
                file: file, line: 1,
                message:
                    "can't tell which system wrote this header (\(header.prefix(6).map { "'\($0)'" }.joined(separator: ", "))\(header.count > 6 ? ", …" : "")): no Salesforce 'Id', HubSpot 'Record ID' or Odoo 'id' column. Use --format salesforce|hubspot|odoo and --map COLUMN=id"
            )
        }
        if candidates.count > 1, candidates[1].1 == best.1 {
            throw ImportFileError(
                file: file, line: 1,
                message:
                    "the header fits \(best.0.title) and \(candidates[1].0.title) equally well; say which with --format"
            )
        }
        return map(best.0)
    }
}

/// A usage mistake in the import's options (exit code 2, like other bad input).
public struct ImportUsageError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
