import LeadqDomain

/// Maps records to rows by a file's column map: one record's cells to a row's values, each cell
/// checked, every problem named by its column.
struct RowMapper: Sendable {
    /// What one worker made of its records. Each worker writes only its own.
    final class Out: @unchecked Sendable {
        var rows: [ImportRow] = []
        var bad: [BadRow] = []
        /// Keys with their lines, good rows and bad, for the duplicate check across the file.
        var keyed: [(line: Int, id: String)] = []
    }

    let header: [String]
    let map: ColumnMap
    let dates: DateReader
    let clearEmpty: Bool
    /// Columns per field, indexed by the field's position in `ImportField.allCases`.
    let byField: [[Int]]
    let extraColumns: [Int]
    let hasID: Bool
    /// Whether rows get their name-and-company key (`ImportRow.nameKey`): not when read again
    /// to be finished, as the plan holds the keys by then.
    var keyed = true

    init(header: [String], map: ColumnMap, dates: DateReader, clearEmpty: Bool) {
        (self.header, self.map, self.dates, self.clearEmpty) = (header, map, dates, clearEmpty)
        var by = [[Int]](repeating: [], count: ImportField.allCases.count)
        for (i, f) in map.fields.enumerated() { by[RowMapper.ordinal(f)].append(i) }
        byField = by
        extraColumns = map.fields.indices.filter { map.fields[$0] == .extra || map.fields[$0] == .mobile }
        hasID = map.hasID
    }

    /// The field's place in `ImportField.allCases`, looked up in a list made once (every cell asks).
    static func ordinal(_ f: ImportField) -> Int { caseIndex(f) }

    func cols(_ f: ImportField) -> [Int] { byField[RowMapper.ordinal(f)] }
    func has(_ f: ImportField) -> Bool { !cols(f).isEmpty }

    func map(_ records: ArraySlice<CSVRecord>, into out: Out) {
        out.rows.reserveCapacity(records.count)
        out.keyed.reserveCapacity(records.count)
        for rec in records {
            if let row = map(rec, into: out) { out.rows.append(row) }
        }
    }

    /// One record's problems by column index; named only when there are any (most rows have none).
    struct Problems {
        var raw: [(column: Int?, reason: String)] = []
        var isEmpty: Bool { raw.isEmpty }
        mutating func add(_ column: Int?, _ reason: String) { raw.append((column, reason)) }
    }

    /// The problems as the bad-row list shows them: by column name, or `field N` past the header.
    func named(_ problems: Problems) -> [BadRow.Problem] {
        problems.raw.map { p in
            .init(
                column: p.column.map { $0 < header.count ? map.extraKey($0) : "field \($0 + 1)" } ?? "",
                reason: p.reason)
        }
    }

    /// The first non-empty cell of a field's columns.
    func first(_ f: ImportField, _ cells: [String]) -> String {
        for c in cols(f) where !cells[c].isEmpty { return cells[c] }
        return ""
    }

    func map(_ rec: CSVRecord, into out: Out) -> ImportRow? {
        var problems = Problems()
        if let q = rec.quoting { problems.add(q.field, q.message) }
        guard rec.fields.count == header.count else {
            if rec.quoting == nil {
                problems.add(
                    nil,
                    "has \(rec.fields.count) fields, the header has \(header.count) (an unquoted comma, or a missing one?)"
                )
            }
            out.bad.append(BadRow(line: rec.line, problems: named(problems), cells: rec.fields))
            return nil
        }
        // Trimmed, and without the `'` leadq's and Odoo's exports put before formulas.
        let cells = rec.fields.map(RowMapper.cell)
        let crmID = hasID ? sourceID(first(.id, cells)) : ""
        if hasID && crmID.isEmpty { problems.add(cols(.id)[0], "is empty: every row needs its \(map.format.title) id") }
        var v = Profile()
        var present = ProfileFieldSet()
        texts(cells, &v, &present)
        numbers(cells, &v, &present, &problems)
        consent(cells, &v, &present, &problems)
        let opportunity = outcome(cells, &problems)
        let key =
            hasID ? crmID : LeadKeys.email(first(.email, cells)).nonEmpty ?? LeadKeys.nameAndCompany(v.name, v.company)
        if !key.isEmpty {
            out.keyed.append((rec.line, key))
        } else if !hasID {
            problems.add(nil, "no id column, and neither an email nor a name and company to key this lead by")
        }
        guard problems.isEmpty else {
            out.bad.append(BadRow(line: rec.line, problems: named(problems), cells: rec.fields))
            return nil
        }
        var row = ImportRow(
            line: rec.line, origin: map.format.origin, originId: key, values: v, present: present, extra: [],
            owner: first(.owner, cells))
        row.opportunity = opportunity
        row.extra = extraColumns.filter { !cells[$0].isEmpty }.map {
            Attribute(map.extraKey($0), map.htmlColumns.contains($0) ? HTMLText.plain(cells[$0]) : cells[$0])
        }
        if clearEmpty { row.clearedExtras = extraColumns.filter { cells[$0].isEmpty }.map { map.extraKey($0) } }
        // Worked out here, on every core, for the duplicate check (which asks of every row).
        if keyed && present.contains(.name) && present.contains(.company) {
            row.nameKey = LeadKeys.nameCompanyKey(v.name, v.company)
        }
        return row
    }

