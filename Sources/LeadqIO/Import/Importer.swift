import LeadqDomain
import LeadqStore

public struct ImportOptions: Sendable {
    public var format: SourceFormat?
    public var overrides: [(column: String, field: ImportField)]
    public var dateOrder: DateOrder?
    /// An empty cell (or an empty JSON value) clears its field; otherwise it changes nothing.
    public var clearEmpty: Bool
    /// The file's encoding when it has no byte-order mark.
    public var encoding: TextEncoding = .utf8
    /// The offset from UTC of the zone the file writes its zone-less times in (nil: UTC). The CLI
    /// passes the zone's rules in: the domain and this library have no time-zone database.
    public var utcOffset: (@Sendable (Instant) -> Int64)?
    /// The hash a streamed import keeps each row's keys as: tests make it small, so keys collide.
    public var keyHash = KeyHash()

    public init(
        format: SourceFormat? = nil, overrides: [(column: String, field: ImportField)] = [],
        dateOrder: DateOrder? = nil, clearEmpty: Bool = false
    ) {
        (self.format, self.overrides, self.dateOrder, self.clearEmpty) = (format, overrides, dateOrder, clearEmpty)
    }
}

/// What an import did: the plan's counts and notes (its profiles are let go once applied).
public struct ImportResult: Sendable {
    public var plan: ImportPlan
    /// Owner-map assignments the rules refused (the lead stays unassigned), by line.
    public var refused: [String] = []
    /// Opportunities the file closed: recorded won and lost, and the rows whose outcome wasn't.
    public var won = 0
    public var lost = 0
    public var outcomeNotes: [String] = []
}

/// `leadq import`: read and check a file, plan against the store, apply in one transaction.
public enum Importer {
    /// Reads a file and checks every row; nothing is written. CSV unless `--format jsonl` or the file
    /// starts with `{`.
    /// - Parameter chunkRows: when given, a CSV file's good rows are kept as keys and read again
    ///   this many records at a time (`ReadRows.streamed`), for a store that takes streamed batches.
    public static func read(
        _ input: [UInt8], file: String, options: ImportOptions, chunkRows: Int? = nil,
        progress: ((Int, Int) -> Void)? = nil
    ) throws -> ReadRows {
        let bytes = TextFile.utf8Bytes(input, encoding: options.encoding)
        if options.format == .jsonl || (options.format == nil && looksLikeJSONLines(bytes)) {
            if !options.overrides.isEmpty { throw ImportUsageError("--map is for CSV files; \(file) is JSON Lines") }
            return try JSONLRowReader.rows(bytes, file: file, clearEmpty: options.clearEmpty, progress: progress)
        }
        if let chunkRows {
            return try streamed(try CSVChunks(bytes, file: file), options: options, chunkRows: chunkRows, progress)
        }
        let doc = try CSVRecords.read(bytes, file: file, progress: progress)
        let map = try ColumnMap.make(
            header: doc.header, forced: options.format, overrides: options.overrides, file: file)
        let rows = CSVRowReader.rows(
            doc, map: map, dateOrder: options.dateOrder, clearEmpty: options.clearEmpty, utcOffset: options.utcOffset)
        Background.release(doc)
        return rows
    }

    /// `read` with `chunkRows` of a file on disk, when it is a UTF-8 CSV file (with or without a
    /// byte-order mark): read by offset a chunk at a time each time it is read, never held whole.
    /// Nil for any other file (JSON Lines, another encoding, not a regular file): the caller reads
    /// its bytes and calls `read`.
    public static func read(
        path: String, file: String, options: ImportOptions, chunkRows: Int, progress: ((Int, Int) -> Void)? = nil
    ) throws -> ReadRows? {
        guard options.format != .jsonl, let bytes = FileBytes(path: path) else { return nil }
        let head = try bytes.bytes(0..<min(bytes.count, 1 << 16))
        let marked = head.starts(with: TextFile.bom)
        if head.starts(with: TextFile.utf16LE) || head.starts(with: TextFile.utf16BE) { return nil }
        if !marked && options.encoding != .utf8 { return nil }
        if options.format == nil {
            // Only blanks so far: whether it is JSON Lines is decided on the whole file.
            guard
                let c = head.dropFirst(marked ? 3 : 0).first(where: {
                    $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D
                }),
                c != UInt8(ascii: "{")
            else { return nil }
        }
        return try streamed(try CSVChunks(reading: bytes, file: file), options: options, chunkRows: chunkRows, progress)
    }

    static func streamed(
        _ source: CSVChunks, options: ImportOptions, chunkRows: Int, _ progress: ((Int, Int) -> Void)?
    ) throws -> ReadRows {
        let map = try ColumnMap.make(
            header: source.header, forced: options.format, overrides: options.overrides, file: source.file)
        return try CSVRowReader.streamed(
            source, map: map, dateOrder: options.dateOrder, clearEmpty: options.clearEmpty,
            utcOffset: options.utcOffset, chunkRows: chunkRows, hash: options.keyHash, progress: progress)
    }

