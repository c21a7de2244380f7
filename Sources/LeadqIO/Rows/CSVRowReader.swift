import Dispatch
import LeadqDomain

/// Turns the records of a CRM export into import rows, checking every cell; a row with any problem
/// is bad as a whole and names each problem by line and column.
public enum CSVRowReader {
    /// An empty cell changes nothing on a lead already stored, unless `clearEmpty`: then it clears its field.
    public static func rows(_ doc: CSVDocument, map: ColumnMap, dateOrder: DateOrder?, clearEmpty: Bool = false)
        -> ReadRows
    {
        var dates = DateReader(order: dateOrder)
        for c in map.columns(.createdAt) {
            dates.learn(from: doc.records.lazy.map { c < $0.fields.count ? $0.fields[c] : "" })
        }
        let reader = Chunk(header: doc.header, map: map, dates: dates, clearEmpty: clearEmpty)
        // Rows are independent: big files are mapped in two halves at once.
        let records = doc.records
        let parts = records.count > 20_000 ? 2 : 1
        let outs = (0..<parts).map { _ in ChunkOut() }
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            reader.map(records[records.count * k / parts..<records.count * (k + 1) / parts], into: outs[k])
        }
        var out = ReadRows(format: map.format, header: doc.header, rows: [], bad: [], extraKeys: Set(map.extraKeys))
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
        // The same source id twice: the later row is bad (it can't be told which one the CRM meant).
        let idColumn = map.columns(.id)[0]
        var firstLine: [String: Int] = [:]
        firstLine.reserveCapacity(keyed.count)
        var repeated: [Int: String] = [:]
        // Each part keeps its records' order and the parts follow each other: already in line order.
        for k in keyed {
            if let earlier = firstLine[k.id] {
                repeated[k.line] = "the same \(doc.header[idColumn]) as line \(earlier) (\(k.id))"
            } else {
                firstLine[k.id] = k.line
            }
        }
        if !repeated.isEmpty {
            let column = map.extraKey(idColumn)
            for i in out.bad.indices {
                if let why = repeated.removeValue(forKey: out.bad[i].line) {
                    out.bad[i].problems.append(.init(column: column, reason: why))
                }
            }
            var cellsAt: [Int: [String]] = [:]
            for rec in records where repeated[rec.line] != nil { cellsAt[rec.line] = rec.fields }
            var kept: [ImportRow] = []
            for r in out.rows {
                if let why = repeated[r.line] {
                    out.bad.append(
                        BadRow(
                            line: r.line, problems: [.init(column: column, reason: why)], cells: cellsAt[r.line] ?? []))
                } else {
                    kept.append(r)
                }
            }
            out.rows = kept
            out.bad.sort { $0.line < $1.line }
        }
        return out
    }

    /// What one worker made of its records. Each worker writes only its own.
    final class ChunkOut: @unchecked Sendable {
        var rows: [ImportRow] = []
        var bad: [BadRow] = []
        /// Source ids with their lines, good rows and bad, for the duplicate check across the file.
        var keyed: [(line: Int, id: String)] = []
    }

    /// Maps records to rows by a file's column map.
    struct Chunk: Sendable {
        let header: [String]
        let map: ColumnMap
        let dates: DateReader
        let clearEmpty: Bool
        /// Whether the file has a column for each field, indexed like `byField`.
        let hasField: [Bool]
        /// Columns per field, indexed by the field's position in `ImportField.allCases`.
        let byField: [[Int]]
        let extraColumns: [Int]

        init(header: [String], map: ColumnMap, dates: DateReader, clearEmpty: Bool) {
            (self.header, self.map, self.dates, self.clearEmpty) = (header, map, dates, clearEmpty)
            var by = [[Int]](repeating: [], count: ImportField.allCases.count)
            for (i, f) in map.fields.enumerated() { by[Chunk.ordinal(f)].append(i) }
            byField = by
            hasField = by.map { !$0.isEmpty }
            extraColumns = map.fields.indices.filter { map.fields[$0] == .extra || map.fields[$0] == .mobile }
        }

        /// The field's place in `ImportField.allCases`, looked up in a list made once (every cell asks).
        static func ordinal(_ f: ImportField) -> Int { fields.firstIndex(of: f)! }
        static let fields = ImportField.allCases

        func has(_ f: ImportField) -> Bool { hasField[Chunk.ordinal(f)] }

        func map(_ records: ArraySlice<CSVRecord>, into out: ChunkOut) {
            out.rows.reserveCapacity(records.count)
            out.keyed.reserveCapacity(records.count)
            let idColumns = byField[Chunk.ordinal(.id)]
            for rec in records {
                if let row = map(rec, idColumns: idColumns, into: out) { out.rows.append(row) }
            }
        }

        func map(_ rec: CSVRecord, idColumns: [Int], into out: ChunkOut) -> ImportRow? {
            var problems: [BadRow.Problem] = []
            func problem(_ column: Int?, _ reason: String) {
                problems.append(
                    .init(
                        column: column.map { $0 < header.count ? map.extraKey($0) : "field \($0 + 1)" } ?? "",
                        reason: reason))
            }
            if let q = rec.quoting { problem(q.field, q.message) }
            guard rec.fields.count == header.count else {
                if rec.quoting == nil {
                    problem(
                        nil,
                        "has \(rec.fields.count) fields, the header has \(header.count) (an unquoted comma, or a missing one?)"
                    )
                }
                out.bad.append(BadRow(line: rec.line, problems: problems, cells: rec.fields))
                return nil
            }
            let cells = rec.fields.map { Rules.trimmed(FieldValues.unneutralised($0)) }
            func cols(_ f: ImportField) -> [Int] { byField[Chunk.ordinal(f)] }
            func first(_ f: ImportField) -> String {
                for c in cols(f) where !cells[c].isEmpty { return cells[c] }
                return ""
            }

            var row = ImportRow(
                line: rec.line, origin: map.format.origin, originId: first(.id), values: Profile(), present: [],
                extra: [], owner: first(.owner))
            if row.originId.isEmpty {
                problem(idColumns[0], "is empty: every row needs its \(map.format.title) id")
            } else {
                out.keyed.append((rec.line, row.originId))
            }
            var v = Profile()
            var present = ProfileFieldSet()
            // A field counts when its cells give a value; empty ones clear it only when asked to.
            func given(_ pf: ProfileField, _ isEmpty: Bool) {
                if !isEmpty || clearEmpty { present.insert(pf) }
            }
            func text(_ f: ImportField, _ pf: ProfileField, _ set: (inout Profile, String) -> Void) {
                guard has(f) else { return }
                let value = first(f)
                given(pf, value.isEmpty)
                set(&v, value)
            }
            if has(.name) || has(.firstName) || has(.lastName) {
                let full = first(.name)
                v.name = full.isEmpty ? Names.compose(first: first(.firstName), last: first(.lastName)) : full
                given(.name, v.name.isEmpty)
            }
            text(.company, .company) { $0.company = $1 }
            text(.title, .title) { $0.title = $1 }
            text(.email, .email) { $0.email = $1 }
            text(.country, .country) { $0.country = $1 }
            text(.region, .region) { $0.region = $1 }
            text(.industry, .industry) { $0.industry = $1 }
            text(.source, .source) { $0.source = $1 }
            text(.trigger, .trigger) { $0.trigger = $1 }
            text(.nextAction, .nextAction) { $0.nextAction = $1 }
            if has(.phone) || has(.mobile) {
                let phone = first(.phone)
                v.phone = phone.isEmpty ? first(.mobile) : phone
                given(.phone, v.phone.isEmpty)
            }
            if has(.content) {
                v.content = cols(.content).flatMap { cells[$0].split(separator: ";").map { Rules.trimmed(String($0)) } }
                    .filter { !$0.isEmpty }
                given(.content, v.content.isEmpty)
            }
            if has(.companySize) {
                let c = cols(.companySize).first { !cells[$0].isEmpty } ?? cols(.companySize)[0]
                switch FieldValues.companySize(cells[c]) {
                case .success(let n): v.companySize = n
                case .failure(let why): problem(c, why.text)
                }
                given(.companySize, v.companySize == nil)
            }
            if has(.score) {
                let c = cols(.score).first { !cells[$0].isEmpty } ?? cols(.score)[0]
                switch FieldValues.score(cells[c]) {
                case .success(let n): v.sourceScore = n
                case .failure(let why): problem(c, why.text)
                }
                given(.sourceScore, v.sourceScore == nil)
            }
            if let c = cols(.createdAt).first(where: { !cells[$0].isEmpty }) {
                switch dates.read(cells[c]) {
                case .success(let t?):
                    v.createdAt = t
                    present.insert(.createdAt)
                case .success(nil): break
                case .failure(let why): problem(c, why.text)
                }
            }
            let consent = cols(.doNotCall) + cols(.emailOptOut)
            if !consent.isEmpty {
                given(.doNotContact, consent.allSatisfy { cells[$0].isEmpty })
                for c in consent.sorted() {
                    switch FieldValues.bool(cells[c]) {
                    case .success(let b): v.doNotContact = v.doNotContact || b
                    case .failure(let why): problem(c, why.text)
                    }
                }
            }
            guard problems.isEmpty else {
                out.bad.append(BadRow(line: rec.line, problems: problems, cells: rec.fields))
                return nil
            }
            row.values = v
            row.present = present
            row.extra = extraColumns.filter { !cells[$0].isEmpty }.map { Attribute(map.extraKey($0), cells[$0]) }
            if clearEmpty { row.clearedExtras = extraColumns.filter { cells[$0].isEmpty }.map { map.extraKey($0) } }
            return row
        }
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
