/// What each column of a file becomes, for the format that wrote it.
public struct ColumnMap: Equatable, Sendable {
    public var format: SourceFormat
    /// The header style the file's names follow most (for messages; every style of the format is read).
    public var style: HeaderStyle
    public var header: [String]
    /// One per header column.
    public var fields: [ImportField]
    /// Columns whose cells are HTML (Odoo's notes), read as text.
    public var htmlColumns: Set<Int> = []

    /// Whether rows are keyed by the CRM's id; without an id column, by email else name and company.
    public var hasID: Bool { fields.contains(.id) }

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

    /// Recognises the format from the whole header (or takes `forced`), applies the overrides, and
    /// checks that rows can be keyed: by the id column, else by email, else by name and company.
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
        if forced == .jsonl {
            throw ImportUsageError("\(file) is CSV, not JSON Lines; drop --format jsonl or give a .jsonl file")
        }
        let format = try forced ?? FormatDetection.detect(header, overridden: overridden, file: file)
        var m = ColumnMap(
            format: format, style: FormatDetection.style(header, in: format), header: header,
            fields: header.indices.map { overridden[$0] ?? AliasTable.field(for: header[$0], in: format) ?? .extra })
        if format == .odoo {
            m.htmlColumns = Set(
                header.indices.filter {
                    m.fields[$0] == .extra && ["description", "notes"].contains(AliasTable.normal(header[$0]))
                })
        }
        try m.checkKeyable(file: file)
        return m
    }

    /// A file without an id column needs an email column, or name and company columns.
    func checkKeyable(file: String) throws {
        if hasID { return }
        let named = fields.contains(.name) || fields.contains(.firstName) || fields.contains(.lastName)
        guard fields.contains(.email) || (named && fields.contains(.company)) else {
            let ids = AliasTable.rows.first { $0.field == .id }!.names(format).map { "'\($0)'" }.joined(separator: ", ")
            throw ImportFileError(
                file: file, line: 1,
                message:
                    "no \(format.title) id column (\(ids)), and no email or name and company columns to key the leads by; name the id column with --map COLUMN=id"
            )
        }
    }
}

/// A usage mistake in the import's options (exit code 2, like other bad input).
public struct ImportUsageError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
