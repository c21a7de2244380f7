#if Postgres
import Foundation
import LeadqCodec
import LeadqDomain
import LeadqStore
import PostgresNIO

/// A leadq store in a PostgreSQL schema, shared by every rep's process on any machine.
///
/// The `events` table is the history and `leads` each lead's state as of its last event, written
/// in the same transaction. A write decides against the lead rows it locks; writes on different
/// leads run at once, and numbers come from a sequence (see `SchemaNumbers`). A reader answers as
/// of `lastSeq`, a number below which nothing is still to come (see `Horizon`), as the file store
/// does: rows changed since its last look are read as they were then, by folding their events up
/// to it; `refresh()` moves it on. One store object belongs to one thread.
public final class PostgresStore: LeadStore {
    let target: PostgresTarget
    let link: PGLink
    public var location: String { target.location }
    public internal(set) var settings: Settings
    /// The number below which nothing is still to come (see `Horizon`): reads answer as of it.
    var horizon: Int64 = 0
    public internal(set) var lastSeq: Int64 {
        get {
            // Asked inside a write, by a read of the store: the write takes all of it first.
            link.fireBeforeRead()
            return horizon
        }
        set { horizon = newValue }
    }
    public private(set) var warnings: [String] = []
    public private(set) var readOnlyReason: String?
    /// Who logged in: the owner, or the member whose name every write must carry.
    public private(set) var login: Login = .anyone
    public var lockTimeout: Double?
    public var onLockWait: ((LockWait) -> Void)?
    /// A database folds nothing: each lead's row is kept current by every write.
    public var compactionDue: Bool { false }
    public var eventsSinceSnapshot: Int64 { 0 }
    /// Other processes' writes read while catching up before a write, for the next refresh().
    var unreported = Refresh()
    /// What other processes announce as they commit.
    let signal = ChangeSignal()
    /// An import's lookups, between `prepareProfileIndex` and `releaseProfileIndex`.
    var importIndex: ImportIndex?
    /// A write's BEGIN, sent with its first statement (`inWrite`) rather than on a trip of its own.
    var pendingBegin: [PostgresQuery]?
    /// How much of the store the open write holds: nothing yet, its leads, or all of it.
    var writeMode = WriteMode.none
    /// This process's own events past `lastSeq` (saved while others' lower numbers were still
    /// open), by number, with their lead: read as seen, and not reported back by `refresh`.
    var ownAhead: [Int64: String] = [:]
    /// The number `lastSeq` waits at, and the transactions that may still write it.
    var gap: Horizon.Gap?
    /// Numbers this process drew and left unwritten (a refusal, a write given up): no wait for them.
    var abandoned: Set<Int64> = []

    init(target: PostgresTarget, link: PGLink, warnings: [String]) throws {
        self.target = target
        self.link = link
        self.warnings = warnings
        if try PostgresStore.lockedOut(link, schema: target.schema) { throw try PostgresStore.stranger(link) }
        try Schema.check(link)
        login = try PostgresStore.readLogin(link, schema: target.schema)
        // Listening before reading where the store is: nothing committed after that goes unannounced.
        try PostgresStore.listen(link, channel: target.schema, into: signal)
        let (schema, signal) = (target.schema, signal)
        link.onConnect = { link in
            try link.run("SET search_path TO \"\(schema)\"", "nothing was read")
            try PostgresStore.listen(link, channel: schema, into: signal)
        }
        settings = try PostgresStore.readSettings(link)
        horizon = try openingHorizon()
    }

    // MARK: - opening

    /// Opens the store a `postgresql://` URL names, reading PG variables and ~/.pgpass as psql does.
    public static func open(url: String, environment: [String: String] = currentEnvironment()) throws -> PostgresStore {
        let (target, warnings) = try resolve(url, environment)
        let link = try PGLink.connect(target)
        try link.run("SET search_path TO \"\(target.schema)\"", "the store can't be opened")
        return try PostgresStore(target: target, link: link, warnings: warnings)
    }

    static func resolve(_ url: String, _ env: [String: String]) throws -> (PostgresTarget, [String]) {
        var warning: String?
        let pgpass = PGPass.read(environment: env, warning: &warning)
        return (try PostgresTarget.resolve(url, environment: env, pgpass: pgpass), warning.map { [$0] } ?? [])
    }

    public static func currentEnvironment() -> [String: String] { ProcessInfo.processInfo.environment }

    /// Creates a store in the URL's schema holding `leads`, whose history entries carry sequence
    /// numbers 1…n, all in one transaction: a failure leaves no half-made store. A copied store
    /// brings the actions undo remembers (`recent`, with their batches) and the events that belong
    /// to no lead (`wide`).
    @discardableResult
    public static func create(
        url: String, settings: Settings, leads: [Lead] = [], recent: [RecentAction]? = nil, wide: [Event] = [],
        environment: [String: String] = currentEnvironment()
    ) throws -> PostgresStore {
        let (target, _) = try resolve(url, environment)
        do { try SettingsCodec.check(settings, source: target.location + " (settings)") } catch let e as SettingsError {
            throw StoreError.settings(e)
        }
        try make(target, version: Schema.version, settings: settings, leads: leads, recent: recent, wide: wide)
        return try open(url: url, environment: environment)
    }

