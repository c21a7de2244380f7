/// Which CRM wrote a header, judged on the whole header: every column a CRM knows counts for it, a
/// column several CRMs write (`Email`, `Phone`, `ID`) only as a share, so one shared column can't
/// decide. When no CRM fits, or two fit about equally well, the file is refused with the
/// candidates named, and `--format` decides.
enum FormatDetection {
    struct Candidate {
        var format: SourceFormat
        /// Columns this CRM knows, each weighted 1 / (number of CRMs that know it).
        var score: Double
        var known: Int
        var hasID: Bool
    }

    static func candidates(_ header: [String], overridden: [Int: ImportField]) -> [Candidate] {
        let idMapped = overridden.values.contains(.id)
        return SourceFormat.crms.map { f in
            var c = Candidate(format: f, score: 0, known: 0, hasID: idMapped)
            for (i, h) in header.enumerated() where overridden[i] == nil {
                guard let field = AliasTable.field(for: h, in: f) else { continue }
                c.score += 1 / Double(AliasTable.formatsKnowing(h))
                c.known += 1
                if field == .id { c.hasID = true }
            }
            return c
        }
    }

    /// A CRM fits with its id column and a column's worth of evidence, or without one with two.
    static func fits(_ c: Candidate) -> Bool { c.score >= (c.hasID ? 1 : 2) }

    static func detect(_ header: [String], overridden: [Int: ImportField], file: String) throws -> SourceFormat {
        let all = candidates(header, overridden: overridden)
        let fitting = all.filter(fits).sorted { $0.score > $1.score }
        func describe(_ c: Candidate) -> String { "\(c.format.title) (\(c.known) of \(header.count) columns)" }
        guard let best = fitting.first else {
            let shown = header.prefix(6).map { "'\($0)'" }.joined(separator: ", ") + (header.count > 6 ? ", …" : "")
            let closest = all.sorted { $0.score > $1.score }.map(describe).joined(separator: ", ")
            throw ImportFileError(
                file: file, line: 1,
                message:
                    "can't tell which system wrote this header (\(shown)): it fits none well enough (\(closest)). Use --format salesforce|hubspot|odoo, and --map COLUMN=FIELD for the columns"
            )
        }
        // Close: another fitting CRM scores 70% of the best or more (a little room for rounding).
        let close = fitting.dropFirst().filter { $0.score >= best.score * 0.7 - 1e-9 }
        guard close.isEmpty else {
            let names = ([best] + close).map(describe).joined(separator: " and ")
            let flags = ([best] + close).map { "--format \($0.format.rawValue)" }.joined(separator: " or ")
            throw ImportFileError(
                file: file, line: 1, message: "the header fits \(names) about equally well; say which with \(flags)")
        }
        return best.format
    }

    /// The header style of `format` that names the most columns (the first of equals).
    static func style(_ header: [String], in format: SourceFormat) -> HeaderStyle {
        let styles = HeaderStyle.of(format)
        let counts = styles.map { s in header.filter { AliasTable.field(for: $0, in: s) != nil }.count }
        return styles[counts.firstIndex(of: counts.max() ?? 0) ?? 0]
    }
}
