import LeadqDomain

/// Turns the records of a CRM export into import rows, checking every cell; a row with any problem
/// is bad as a whole and names each problem by line and column.
public enum CSVRowReader {
    public static func rows(_ doc: CSVDocument, map: ColumnMap, dateOrder: DateOrder?) -> ReadRows {
        let header = doc.header
        var dates = DateReader(order: dateOrder)
        for c in map.columns(.createdAt) { dates.learn(from: doc.records.map { c < $0.fields.count ? $0.fields[c] : "" }) }
        let idColumns = map.columns(.id)
        let idName = header[idColumns[0]]
        var firstLine: [String: Int] = [:]
        var out = ReadRows(format: map.format, header: header, rows: [], bad: [], extraKeys: Set(map.extraKeys))
        out.rows.reserveCapacity(doc.records.count)
        let has = Set(map.fields)
        var byField: [ImportField: [Int]] = [:]
        for (i, f) in map.fields.enumerated() { byField[f, default: []].append(i) }
        func cols(_ f: ImportField) -> [Int] { byField[f] ?? [] }
        let extraColumns = map.fields.indices.filter { map.fields[$0] == .extra || map.fields[$0] == .mobile }

        for rec in doc.records {
            var problems: [BadRow.Problem] = []
            func problem(_ column: Int?, _ reason: String) {
                problems.append(.init(column: column.map { $0 < header.count ? map.extraKey($0) : "field \($0 + 1)" } ?? "", reason: reason))
            }
            if let q = rec.quoting { problem(q.field, q.message) }
            guard rec.fields.count == header.count else {
                if rec.quoting == nil {
                    problem(nil, "has \(rec.fields.count) fields, the header has \(header.count) (an unquoted comma, or a missing one?)")
                }
                out.bad.append(BadRow(line: rec.line, problems: problems, cells: rec.fields))
                continue
            }
            let cells = rec.fields.map { FieldValues.trimmed(FieldValues.unneutralised($0)) }
            func first(_ f: ImportField) -> String { cols(f).lazy.map { cells[$0] }.first { !$0.isEmpty } ?? "" }

            var row = ImportRow(line: rec.line, origin: map.format.origin, originId: first(.id), values: Profile(), present: [], extra: [], owner: first(.owner))
            if row.originId.isEmpty {
                problem(idColumns[0], "is empty: every row needs its \(map.format.title) id")
            } else if let earlier = firstLine[row.originId] {
                problem(idColumns[0], "the same \(idName) as line \(earlier) (\(row.originId))")
            } else {
                firstLine[row.originId] = rec.line
            }
            var v = Profile()
            var present: Set<ProfileField> = []
            func text(_ f: ImportField, _ pf: ProfileField, _ set: (inout Profile, String) -> Void) {
                guard has.contains(f) else { return }
                present.insert(pf)
                set(&v, first(f))
            }
            if has.contains(.name) || has.contains(.firstName) || has.contains(.lastName) {
                present.insert(.name)
                let full = first(.name)
                v.name = full.isEmpty ? Names.compose(first: first(.firstName), last: first(.lastName)) : full
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
            if has.contains(.phone) || has.contains(.mobile) {
                present.insert(.phone)
                let phone = first(.phone)
                v.phone = phone.isEmpty ? first(.mobile) : phone
            }
            if has.contains(.content) {
                present.insert(.content)
                v.content = cols(.content).flatMap { cells[$0].split(separator: ";").map { FieldValues.trimmed(String($0)) } }.filter { !$0.isEmpty }
            }
            if has.contains(.companySize) {
                present.insert(.companySize)
                let c = cols(.companySize).first { !cells[$0].isEmpty } ?? cols(.companySize)[0]
                switch FieldValues.companySize(cells[c]) {
                case .success(let n): v.companySize = n
                case .failure(let why): problem(c, why.text)
                }
            }
            if has.contains(.score) {
                present.insert(.sourceScore)
                let c = cols(.score).first { !cells[$0].isEmpty } ?? cols(.score)[0]
                switch FieldValues.score(cells[c]) {
                case .success(let n): v.sourceScore = n
                case .failure(let why): problem(c, why.text)
                }
            }
            if let c = cols(.createdAt).first(where: { !cells[$0].isEmpty }) {
                switch dates.read(cells[c]) {
                case .success(let t?): v.createdAt = t; present.insert(.createdAt)
                case .success(nil): break
                case .failure(let why): problem(c, why.text)
                }
            }
            let consent = cols(.doNotCall) + cols(.emailOptOut)
            if !consent.isEmpty {
                present.insert(.doNotContact)
                for c in consent.sorted() {
                    switch FieldValues.bool(cells[c]) {
                    case .success(let b): v.doNotContact = v.doNotContact || b
                    case .failure(let why): problem(c, why.text)
                    }
                }
            }
            guard problems.isEmpty else {
                out.bad.append(BadRow(line: rec.line, problems: problems, cells: rec.fields))
                continue
            }
            row.values = v
            row.present = present
            row.extra = extraColumns.filter { !cells[$0].isEmpty }.map { Attribute(map.extraKey($0), cells[$0]) }
            out.rows.append(row)
        }
        return out
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
            case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0x1100...0x11FF, 0xF900...0xFAFF, 0x20000...0x2FFFF: return true
            default: return false
            }
        }
    }
}
