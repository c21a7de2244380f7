#if Postgres
import LeadqDomain
import LeadqStore
import PostgresNIO

/// Reads answer as of `lastSeq`. A row whose version is past it was changed by a write this
/// process hasn't taken in yet (another's, or its own saved without applying): it is read as it
/// was, by folding its events up to `lastSeq` (none: it didn't exist yet). Each query reads the
/// rows it wants and the rows changed since in one statement, so a write landing between two
/// statements can't make a lead count twice or not at all.
extension PostgresStore {
    /// The leads `condition` matches, as of `lastSeq`; `matches` says the same of a lead in Swift,
    /// for the rows read as they were. Parameters of `condition` start at $2.
    func asSeen(
        _ condition: String, bind: (inout PostgresBindings) -> Void = { _ in },
        matches: (Lead) -> Bool
    ) throws -> [Lead] {
        var b = PostgresBindings()
        b.append(lastSeq)
        bind(&b)
        let sql = "SELECT id, version, body::text FROM leads WHERE version > $1 OR (\(condition))"
        return try leads(from: link.query(PostgresQuery(unsafeSQL: sql, binds: b)), matches: matches)
    }

    /// Rows of (id, version, body) as of `lastSeq`.
    func leads(from rows: [PostgresRow], matches: (Lead) -> Bool) throws -> [Lead] {
        var out: [Lead] = []
        var ahead: [String] = []
        out.reserveCapacity(rows.count)
        for row in rows {
            let (id, version, json) = try row.decode((String, Int64, String).self)
            if version > lastSeq, ownAhead[version] != id {
                ahead.append(id)
            } else if version > lastSeq {
                // This process's own write: as saved, if it still matches.
                let lead = try Rows.lead(json, location)
                if matches(lead) { out.append(lead) }
            } else {
                out.append(try Rows.lead(json, location))
            }
        }
        if !ahead.isEmpty { out += try rolledBack(ahead).values.filter(matches) }
        return out
    }

    /// The leads as their events up to `lastSeq` leave them (or up to this process's own last
    /// event on it, which was decided against all before it); a lead with none is left out.
    func rolledBack(_ ids: [String]) throws -> [String: Lead] {
        var upTo: [String: Int64] = [:]
        for (seq, lead) in ownAhead { upTo[lead] = max(upTo[lead] ?? 0, seq) }
        var b = PostgresBindings()
        b.append(ids)
        b.append(max(lastSeq, upTo.values.max() ?? 0))
        let sql = "SELECT body::text FROM events WHERE lead = ANY($1) AND seq <= $2 ORDER BY seq"
        var leads: [String: Lead] = [:]
        for row in try link.query(PostgresQuery(unsafeSQL: sql, binds: b)) {
            let e = try Rows.event(try row.decode(String.self), location)
            if e.seq > lastSeq, e.seq > upTo[e.lead] ?? 0 { continue }
            var lead = leads[e.lead] ?? Lead(id: e.lead, profile: e.profile ?? Profile(), history: [])
            lead.apply(e)
            leads[e.lead] = lead
        }
        return leads
    }

    public func lead(_ id: String) throws -> Lead? {
        let rows = try link.query("SELECT id, version, body::text FROM leads WHERE id = \(Rows.text(id))")
        return try leads(from: rows) { $0.id == id }.first
    }

    public func leads(ownedBy rep: String) throws -> [Lead] {
        try asSeen(
            "owner = $2 AND stage IN ('assigned', 'accepted')",
            bind: { $0.append(Rows.text(rep)) },
            matches: { $0.owner == rep && $0.stage.isActive }
        )
    }

    public func activeLeads() throws -> [Lead] {
        try asSeen("stage IN ('assigned', 'accepted')") { $0.stage.isActive }
    }

    public func unassigned() throws -> [Lead] {
        try asSeen("stage = 'new'") { $0.stage == .new }
    }

    public func unassignedIDs() throws -> Set<String> {
        Set(try unassigned().map(\.id))
    }

    public func openCounts() throws -> [String: Int] {
        let sql = """
            SELECT owner, count(*), '' FROM leads WHERE version <= $1 AND stage IN ('assigned', 'accepted') GROUP BY owner
            UNION ALL SELECT NULL, 0, id FROM leads WHERE version > $1
            """
        var b = PostgresBindings()
        b.append(lastSeq)
        var counts: [String: Int] = [:]
        var ahead: [String] = []
        for row in try link.query(PostgresQuery(unsafeSQL: sql, binds: b)) {
            let (owner, n, id) = try row.decode((String?, Int64, String).self)
            if let owner { counts[owner, default: 0] += Int(n) } else { ahead.append(id) }
        }
        for lead in try rolledBack(ahead).values where lead.stage.isActive {
            counts[lead.owner ?? "", default: 0] += 1
        }
        return counts
    }

