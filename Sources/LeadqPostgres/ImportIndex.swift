#if Postgres
import LeadqCodec
import LeadqDomain
import LeadqStore
import PostgresNIO

/// An import's lookups (by source key, by email, each lead's profile), read from the server in a
/// few pages before the import's write instead of asked row by row: 100,000 rows made 200,000
/// round trips. Kept current with the rows changed since it was read (`version` past `seq`).
final class ImportIndex {
    private(set) var seq: Int64 = 0
    private var byOrigin: [String: [String]] = [:]
    private var byEmail: [String: [String]] = [:]
    private var entries: [String: (origin: String, email: String, profile: Profile)] = [:]

    var count: Int { entries.count }

    func ids(origin key: String) -> [String] { byOrigin[key] ?? [] }
    func ids(email key: String) -> [String] { byEmail[key] ?? [] }
    func profile(_ id: String) -> Profile? { entries[id]?.profile }

    func forEach(_ body: (String, Profile) throws -> Void) rethrows {
        for (id, e) in entries { try body(id, e.profile) }
    }

    /// Reads rows of (id, version, origin_key, email_key, profile) into the index; `through` is the
    /// last event saved before the first of them was read: a row changed after it is read again.
    func put(_ rows: [PostgresRow], through: Int64, location: String) throws {
        for row in rows {
            let (id, _, origin, email, json) = try row.decode((String, Int64, String, String, String).self)
            try put(id, origin: origin, email: email, profile: ImportIndex.profile(json, location))
        }
        seq = max(seq, through)
    }

    private func put(_ id: String, origin: String, email: String, profile: Profile) throws {
        if let old = entries[id] {
            if old.origin != origin { ImportIndex.remove(id, old.origin, from: &byOrigin) }
            if old.email != email { ImportIndex.remove(id, old.email, from: &byEmail) }
        }
        if !origin.isEmpty, entries[id]?.origin != origin { ImportIndex.insert(id, origin, into: &byOrigin) }
        if !email.isEmpty, entries[id]?.email != email { ImportIndex.insert(id, email, into: &byEmail) }
        entries[id] = (origin, email, profile)
    }

    private static func insert(_ id: String, _ key: String, into map: inout [String: [String]]) {
        var ids = map[key] ?? []
        let at = ids.firstIndex { LeadID.precedes(id, $0) } ?? ids.endIndex
        ids.insert(id, at: at)
        map[key] = ids
    }

    private static func remove(_ id: String, _ key: String, from map: inout [String: [String]]) {
        guard !key.isEmpty else { return }
        map[key]?.removeAll { $0 == id }
        if map[key]?.isEmpty == true { map[key] = nil }
    }

    static func profile(_ json: String, _ location: String) throws -> Profile {
        let bytes = Array(json.utf8)
        do {
            return try bytes.withUnsafeBytes { buf in
                var r = JSONReader(buf)
                let p = try ProfileCodec.read(&r)
                try r.finish()
                return p
            }
        } catch let e as JSONError {
            throw StoreError.database(
                store: location, reason: "a lead's profile can't be read: \(e.message)", consequence: "nothing was read"
            )
        }
    }
}

extension PostgresStore {
    static let indexColumns = "id, version, origin_key, email_key, (body->'profile')::text"

    /// Reads every lead's keys and profile, a page at a time.
    public func prepareProfileIndex() throws {
        let index = ImportIndex()
        // The pages are separate statements: what is saved between them is read again later, from
        // a number below which nothing is still to come (not the newest row read, which may be later).
        unreported.absorb(try eventsAfter(horizon))
        let start = horizon
        try forEachPage(PostgresStore.indexColumns, size: Rows.chunk * 5) { rows in
            try index.put(rows, through: start, location: location)
        }
        importIndex = index
    }

    public func releaseProfileIndex() { importIndex = nil }

    /// The import index with the rows changed since it was read, once this process has seen them.
    func currentImportIndex() throws -> ImportIndex? {
        guard let index = importIndex else { return nil }
        if lastSeq > index.seq {
            let through = lastSeq
            var b = PostgresBindings()
            b.append(index.seq)
            let sql = "SELECT \(PostgresStore.indexColumns) FROM leads WHERE version > $1"
            try index.put(try link.query(PostgresQuery(unsafeSQL: sql, binds: b)), through: through, location: location)
        }
        return index
    }
}
#endif
