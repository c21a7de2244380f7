#if Postgres
import LeadqCodec
import LeadqDomain
import LeadqStore
import PostgresNIO

/// Leads and events as rows: their JSON as LeadqCodec writes it, and the columns the indexes need.
/// Many rows go in one statement as arrays, one per column (`unnest`), whatever their number.
enum Rows {
    /// Rows per statement: big enough to make an import a few statements, small enough to keep
    /// one statement's arrays a few megabytes.
    static let chunk = 4_000
    static let noTime = Int64.min

    /// Memory for a big write's statements, this transaction only, unless the server allows more:
    /// the triggers that check a member's rows see each statement's rows as a table, which past
    /// the default 4 MB (a chunk of lead rows) goes to a temporary file and back.
    static let roomForChecks = PostgresQuery(
        unsafeSQL: """
            SELECT set_config('work_mem', '64MB', true) WHERE pg_size_bytes(current_setting('work_mem')) < 64 * 1024 * 1024
            """)

    static let upsertLeads = """
        INSERT INTO leads (id, version, stage, owner, score, assigned_at, origin_key, email_key, name, company, body)
        SELECT id, v, st, NULLIF(ow, ''), sc::integer, CASE WHEN asg = \(noTime) THEN NULL ELSE to_timestamp(asg) END,
               ok, ek, nm, co, b::json
        FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::text[],
                    $8::text[], $9::text[], $10::text[], $11::text[]) AS u(id, v, st, ow, sc, asg, ok, ek, nm, co, b)
        ON CONFLICT (id) DO UPDATE SET version = excluded.version, stage = excluded.stage, owner = excluded.owner,
            score = excluded.score, assigned_at = excluded.assigned_at, origin_key = excluded.origin_key,
            email_key = excluded.email_key, name = excluded.name, company = excluded.company, body = excluded.body
        """

    static let insertEvents = """
        INSERT INTO events (seq, at, actor, lead, op, batch, body)
        SELECT s, to_timestamp(a), ac, l, o, NULLIF(b, 0), j::json
        FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[])
            AS u(s, a, ac, l, o, b, j)
        """

    /// Writes (or replaces) the leads' rows, a chunk at a time (an import's never all in memory),
    /// each built while the server inserts the one before.
    static func write(_ leads: [Lead], _ link: PGLink) throws {
        for part in chunks(leads) { try link.send(query(part)) }
        try link.settle()
    }

    /// Appends the events; `batch` gives each its write's last event, or 0 for none.
    static func write(_ events: [Event], batch: (Event) -> Int64, _ link: PGLink) throws {
        for part in chunks(events) { try link.send(query(part, batch: batch)) }
        try link.settle()
    }

    /// Runs `body` on each chunk of `all`, in order, one chunk's copy at a time.
    static func forEachChunk<S: Sequence>(of all: S, _ body: (ArraySlice<S.Element>) throws -> Void) rethrows {
        var part: [S.Element] = []
        part.reserveCapacity(min(chunk, all.underestimatedCount))
        for item in all {
            part.append(item)
            if part.count == chunk {
                try body(part[...])
                part.removeAll(keepingCapacity: true)
            }
        }
        if !part.isEmpty { try body(part[...]) }
    }

    static func chunks<T>(_ all: [T]) -> [ArraySlice<T>] {
        stride(from: 0, to: all.count, by: chunk).map { all[$0..<min($0 + chunk, all.count)] }
    }

    /// The statement that writes (or replaces) these leads' rows.
    static func query(_ part: ArraySlice<Lead>) -> PostgresQuery {
        var b = PostgresBindings(capacity: 11)
        b.append(part.map { text($0.id) })
        b.append(part.map(\.version))
        b.append(part.map(\.stage.rawValue))
        b.append(part.map { text($0.owner ?? "") })
        b.append(part.map { Int64($0.score) })
        b.append(part.map { $0.work.assignedAt?.seconds ?? noTime })
        b.append(part.map { text($0.profile.originKey) })
        b.append(part.map { emailKey($0.profile.email) })
        b.append(part.map { text($0.profile.name) })
        b.append(part.map { text($0.profile.company) })
        b.append(part.map { String(decoding: LeadCodec.encode($0), as: UTF8.self) })
        return PostgresQuery(unsafeSQL: upsertLeads, binds: b)
    }

    /// The statement that appends these events.
    static func query(_ part: ArraySlice<Event>, batch: (Event) -> Int64) -> PostgresQuery {
        var b = PostgresBindings(capacity: 7)
        b.append(part.map(\.seq))
        b.append(part.map(\.entry.at.seconds))
        b.append(part.map { text($0.entry.by) })
        b.append(part.map { text($0.lead) })
        b.append(part.map(\.entry.op.name))
        b.append(part.map(batch))
        b.append(part.map { String(decoding: EventCodec.encode($0), as: UTF8.self) })
        return PostgresQuery(unsafeSQL: insertEvents, binds: b)
    }

    static func lead(_ json: String, _ location: String) throws -> Lead {
        do { return try LeadCodec.decode(Array(json.utf8)) } catch let e as JSONError {
            throw StoreError.database(
                store: location, reason: "a lead row can't be read: \(e.message)", consequence: "nothing was read")
        }
    }

    static func event(_ json: String, _ location: String) throws -> Event {
        let bytes = Array(json.utf8)
        do {
            return try bytes.withUnsafeBytes { buf in
                var r = JSONReader(buf)
                let e = try EventCodec.decode(&r).event
                try r.finish()
                return e
            }
        } catch let e as JSONError {
            throw StoreError.database(
                store: location, reason: "an event row can't be read: \(e.message)", consequence: "nothing was read")
        }
    }

    /// Text for a column: PostgreSQL's text holds no NUL, which a hostile import may carry. The
    /// lead's JSON keeps the exact text; a column is only for finding it.
    static func text(_ s: String) -> String {
        guard s.utf8.contains(0) else { return s }
        return String(s.unicodeScalars.map { $0 == "\u{0}" ? "\u{FFFD}" : Character($0) })
    }

    static func emailKey(_ email: String) -> String { text(DataQuality.emailKey(email)) }
}
#endif
