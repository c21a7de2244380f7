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
        let sorted = leads.sorted { LeadID.precedes($0.id, $1.id) }
        return try create(
            at: directory, settings: settings, leadCount: sorted.count, recent: given, wide: wide, fs: fs
        ) { put in
            for l in sorted { try put(l) }
        }
    }

    /// Creates a store from leads handed over one at a time in id order by `each`, which is called
    /// twice: once to learn what the snapshot's header says (the last sequence number, the recent
    /// actions), once to write the leads. No more than one lead is held at a time, so a demo of a
    /// million leads is written in the memory of a few.
    @discardableResult
    public static func create(
        at directory: String, settings: Settings, leadCount: Int, recent given: [RecentAction]? = nil,
        wide: [Event] = [], fs: FileSystem = PosixFileSystem(), each: ((Lead) throws -> Void) throws -> Void
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
            var seen = RecentSeen(given: given)
            try each { seen.add($0) }
            let seq = max(seen.seq, wide.last?.seq ?? 0)
            var snapshot = try SnapshotWriter(
                StoreFiles.join(directory, StoreFiles.snapshot(seq)), seq: seq, leads: leadCount,
                recent: seen.kept(given), wide: wide, briefs: settings, permissions: fileMode, fs: fs)
            var last: String?
            var written = 0
            try each { l in
                // The trailer's queue index and every read by id assume id order.
                if let p = last { precondition(LeadID.precedes(p, l.id), "leads out of id order: \(l.id) after \(p)") }
                last = l.id
                written += 1
                try snapshot.put(l)
            }
            precondition(written == leadCount, "\(written) leads handed over, not \(leadCount)")
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

    /// The last sequence number of the leads handed over, and each person's latest undoable actions
    /// (without `given`, each undoable entry is an action of its own), kept `recentKept` at a time.
    struct RecentSeen {
        var seq: Int64 = 0
        var byActor: [String: [RecentAction]] = [:]
        let collect: Bool

        init(given: [RecentAction]?) { collect = given == nil }

        mutating func add(_ l: Lead) {
            seq = max(seq, l.version)
            guard collect else { return }
            for e in l.history where e.op.isUndoable {
                byActor[e.by, default: []].append(RecentAction(actor: e.by, seq: e.seq, lead: l.id))
                // Trimmed now and then rather than kept whole: a million leads have millions of actions.
                if byActor[e.by]!.count >= 4 * FileStore.recentKept { trim(e.by) }
            }
        }

        private mutating func trim(_ actor: String) {
            byActor[actor] = Array(byActor[actor]!.sorted { $0.seq < $1.seq }.suffix(FileStore.recentKept))
        }

        func kept(_ given: [RecentAction]?) -> [RecentAction] {
            var recent: [String: [RecentAction]] = byActor
            if let given {
                recent = [:]
                for a in given { recent[a.actor, default: []].append(a) }
            }
            return recent.values.flatMap { $0.sorted { $0.seq < $1.seq }.suffix(FileStore.recentKept) }.sorted {
                $0.seq < $1.seq
            }
        }
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
