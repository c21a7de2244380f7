import Foundation
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
        let copy = try keepCopy(of: location, schema: from)
        var report = MigrationReport(kind: .files, from: from, to: to, compaction: try FileStore.compact(location))
        report.copy = copy
        return report
    }

    /// Copies the snapshot, journals and settings into `before-schema-N/` inside the store before a
    /// compaction replaces them, so an upgrade can be taken back by hand. A snapshot is never
    /// written again once in place, so it is linked; journals grow, so they are copied.
    static func keepCopy(of directory: String, schema: Int) throws -> String {
        let fm = FileManager.default
        var copy = directory + "/before-schema-\(schema)"
        var n = 1
        while fm.fileExists(atPath: copy) {
            n += 1
            copy = directory + "/before-schema-\(schema)-\(n)"
        }
        do {
            try fm.createDirectory(atPath: copy, withIntermediateDirectories: false)
            for name in try fm.contentsOfDirectory(atPath: directory).sorted() {
                let (from, to) = (directory + "/" + name, copy + "/" + name)
                if name.hasPrefix("snapshot-") && name.hasSuffix(".jsonl") {
                    do { try fm.linkItem(atPath: from, toPath: to) } catch { try fm.copyItem(atPath: from, toPath: to) }
                } else if name.hasPrefix("journal-") && name.hasSuffix(".jsonl") || name == "settings.json" {
                    try fm.copyItem(atPath: from, toPath: to)
                }
            }
        } catch {
            let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.code ?? Int(EIO)
            throw StoreError.io(
                FSError(op: "copy into", path: copy, code: Int32(code)), consequence: "nothing was upgraded")
        }
        return copy
    }
}