    static func looksLikeJSONLines(_ bytes: [UInt8]) -> Bool {
        let body = bytes.starts(with: TextFile.bom) ? bytes.dropFirst(3) : bytes[...]
        return body.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D } == UInt8(ascii: "{")
    }

    /// Plans the rows against the store inside the transaction (the state is caught up with every
    /// other process and the lock is held) and stages the plan's events: one write, all or nothing.
    /// The rows are let go once planned, and the result keeps the plan's counts, not its profiles:
    /// at 100,000 rows each copy of every profile costs tens of MB.
    public static func run(_ rows: inout ReadRows, in tx: any LeadTransaction, store: any LeadStore, apply: Bool) throws
        -> ImportResult
    {
        var plan = try ImportPlanner.plan(
            rows, known: store, neverAssigned: { ids in try neverAssigned(ids, tx: tx, store: store) },
            settings: tx.context.settings, now: tx.context.now, firstNewID: tx.nextLeadID)
        Background.release(rows.rows)
        rows.rows = []
        store.releaseProfileIndex()
        var result = ImportResult(plan: plan)
        result.plan.items = []
        result.plan.flagUpdates = []
        guard apply else { return result }
        defer {
            Background.release(plan.items)
            plan.items = []
        }
        tx.reserve(events: plan.items.count + result.plan.assigned + plan.flagUpdates.count)
        // New leads first, all at once (built on every core), then the known leads the file changed.
        var refused = try addNew(plan.items, in: tx)
        refused += try stageKnown(plan.items, in: tx)
        var notes: [(line: Int, note: String)] = []
        try recordOutcomes(plan.items, in: tx, into: &result, notes: &notes)
        result.outcomeNotes = notes.map(\.note)
        result.refused = refused.sorted { $0.line < $1.line }.map { "line \($0.line): \($0.message)" }
        for u in plan.flagUpdates { try tx.update(u.id, profile: u.profile) }
        return result
    }

    /// Assignments the rules refused, with the file's line.
    typealias RefusedLines = [(line: Int, message: String)]

    /// Adds the plan's new leads in one call, with the assignments their CRM owner gives; returns
    /// the assignments refused, by line.
    static func addNew(_ items: [ImportPlan.Item], in tx: any LeadTransaction) throws -> [(line: Int, message: String)]
    {
        var creates: [(profile: Profile, assign: String?)] = []
        var createLines: [Int] = []
        var firstNew: String?
        var refused: RefusedLines = []
        for item in items {
            guard case .create(let id, let profile) = item.action else { continue }
            if firstNew == nil { firstNew = id }
            creates.append((profile, item.assign))
            createLines.append(item.line)
        }
        if let firstNew {
            guard firstNew == tx.nextLeadID else {
                throw ImportUsageError("internal: planned \(firstNew), next is \(tx.nextLeadID); nothing was saved")
            }
            let refusals = try tx.addAll(creates, rule: ImportPlanner.ownerMapRule)
            guard let n = LeadID.number(firstNew), tx.nextLeadID == LeadID.make(n + creates.count) else {
                throw ImportUsageError(
                    "internal: planned \(creates.count) leads from \(firstNew), next is \(tx.nextLeadID); nothing was saved"
                )
            }
            for (k, r) in refusals.enumerated() { if let r { refused.append((createLines[k], r.message)) } }
        }
        Background.release(creates)
        return refused
    }

    /// Stages the updates of leads the store knows and their CRM owners' assignments; returns the
    /// assignments refused, by line.
    static func stageKnown(_ items: [ImportPlan.Item], in tx: any LeadTransaction) throws -> RefusedLines {
        var refused: RefusedLines = []
        for i in items.indices {
            switch items[i].action {
            case .create:
                continue
            case .update(let id, let profile, _):
                try tx.update(id, profile: profile)
            case .unchanged:
                break
            }
            if let rep = items[i].assign,
                let r = try tx.stage(.assign(to: rep, rule: ImportPlanner.ownerMapRule), on: items[i].id)
            {
                refused.append((items[i].line, r.message))
            }
        }
        return refused
    }

    /// The opportunities' outcomes the file gives, recorded on the leads that are qualified; a lead
    /// already won or lost is left as it is (a re-import), any other is noted.
    static func recordOutcomes(
        _ items: [ImportPlan.Item], in tx: any LeadTransaction, into result: inout ImportResult,
        notes: inout [(line: Int, note: String)]
    ) throws {
        // By index: only the few rows with an outcome are copied out.
        for i in items.indices where items[i].opportunity != nil {
            let item = items[i]
            guard let o = item.opportunity, let lead = try tx.lead(item.id) else { continue }
            switch lead.stage {
            case .qualified:
                if let r = try tx.stage(o.command, on: item.id) {
                    notes.append((item.line, "line \(item.line): \(r.message)"))
                } else if o.won {
                    result.won += 1
                } else {
                    result.lost += 1
                }
            case .won, .lost: break
            default:
                notes.append(
                    (
                        item.line,
                        "line \(item.line): \(item.id) is \(lead.stage.rawValue), not qualified: its outcome (\(o.won ? "won" : "lost")) was not recorded"
                    ))
            }
        }
    }

    /// Of these leads, those in the pool that were never assigned.
    static func neverAssigned(_ ids: Set<String>, tx: any LeadTransaction, store: any LeadStore) throws -> Set<String> {
        // The pool's ids are cheap to list; only the candidates in it are read whole.
        let pool = try store.unassignedIDs()
        return Set(
            try ids.filter { id in
                guard pool.contains(id), let l = try tx.lead(id) else { return false }
                return l.stage == .new && !l.history.contains { if case .assign = $0.op { true } else { false } }
            })
    }

    /// The bad rows as CSV, to fix and import again: `line`, `problems`, then the file's own columns.
    public static func rejects(_ rows: ReadRows) throws -> [UInt8] {
        let header = ["line", "problems"] + (rows.format == .jsonl ? ["record"] : rows.header)
        let body = rows.bad.map { b in
            [
                String(b.line),
                b.problems.map { ($0.column.isEmpty ? "" : "\($0.column): ") + $0.reason }.joined(separator: "; "),
            ] + b.cells
        }
        return try CSVOutput.bytes(header: header, rows: body)
    }
}
