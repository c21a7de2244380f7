import LeadqCodec
import LeadqDomain
import LeadqMetrics
import LeadqText

/// `leadq report` in its four forms. Tables come from `ReportTables`, so every form holds the same
/// figures; lead text (sources) is made inert for terminals and Markdown, neutralised for CSV and
/// escaped for JSON.
public enum ReportOutput {
    public struct Heading {
        let report: Report
        let unit: PeriodUnit
        let utcOffset: (Instant) -> Int64

        public init(report: Report, unit: PeriodUnit, utcOffset: @escaping (Instant) -> Int64) {
            (self.report, self.unit, self.utcOffset) = (report, unit, utcOffset)
        }

        public func local(_ t: Instant) -> String {
            let o = utcOffset(t)
            return t.clock(utcOffset: o) == "00:00"
                ? t.date(utcOffset: o) : "\(t.date(utcOffset: o)) \(t.clock(utcOffset: o))"
        }

        /// "2026-11-16 to 2026-11-29": the last day shown is the one the exclusive end closes.
        var span: String {
            let w = report.window
            let endsAtMidnight = w.to.clock(utcOffset: utcOffset(w.to)) == "00:00"
            return
                "\(local(w.from)) to \(endsAtMidnight ? (w.to - 1).date(utcOffset: utcOffset(w.to - 1)) : local(w.to))"
        }

        var filters: String {
            let f = report.filter
            return [f.rep.map { "rep \($0)" }, f.team.map { "team \($0)" }, f.source.map { "source \($0)" }]
                .compactMap { $0 }.joined(separator: " · ")
        }

        var line: String {
            let n = report.now
            var s =
                "Report \(span), cohorts by \(unit.rawValue) · as of \(n.date(utcOffset: utcOffset(n))) \(n.clock(utcOffset: utcOffset(n)))"
            if !filters.isEmpty { s += " · " + filters }
            return s
        }
    }

    // MARK: terminal

    public static func table(_ tables: [ReportTable], _ heading: Heading, width: Int?) -> [String] {
        var out = [Inert.line(heading.line)]
        for t in tables {
            out.append("")
            out.append(t.title)
            if t.rows.isEmpty {
                out.append("  (nothing in this window)")
                continue
            }
            let cells = t.rows.map { $0.map(\.display) }
            var table = Table(
                t.columns.enumerated().map { i, c in
                    let widest = cells.map { Width.of(Inert.line($0[i])) }.max() ?? 0
                    return c.isNumeric
                        ? Table.Column(
                            title: c.title, align: .right, minWidth: max(widest, 1),
                            maxWidth: max(widest, Width.of(c.title)))
                        : Table.Column(title: c.title, minWidth: 6, maxWidth: 32)
                })
            for row in cells { table.add(row) }
            out += table.render(width: width)
        }
        return out
    }

    // MARK: Markdown

    public static func markdown(_ tables: [ReportTable], _ heading: Heading) -> [String] {
        var out = ["# " + escape(heading.line)]
        for t in tables {
            out.append("")
            out.append("## " + escape(t.title))
            out.append("")
            if t.rows.isEmpty {
                out.append("_Nothing in this window._")
                continue
            }
            out.append("| " + t.columns.map { escape($0.title) }.joined(separator: " | ") + " |")
            out.append("|" + t.columns.map { $0.isNumeric ? " ---: " : " --- " }.joined(separator: "|") + "|")
            for (i, row) in t.rows.enumerated() {
                let total = t.totalRows.contains(i)
                let cells = row.map { v -> String in
                    let s = escape(v.display)
                    return total && !s.isEmpty ? "**\(s)**" : s
                }
                out.append("| " + cells.joined(separator: " | ") + " |")
            }
        }
        return out
    }

    /// Inert, then every character Markdown could read as markup is backslash-escaped (CommonMark
    /// allows that for any ASCII punctuation), so a source named `<img src=x>` or `**x**` stays text.
    public static func escape(_ s: String) -> String {
        var out = ""
        for ch in Inert.line(s) {
            if "\\|*_`[]<>#!~&".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    // MARK: CSV

    /// One table: a header and its rows. Several: each block starts with a `section` column naming
    /// it, blocks separated by a blank line (use `--section` for one rectangular table).
    public static func csv(_ tables: [ReportTable]) -> [String] {
        let many = tables.count > 1
        var out: [String] = []
        for (k, t) in tables.enumerated() {
            if many && k > 0 { out.append("") }
            let header = t.columns.flatMap(\.fields)
            out.append(CSVSafe.line((many ? ["section"] : []) + header))
            for row in t.rows {
                let fields = row.flatMap(\.fields).map { f -> String in
                    switch f {
                    case .string(let s): return CSVSafe.field(s)
                    case .number(let n): return n
                    case .none: return ""
                    }
                }
                out.append(((many ? [CSVSafe.field(t.id)] : []) + fields).joined(separator: ","))
            }
        }
        return out
    }

    // MARK: JSON

    public static func json(_ tables: [ReportTable], _ heading: Heading) -> String {
        let r = heading.report
        var w = JSONWriter(capacity: 16_384)
        w.beginObject()
        w.key("report")
        w.beginObject()
        w.field("from", r.window.from.iso8601)
        w.field("to", r.window.to.iso8601)
        w.field("now", r.now.iso8601)
        w.field("period", heading.unit.rawValue)
        w.key("periods")
        w.beginArray()
        for p in r.periods {
            w.beginObject()
            w.field("label", p.label)
            w.field("from", p.window.from.iso8601)
            w.field("to", p.window.to.iso8601)
            w.endObject()
        }
        w.endArray()
        w.key("filter")
        w.beginObject()
        for (k, v) in [("rep", r.filter.rep), ("team", r.filter.team), ("source", r.filter.source)] {
            w.key(k)
            if let v { w.string(v) } else { w.null() }
        }
        w.endObject()
        w.endObject()
        w.key("sections")
        w.beginObject()
        for t in tables {
            w.key(t.id)
            w.beginArray()
            for (i, row) in t.rows.enumerated() {
                w.beginObject()
                for (key, f) in zip(t.columns.flatMap(\.fields), row.flatMap(\.fields)) {
                    w.key(key)
                    switch f {
                    case .string(let s): w.string(s)
                    case .number(let n): w.number(literal: n)
                    case .none: w.null()
                    }
                }
                if t.totalRows.contains(i) { w.field("total", true) }
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