    /// A cell trimmed, without the `'` leadq's and Odoo's exports put before formulas. Most cells
    /// have neither: their bytes settle it, for every cell of every row (read more than once).
    static func cell(_ s: String) -> String {
        let plain = s.utf8.withContiguousStorageIfAvailable { b in
            guard let f = b.first, let l = b.last else { return true }
            return f > 0x20 && f < 0x80 && f != UInt8(ascii: "'") && l > 0x20 && l < 0x80
        }
        return plain == true ? s : Rules.trimmed(FieldValues.unneutralised(s))
    }

    /// The CRM's id as leadq keys it: Salesforce's in its 18-character form.
    func sourceID(_ id: String) -> String { map.format == .salesforce ? SalesforceID.long(id) : id }

    /// A field counts when its cells give a value; empty ones clear it only when asked to.
    func given(_ pf: ProfileField, _ isEmpty: Bool, _ present: inout ProfileFieldSet) {
        if !isEmpty || clearEmpty { present.insert(pf) }
    }

    func texts(_ cells: [String], _ v: inout Profile, _ present: inout ProfileFieldSet) {
        func text(_ f: ImportField, _ pf: ProfileField, _ set: (inout Profile, String) -> Void) {
            guard has(f) else { return }
            let value = first(f, cells)
            given(pf, value.isEmpty, &present)
            set(&v, value)
        }
        if has(.name) || has(.firstName) || has(.lastName) {
            let full = first(.name, cells)
            v.name = full.isEmpty ? Names.compose(first: first(.firstName, cells), last: first(.lastName, cells)) : full
            given(.name, v.name.isEmpty, &present)
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
            let phone = first(.phone, cells)
            v.phone = phone.isEmpty ? first(.mobile, cells) : phone
            given(.phone, v.phone.isEmpty, &present)
        }
        if has(.content) {
            v.content = cols(.content).flatMap { cells[$0].split(separator: ";").map { Rules.trimmed(String($0)) } }
                .filter { !$0.isEmpty }
            given(.content, v.content.isEmpty, &present)
        }
    }

    func numbers(_ cells: [String], _ v: inout Profile, _ present: inout ProfileFieldSet, _ problems: inout Problems) {
        if has(.companySize) {
            let c = cols(.companySize).first { !cells[$0].isEmpty } ?? cols(.companySize)[0]
            switch FieldValues.companySize(cells[c]) {
            case .success(let n): v.companySize = n
            case .failure(let why): problems.add(c, why.text)
            }
            given(.companySize, v.companySize == nil, &present)
        }
        if has(.score) {
            let c = cols(.score).first { !cells[$0].isEmpty } ?? cols(.score)[0]
            switch FieldValues.score(cells[c]) {
            case .success(let n): v.sourceScore = n
            case .failure(let why): problems.add(c, why.text)
            }
            given(.sourceScore, v.sourceScore == nil, &present)
        }
        if let c = cols(.createdAt).first(where: { !cells[$0].isEmpty }) {
            switch dates.read(cells[c]) {
            case .success(let t?):
                v.createdAt = t
                present.insert(.createdAt)
            case .success(nil): break
            case .failure(let why): problems.add(c, why.text)
            }
        }
    }

    /// Consent by channel: do-not-call and the email opt-out, each as the CRM writes it.
    func consent(_ cells: [String], _ v: inout Profile, _ present: inout ProfileFieldSet, _ problems: inout Problems) {
        for (field, key) in [(ImportField.doNotCall, ProfileField.doNotCall), (.emailOptOut, .emailOptOut)] {
            let columns = cols(field)
            guard !columns.isEmpty else { continue }
            given(key, columns.allSatisfy { cells[$0].isEmpty }, &present)
            var value = false
            for c in columns.sorted() {
                switch FieldValues.bool(cells[c]) {
                case .success(let b): value = value || b
                case .failure(let why): problems.add(c, why.text)
                }
            }
            if key == .doNotCall { v.doNotCall = value } else { v.emailOptOut = value }
        }
    }
}

extension RowMapper {
    /// The opportunity's outcome: a won or lost stage (or a lost reason alone), with the amount.
    func outcome(_ cells: [String], _ problems: inout Problems) -> OpportunityOutcome? {
        let stage = first(.outcome, cells)
        let reason = first(.lostReason, cells)
        guard let won = OpportunityOutcome.isWon(stage) ?? (reason.isEmpty ? nil : false) else { return nil }
        var amount: Int64?
        if let c = cols(.amount).first(where: { !cells[$0].isEmpty }) {
            amount = Money.parse(cells[c])
            if amount == nil { problems.add(c, "'\(cells[c])' is not an amount like 12000 or 12000.50") }
        }
        return OpportunityOutcome(won: won, amount: amount, reason: reason)
    }
}

extension String {
    /// Nil for "", for `??` chains.
    var nonEmpty: String? { isEmpty ? nil : self }
}
