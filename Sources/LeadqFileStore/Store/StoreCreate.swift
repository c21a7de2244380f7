import LeadqCodec
import LeadqDomain
import LeadqStore

extension FileStore {
    /// Creates a store in `directory` (made if missing) holding `leads`, whose history entries carry
    /// sequence numbers 1…n. settings.json is written last: its presence marks a complete store.
    /// A copied store brings the actions undo remembers (`recent`; without it each undoable entry
    /// is an action of its own) and the events that belong to no lead (`wide`).
    @discardableResult
    public static func create(
        at directory: String, settings: Settings, leads: [Lead] = [], recent given: [RecentAction]? = nil,
        wide: [Event] = [], fs: FileSystem = PosixFileSystem()
    ) throws -> FileStore {
        let settingsPath = StoreFiles.join(directory, StoreFiles.settings)
        if fs.exists(settingsPath) { throw StoreError.exists(path: directory) }
        // Settings the store couldn't read back would leave a store that never opens: refuse them first.
        do { try SettingsCodec.check(settings, source: settingsPath) } catch let e as SettingsError {
            throw StoreError.settings(e)
        }
        let dirMode: UInt32 = settings.groupShared ? 0o770 : 0o700
        let fileMode: UInt32 = settings.groupShared ? 0o660 : 0o600
        do {
            try makeDirectories(directory, mode: dirMode, fs: fs)
            let sorted = leads.sorted { LeadID.precedes($0.id, $1.id) }
            let seq = max(leads.map(\.version).max() ?? 0, wide.last?.seq ?? 0)
            var recent: [String: [RecentAction]] = [:]
            if let given {
                for a in given { recent[a.actor, default: []].append(a) }
            } else {
                for l in sorted {
                    for e in l.history where e.op.isUndoable {
                        recent[e.by, default: []].append(RecentAction(actor: e.by, seq: e.seq, lead: l.id))
                    }
                }
            }
            let keep = recent.values.flatMap { $0.sorted { $0.seq < $1.seq }.suffix(recentKept) }.sorted {
                $0.seq < $1.seq
            }
            var snapshot = try SnapshotWriter(
                StoreFiles.join(directory, StoreFiles.snapshot(seq)), seq: seq, leads: sorted.count,
                recent: keep, wide: wide, permissions: fileMode, fs: fs)
            for l in sorted { try snapshot.put(l) }
            _ = try snapshot.finish()
            try AtomicFile.write(
                StoreFiles.join(directory, StoreFiles.journal(seq + 1)), JournalReader.header(first: seq + 1),
                permissions: fileMode, fs: fs)
            try AtomicFile.write(settingsPath, SettingsCodec.encode(settings), permissions: fileMode, fs: fs)
        } catch let e as FSError {
            throw StoreError.io(e, consequence: "the store was not created")
        }
        return try FileStore.open(directory, fs: fs)
    }

    /// How many recent undoable actions per person a snapshot remembers.
    static let recentKept = 20

    static func makeDirectories(_ path: String, mode: UInt32, fs: FileSystem) throws {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part
            if !fs.exists(prefix) { try fs.makeDirectory(prefix, permissions: mode) }
            prefix += "/"
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
