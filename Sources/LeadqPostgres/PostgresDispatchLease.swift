#if Postgres
import Foundation
import LeadqStore
import PostgresNIO

extension PostgresStore {
    /// The lease is a session-level advisory lock, keyed by the store's `dispatch` table, on a
    /// connection of its own: the server lets go of it when that session ends (the holder's process
    /// died, or its machine dropped off), so the next dispatcher can take over at once.
    public func takeDispatchLease() throws -> LeaseAttempt {
        if let reason = readOnlyReason { throw StoreError.readOnly(reason: reason) }
        let consequence = "the dispatcher can't start"
        let link = try PGLink.connect(target)
        link.reconnects = false
        let name = PostgresDispatchLease.applicationName()
        try link.run("SET search_path TO \"\(target.schema)\"", consequence)
        try link.query("SELECT set_config('application_name', \(name), false)", consequence)
        let lock = PostgresQuery(unsafeSQL: "SELECT pg_try_advisory_lock(\(PostgresDispatchLease.key))")
        let taken = try link.query(lock, consequence).first?.decode(Bool.self)
        guard taken == true else {
            let holder = try? PostgresDispatchLease.holder(link)
            link.close()
            return .held(by: holder ?? nil)
        }
        return .taken(PostgresDispatchLease(link: link))
    }
}

/// The PostgreSQL store's lease: a connection holding the advisory lock, and the ledger in the
/// `dispatch` table, written through that connection only while it holds the lock.
final class PostgresDispatchLease: DispatchLease {
    /// The lock's key: the `dispatch` table's oid, so each store (schema) has its own.
    static let key = "to_regclass('dispatch')::oid::bigint"
    static let prefix = "leadq dispatch "
    private let link: PGLink
    private var released = false

    init(link: PGLink) { self.link = link }

    deinit { release() }

    /// Names the holder for other dispatchers, as the file store's lock does: its process and host
    /// (the server's own backend PID would mean nothing to whoever waits).
    static func applicationName() -> String {
        let info = ProcessInfo.processInfo
        return String((prefix + "\(info.processIdentifier) \(info.hostName)").prefix(63))
    }

    static func holder(_ link: PGLink) throws -> LockHolder? {
        let sql = """
            SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.database = a.datid
              AND (l.classid::bigint << 32) + l.objid::bigint = \(key)
            """
        guard let name = try link.query(PostgresQuery(unsafeSQL: sql)).first?.decode(String.self),
            name.hasPrefix(prefix)
        else { return nil }
        let parts = name.dropFirst(prefix.count).split(separator: " ", maxSplits: 1)
        guard let pid = parts.first.flatMap({ Int32($0) }) else { return nil }
        let host = parts.count > 1 ? " on \(parts[1])" : ""
        return LockHolder(pid: pid, command: "leadq dispatch\(host)")
    }

    func loadState() throws -> [UInt8]? {
        try checkHeld("the dispatcher's ledger can't be read")
        let rows = try link.query("SELECT body FROM dispatch", "the dispatcher's ledger can't be read")
        return try rows.first.map { try $0.decode(ByteBuffer.self) }.map { Array($0.readableBytesView) }
    }

    /// One statement: the ledger is replaced whole or not at all.
    func saveState(_ bytes: [UInt8]) throws {
        try checkHeld("the dispatcher's ledger was not saved")
        let body = ByteBuffer(bytes: bytes)
        try link.query(
            "INSERT INTO dispatch (body) VALUES (\(body)) ON CONFLICT (one) DO UPDATE SET body = excluded.body",
            "the dispatcher's ledger was not saved")
    }

    private func checkHeld(_ consequence: String) throws {
        guard released else { return }
        throw StoreError.database(
            store: link.location, reason: "the dispatcher's lease was released", consequence: consequence)
    }

    func release() {
        guard !released else { return }
        released = true
        try? link.query(PostgresQuery(unsafeSQL: "SELECT pg_advisory_unlock(\(PostgresDispatchLease.key))"))
        link.close()
    }
}
#endif
