import LeadqFileStore
import LeadqStore

/// What `leadq migrate` found and did.
public struct MigrationReport: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A PostgreSQL schema's version (its `migrations` table).
        case database
        /// A directory's snapshot schema, which a compaction writes anew.
        case files
    }
    public var kind: Kind
    public var from: Int
    public var to: Int
    /// The compaction that rewrote an older snapshot.
    public var compaction: CompactionReport?
    /// Where the store's files as they were before the upgrade are kept (a directory's).
    public var copy: String?
    public var upgraded: Bool { from < to }
}

extension StoreLocator {
    /// Brings the store's format to the one this leadq writes: a database's schema by its numbered
    /// steps, a directory's snapshot by a compaction. A newer format is refused (`newerSchema`).
    public static func migrate(_ location: String) throws -> MigrationReport {
        if isDatabase(location) {
            let (from, to) = try DatabaseStores.migrate(location)
            return MigrationReport(kind: .database, from: from, to: to)
        }
        let from = try FileStore.open(location).snapshotSchema
        let to = FileStore.currentSnapshotSchema
        guard from < to else { return MigrationReport(kind: .files, from: from, to: to) }
        let copy = try FileStore.keepCopy(of: location, schema: from)
        var report = MigrationReport(kind: .files, from: from, to: to, compaction: try FileStore.compact(location))
        report.copy = copy
        return report
    }
}