    /// A store as an older leadq made it, for testing `migrate`.
    public static func createAtVersion(_ version: Int, url: String, settings: Settings, leads: [Lead]) throws {
        try make(try resolve(url, currentEnvironment()).0, version: version, settings: settings, leads: leads)
    }

    private static func make(
        _ target: PostgresTarget, version: Int, settings: Settings, leads: [Lead], recent: [RecentAction]? = nil,
        wide: [Event] = []
    ) throws {
        let link = try PGLink.connect(target)
        defer { link.close() }
        try link.run("BEGIN", "the store was not created")
        do {
            try Schema.create(link, schema: target.schema, upTo: version)
            try seed(link, settings: settings, leads: leads, recent: recent, wide: wide, numbers: version >= 5)
            // The planner's figures from the start: without them a rep's queue may be read by a
            // scan of every lead until autovacuum gets round to the tables.
            if !leads.isEmpty { try link.run("ANALYZE leads, events", "the store was not created") }
            try link.run("COMMIT", "the store was not created")
        } catch {
            try? link.run("ROLLBACK")
            throw error
        }
    }

    /// Drops the store's own tables from its schema, in one transaction, for `leadq demo --force`;
    /// other tables in the schema stay, and a schema without a store is left as it is.
    public static func remove(url: String, environment: [String: String] = currentEnvironment()) throws {
        let (target, _) = try resolve(url, environment)
        let link = try PGLink.connect(target)
        defer { link.close() }
        try link.run("SET search_path TO \"\(target.schema)\"", "nothing was removed")
        guard try Schema.installed(link) != nil else { return }
        try link.run("BEGIN", "nothing was removed")
        try link.run("DROP TABLE IF EXISTS \(Schema.tables.joined(separator: ", "))", "nothing was removed")
        for f in SchemaIdentity.allFunctions + SchemaNumbers.allFunctions {
            try link.run("DROP FUNCTION IF EXISTS \(f)", "nothing was removed")
        }
        try link.run("COMMIT", "the store may or may not have been removed")
    }

    /// The settings row, the counters, and every lead with its history as events.
    static func seed(
        _ link: PGLink, settings: Settings, leads: [Lead], recent: [RecentAction]?, wide: [Event], numbers: Bool
    ) throws {
        let json = String(decoding: SettingsCodec.encode(settings), as: UTF8.self)
        try link.query("INSERT INTO settings (body) VALUES (\(json)::json)", "the store was not created")
        let sorted = leads.sorted { LeadID.precedes($0.id, $1.id) }
        var events: [Event] = []
        for l in sorted {
            for (i, e) in l.history.enumerated() {
                // The first and the last entry carry the profile, so folding the events gives the lead.
                let carries = i == 0 || i == l.history.count - 1
                events.append(Event(lead: l.id, entry: e, profile: carries ? l.profile : nil))
            }
        }
        events += wide
        events.sort { $0.seq < $1.seq }
        if let dup = zip(events, events.dropFirst()).first(where: { $0.seq == $1.seq }) {
            throw StoreError.database(
                store: link.location, reason: "\(dup.0.lead) and \(dup.1.lead) both hold event \(dup.0.seq)",
                consequence: "the store was not created")
        }
        // Only entries undo could take back are remembered as someone's actions, as the file store
        // does, each alone unless `recent` says which write it was part of.
        var batchOf: [Int64: Int64] = [:]
        for a in recent ?? [] {
            for s in a.batch.map(Array.init) ?? [a.seq] { batchOf[s] = a.batch?.upperBound ?? a.seq }
        }
        if sorted.count >= Rows.chunk / 4 { try link.query(Rows.roomForChecks, "the store was not created") }
        try Rows.write(events, batch: { batchOf[$0.seq] ?? ($0.entry.op.isUndoable ? $0.seq : 0) }, link)
        try Rows.write(sorted, link)
        let seq = max(leads.map(\.version).max() ?? 0, wide.last?.seq ?? 0)
        let number = Int64(leads.compactMap { LeadID.number($0.id) }.max() ?? 0)
        try link.query(
            "INSERT INTO counters (last_seq, last_lead) VALUES (\(seq), \(number))", "the store was not created")
        if numbers { try link.query("SELECT setval('event_numbers', \(seq), true)", "the store was not created") }
    }

    static func readSettings(_ link: PGLink) throws -> Settings {
        let rows = try link.query("SELECT body::text FROM settings", "the store can't be opened")
        guard let json = try rows.first?.decode(String.self) else {
            throw StoreError.database(
                store: link.location, reason: "the settings row is missing", consequence: "the store can't be opened")
        }
        do { return try SettingsCodec.decode(Array(json.utf8), file: link.location + " (settings)") } catch let e
            as SettingsError
        {
            throw StoreError.settings(e)
        }
    }

    public var reopen: StoreOpener {
        let url = target.location
        let password = target.password
        return StoreOpener {
            var env = PostgresStore.currentEnvironment()
            if let password { env["PGPASSWORD"] = password }
            return try PostgresStore.open(url: url, environment: env)
        }
    }

    public func compact() throws -> CompactionReport? { nil }

    // MARK: - following other processes

    /// What other processes saved since the last look: the events after `lastSeq`, in order.
    public func refresh() throws -> Refresh {
        var result = unreported
        unreported = Refresh()
        result.absorb(try eventsAfter(horizon))
        return result
    }
}
#endif