    /// Every lead in id order, a page at a time.
    public func forEachLead(_ body: (Lead) throws -> Void) throws {
        try forEachPage("id, version, body::text", size: Rows.chunk) { rows in
            let page = try leads(from: rows) { _ in true }.sorted { LeadID.precedes($0.id, $1.id) }
            for lead in page { try body(lead) }
        }
    }

    /// `columns` (the first is the id) of every lead row in id order, `size` rows a statement.
    func forEachPage(_ columns: String, size: Int, _ body: ([PostgresRow]) throws -> Void) throws {
        let sql = #"""
            SELECT \#(columns) FROM leads WHERE (length(id), id COLLATE "C") > ($1::integer, $2::text COLLATE "C")
            ORDER BY length(id), id COLLATE "C" LIMIT $3
            """#
        var after = ""
        while true {
            var b = PostgresBindings()
            b.append(Int32(after.utf8.count))
            b.append(after)
            b.append(Int64(size))
            let rows = try link.query(PostgresQuery(unsafeSQL: sql, binds: b))
            guard let last = rows.last else { return }
            try body(rows)
            after = try last.makeRandomAccess()[0].decode(String.self)
            if rows.count < size { return }
        }
    }

    public func leads(withEntriesIn range: ClosedRange<Int64>) throws -> [Lead] {
        let rows = try link.query(
            "SELECT DISTINCT lead FROM events WHERE seq BETWEEN \(range.lowerBound) AND \(range.upperBound) AND lead <> ''"
        )
        let ids = try rows.map { try $0.decode(String.self) }
        guard !ids.isEmpty else { return [] }
        let wanted = Set(ids)
        return try asSeen("id = ANY($2)", bind: { $0.append(ids) }, matches: { wanted.contains($0.id) })
    }

    /// One per write of `actor`'s (an undo alone is not an action), newest first.
    public func recentActions(of actor: String) -> [RecentAction] {
        let sql = """
            SELECT min(seq), max(seq), (array_agg(lead ORDER BY seq DESC))[1] FROM events
            WHERE actor = $1 AND batch IS NOT NULL AND seq <= $2
            GROUP BY batch HAVING bool_or(op <> 'undo') ORDER BY batch DESC LIMIT 100
            """
        var b = PostgresBindings()
        b.append(Rows.text(actor))
        b.append(lastSeq)
        guard let rows = try? link.query(PostgresQuery(unsafeSQL: sql, binds: b)) else { return [] }
        return rows.compactMap { row in
            guard let (first, last, lead) = try? row.decode((Int64, Int64, String).self) else { return nil }
            return RecentAction(actor: actor, seq: last, lead: lead, batch: first < last ? first...last : nil)
        }
    }

    // MARK: - lookups for imports

    public func leadIDs(originKey key: String) throws -> [String] {
        guard !key.isEmpty else { return [] }
        if let index = try currentImportIndex() { return index.ids(origin: Rows.text(key)) }
        let found = try asSeen(
            "origin_key = $2", bind: { $0.append(Rows.text(key)) }, matches: { $0.profile.originKey == key })
        return found.map(\.id).sorted(by: LeadID.precedes)
    }

    public func leadIDs(email: String) throws -> [String] {
        let key = DataQuality.emailKey(email)
        guard !key.isEmpty else { return [] }
        if let index = try currentImportIndex() { return index.ids(email: Rows.text(key)) }
        let found = try asSeen(
            "email_key = $2",
            bind: { $0.append(Rows.text(key)) },
            matches: { DataQuality.emailKey($0.profile.email) == key }
        )
        return found.map(\.id).sorted(by: LeadID.precedes)
    }

    public func indexedProfile(_ id: String) throws -> Profile? {
        if let index = try currentImportIndex() { return index.profile(id) }
        return try lead(id)?.profile
    }

    public func forEachIndexedProfile(_ body: (String, Profile) throws -> Void) throws {
        if let index = try currentImportIndex() { return try index.forEach(body) }
        try forEachLead { try body($0.id, $0.profile) }
    }

    /// The leads as of `lastSeq`: a row changed since counts if its lead had events by then.
    /// 0 when the server can't be asked (the property can't throw; callers use it for figures).
    public var leadCount: Int {
        let sql = """
            SELECT count(*) FROM leads l WHERE l.version <= $1
                OR EXISTS (SELECT 1 FROM events e WHERE e.lead = l.id AND e.seq <= $1)
            """
        var b = PostgresBindings()
        b.append(lastSeq)
        let n = try? link.query(PostgresQuery(unsafeSQL: sql, binds: b)).first?.decode(Int64.self)
        return Int(n ?? 0)
    }

}
#endif
