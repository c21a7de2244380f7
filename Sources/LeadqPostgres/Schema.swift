#if Postgres
import LeadqStore
import PostgresNIO

/// The tables of one team's store, in a schema of its own. `migrations` says which version of
/// them the schema holds: a leadq meets only versions it knows, and refuses a newer one rather
/// than misread it.
enum Schema {
    /// The version this leadq writes and reads.
    static let version = 6

    /// Every table a store has, for removing it.
    static let tables = ["migrations", "claims", "counters", "settings", "dispatch", "events", "leads", "members"]

    /// Each version's statements, in order: a store at version n has run steps 1…n, each in the
    /// transaction that recorded it in `migrations`. A new version is a new step at the end.
    static let steps: [[String]] = [
        v1,
        SchemaIdentity.statements,
        SchemaIdentity.managersSetSettings,
        SchemaIdentity.ownerAddsSettings,
        SchemaNumbers.statements,
        SchemaIdentity.ownerFunctionsLockLeads,
    ]

    /// What version 1 creates, statement by statement (run inside the creating transaction).
    static let v1: [String] = [
        """
        CREATE TABLE migrations (
            version integer PRIMARY KEY,
            applied_at timestamptz NOT NULL DEFAULT now(),
            leadq text NOT NULL)
        """,
        // One row: the highest lead number (and, before version 5, the last event's number).
        // Writers hold it, shared or alone (SchemaNumbers).
        """
        CREATE TABLE counters (
            one boolean PRIMARY KEY DEFAULT true CHECK (one),
            last_seq bigint NOT NULL,
            last_lead bigint NOT NULL)
        """,
        """
        CREATE TABLE settings (
            one boolean PRIMARY KEY DEFAULT true CHECK (one),
            body json NOT NULL)
        """,
        // The dispatcher's ledger (its alerts), written only by the holder of its lease.
        """
        CREATE TABLE dispatch (
            one boolean PRIMARY KEY DEFAULT true CHECK (one),
            body bytea NOT NULL)
        """,
        // Append-only history: every event as EventCodec writes it. `batch` is the last event of
        // the write it belongs to (what undo takes back as one action); NULL for a created store's
        // entries that were no action of anyone's.
        """
        CREATE TABLE events (
            seq bigint PRIMARY KEY,
            at timestamptz NOT NULL,
            actor text NOT NULL,
            lead text NOT NULL,
            op text NOT NULL,
            batch bigint,
            body json NOT NULL)
        """,
        "CREATE INDEX events_by_lead ON events (lead, seq)",
        "CREATE INDEX events_by_actor ON events (actor, batch)",
        // Each lead as its events leave it, written in the same transaction as they are.
        """
        CREATE TABLE leads (
            id text PRIMARY KEY,
            version bigint NOT NULL,
            stage text NOT NULL,
            owner text,
            score integer NOT NULL,
            assigned_at timestamptz,
            origin_key text NOT NULL,
            email_key text NOT NULL,
            name text NOT NULL,
            company text NOT NULL,
            body json NOT NULL)
        """,
        // Id order as leadq sorts ids: shorter first, then by character.
        #"CREATE INDEX leads_in_order ON leads ((length(id)), (id COLLATE "C"))"#,
        // A rep's queue in its default order (score, then oldest assignment), and the manager's view.
        "CREATE INDEX leads_queue ON leads (owner, score DESC, assigned_at) WHERE stage IN ('assigned', 'accepted')",
        "CREATE INDEX leads_pool ON leads (score DESC) WHERE stage = 'new'",
        "CREATE INDEX leads_by_stage ON leads (stage, owner)",
        "CREATE INDEX leads_by_origin ON leads (origin_key) WHERE origin_key <> ''",
        "CREATE INDEX leads_by_email ON leads (email_key) WHERE email_key <> ''",
        // Rows changed after a reader's last look, which it reads as they were (see asSeen).
        "CREATE INDEX leads_by_version ON leads (version)",
        "CREATE INDEX leads_search ON leads USING gin (to_tsvector('simple', name || ' ' || company || ' ' || email_key))",
    ]

    /// Creates the schema's tables at the current version. Throws `exists` if the schema already
    /// holds a store.
    static func create(_ link: PGLink, schema: String, upTo last: Int = version) throws {
        try link.run("CREATE SCHEMA IF NOT EXISTS \"\(schema)\"", "the store was not created")
        try link.run("SET LOCAL search_path TO \"\(schema)\"", "the store was not created")
        if try installed(link) != nil { throw StoreError.exists(path: link.location) }
        try upgrade(link, from: 0, to: last, "the store was not created")
    }

    /// Runs the steps after version `from`, recording each; the caller holds the transaction.
    static func upgrade(_ link: PGLink, from: Int, to last: Int = version, _ consequence: String) throws {
        for (i, step) in steps.enumerated() where i + 1 > from && i + 1 <= last {
            for statement in step { try link.run(statement, consequence) }
            try link.query("INSERT INTO migrations (version, leadq) VALUES (\(i + 1), 'leadq')", consequence)
        }
    }

    /// The version the schema holds, or nil when it holds no store.
    static func installed(_ link: PGLink) throws -> Int? {
        let rows = try link.query("SELECT to_regclass('migrations')::text", "the store can't be opened")
        guard let row = rows.first, try row.decode(String?.self) != nil else { return nil }
        let version = try link.query("SELECT coalesce(max(version), 0) FROM migrations", "the store can't be opened")
        return Int(try version.first?.decode(Int32.self) ?? 0)
    }

    /// Checks that the schema holds a store this leadq reads.
    static func check(_ link: PGLink) throws {
        guard let found = try installed(link) else { throw StoreError.noStore(path: link.location) }
        if found > version {
            throw StoreError.newerSchema(file: link.location, found: Int64(found), supported: version)
        }
        if found < version {
            throw StoreError.database(
                store: link.location,
                reason: "its schema is version \(found), older than this leadq's \(version)",
                consequence: "its owner upgrades it with `leadq migrate`")
        }
    }
}
#endif

#if Postgres
extension PostgresStore {
    /// Brings the store's schema up to this leadq's version in one transaction (by its owner:
    /// each step makes tables and functions); returns the versions before and after.
    @discardableResult
    public static func migrate(url: String, environment: [String: String] = currentEnvironment()) throws -> (
        from: Int, to: Int
    ) {
        let (target, _) = try resolve(url, environment)
        let link = try PGLink.connect(target)
        defer { link.close() }
        let consequence = "the store was not changed"
        try link.run("BEGIN", consequence)
        var open = true
        defer { if open { try? link.run("ROLLBACK") } }
        try link.run("SET LOCAL search_path TO \"\(target.schema)\"", consequence)
        guard let found = try Schema.installed(link) else { throw StoreError.noStore(path: link.location) }
        if found > Schema.version {
            throw StoreError.newerSchema(file: link.location, found: Int64(found), supported: Schema.version)
        }
        // One upgrade at a time: a second waits here, then finds nothing left to do.
        try link.run("LOCK TABLE migrations IN EXCLUSIVE MODE", consequence)
        let now = try Schema.installed(link) ?? found
        try Schema.upgrade(link, from: now, consequence)
        open = false
        try link.run("COMMIT", "the store's schema may or may not have been upgraded")
        return (now, Schema.version)
    }
}
#endif
