import Dispatch
import LeadqDomain

/// Turns the records of a CRM export into import rows, checking every cell; a row with any problem
/// is bad as a whole and names each problem by line and column.
public enum CSVRowReader {
    /// An empty cell changes nothing on a lead already stored, unless `clearEmpty`: then it clears its
    /// field. `utcOffset` reads the times the file writes without a zone (nil: UTC). A report's footer
    /// (its totals and notices at the end) is skipped and counted.
    public static func rows(
        _ doc: CSVDocument, map: ColumnMap, dateOrder: DateOrder?, clearEmpty: Bool = false,
        utcOffset: (@Sendable (Instant) -> Int64)? = nil
    ) -> ReadRows {
        let footer = ReportFooter.trailing(doc.records, columns: doc.header.count)
        let records = doc.records[..<(doc.records.count - footer.drop)]
        let reader = RowMapper(
            header: doc.header, map: map, dates: dates(records, map: map, order: dateOrder, utcOffset: utcOffset),
            clearEmpty: clearEmpty)
        var out = ReadRows(format: map.format, header: doc.header, rows: [], bad: [], extraKeys: Set(map.extraKeys))
        out.style = map.style
        out.footerRows = footer.lines
        let keyed = mapInParallel(records, reader, into: &out)
        var firstLine: [String: Int] = [:]
        firstLine.reserveCapacity(keyed.count)
        markRepeated(keyed, records, map: map, into: &out) { key, line in
            if let e = firstLine[key] { return e }
            firstLine[key] = line
            return nil
        }
        if !map.hasID {
            // By index: each row read in place, not copied whole.
            for i in out.rows.indices {
                if out.rows[i].originId.hasPrefix(LeadKeys.emailPrefix) {
                    out.keyedByEmail += 1
                } else {
                    out.keyedByName += 1
                }
            }
        }
        return out
    }

    /// The file's date reader, its day/month order learned from every creation date it has.
    static func dates(
        _ records: ArraySlice<CSVRecord>, map: ColumnMap, order: DateOrder?, utcOffset: (@Sendable (Instant) -> Int64)?
    ) -> DateReader {
        var dates = DateReader(order: order)
        dates.utcOffset = utcOffset
        for c in map.columns(.createdAt) {
            dates.learn(from: records.lazy.map { c < $0.fields.count ? $0.fields[c] : "" })
        }
        return dates
    }

    /// Rows are independent: big files are mapped in two halves at once. Returns the rows' keys
    /// with their lines, good rows and bad, in line order.
    static func mapInParallel(
        _ records: ArraySlice<CSVRecord>, _ reader: RowMapper, into out: inout ReadRows, over: Int = 20_000
    ) -> [(line: Int, id: String)] {
        let parts = records.count > over ? 2 : 1
        let outs = (0..<parts).map { _ in RowMapper.Out() }
        let start = records.startIndex
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            reader.map(
                records[start + records.count * k / parts..<start + records.count * (k + 1) / parts], into: outs[k])
        }
        var keyed: [(line: Int, id: String)] = []
        for o in outs {
            // The first part's rows move over whole; only the rest are copied.
            if out.rows.isEmpty {
                swap(&out.rows, &o.rows)
                out.rows.reserveCapacity(records.count)
            } else {
                out.rows.append(contentsOf: o.rows)
            }
            out.bad.append(contentsOf: o.bad)
            if keyed.isEmpty { swap(&keyed, &o.keyed) } else { keyed.append(contentsOf: o.keyed) }
            (o.rows, o.bad, o.keyed) = ([], [], [])
        }
        return keyed
    }

    /// The same key twice: the later row is bad (it can't be told which one the CRM meant).
    /// `earlier` gives the line a key was first seen on, and notes it as seen on this line if it
    /// wasn't (it remembers the rows before these: a file read a chunk at a time). Returns the lines
    /// of rows that were good and are bad now.
    @discardableResult
    static func markRepeated(
        _ keyed: [(line: Int, id: String)], _ records: ArraySlice<CSVRecord>, map: ColumnMap,
        into out: inout ReadRows, earlier: (String, Int) throws -> Int?
    ) rethrows -> Set<Int> {
        var repeated: [Int: BadRow.Problem] = [:]
        // Each part keeps its records' order and the parts follow each other: already in line order.
        for k in keyed {
            if let e = try earlier(k.id, k.line) { repeated[k.line] = repeatedProblem(k.id, e, map) }
        }
        guard !repeated.isEmpty else { return [] }
        for i in out.bad.indices {
            if let p = repeated.removeValue(forKey: out.bad[i].line) { out.bad[i].problems.append(p) }
        }
        var cellsAt: [Int: [String]] = [:]
        for rec in records where repeated[rec.line] != nil { cellsAt[rec.line] = rec.fields }
        var kept: [ImportRow] = []
        var turned = Set<Int>()
        for r in out.rows {
            if let p = repeated[r.line] {
                out.bad.append(BadRow(line: r.line, problems: [p], cells: cellsAt[r.line] ?? []))
                turned.insert(r.line)
            } else {
                kept.append(r)
            }
        }
        out.rows = kept
        out.bad.sort { $0.line < $1.line }
        return turned
    }

    static func repeatedProblem(_ id: String, _ earlier: Int, _ map: ColumnMap) -> BadRow.Problem {
        if let c = map.columns(.id).first {
            return .init(column: map.extraKey(c), reason: "the same \(map.header[c]) as line \(earlier) (\(id))")
        }
        if id.hasPrefix(LeadKeys.emailPrefix) {
            let column = map.columns(.email).first.map(map.extraKey) ?? ""
            return .init(
                column: column,
                reason:
                    "the same email as line \(earlier) (\(id.dropFirst(LeadKeys.emailPrefix.count))); without an id column the email keys the lead"
            )
        }
        return .init(
            column: "",
            reason: "the same name and company as line \(earlier); without an id column or an email they key the lead")
    }
}

/// People's names from first and last name columns.
enum Names {
    /// "Grace Müller"; for Chinese, Japanese and Korean names the family name comes first, unspaced ("王伟").
    static func compose(first: String, last: String) -> String {
        if first.isEmpty { return last }
        if last.isEmpty { return first }
        return isCJK(first) && isCJK(last) ? last + first : first + " " + last
    }

    static func isCJK(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { u in
            switch u.value {
            case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0x1100...0x11FF, 0xF900...0xFAFF,
                0x20000...0x2FFFF:
                return true
            default: return false
            }
        }
    }
}
