import LeadqCodec
import LeadqDomain
import LeadqStore

/// A leadq store: a directory of JSON files shared by every process working the same leads.
///
/// State = the newest snapshot (mapped, decoded lazily) + the journal events after it. Writers take
/// an exclusive flock, catch up with whatever other processes appended, decide against that fresh
/// state, append their events in one write and fsync before reporting success. Readers poll the
/// journal's size. One Store object belongs to one thread.
public final class FileStore: LeadStore {
    public let directory: String
    public var location: String { directory }
    public var reopen: StoreOpener {
        let dir = directory
        return StoreOpener { try FileStore.open(dir) }
    }
    public func compact() throws -> CompactionReport? { try FileStore.compact(directory) }
    let fs: FileSystem
    public internal(set) var settings: Settings
    /// The sequence number of the last event this process has seen.
    public internal(set) var lastSeq: Int64 = 0
    /// Things the store recovered from while opening or catching up, worth telling the user.
    public internal(set) var warnings: [String] = []
    /// Set when this process may not write (read-only file system, permissions, failed rollback).
    public internal(set) var readOnlyReason: String?

    var snapshot: SnapshotFile?
    /// The journal being read; a new one (rotated, or replaced under the same name after a crash)
    /// drops the appender, so bytes never go to a file that is no longer the journal.
    var journal: JournalReader! { didSet { appender = nil } }
    /// Opened on the first write to the current journal.
    var appender: JournalAppender?
    let lockFD: Int32

    /// Leads changed since the snapshot (created ones included): the snapshot's copy is stale for these.
    var overlay: [String: Lead] = [:]
    /// Leads created since the snapshot, which the snapshot doesn't hold at all.
    var created: Set<String> = []
    /// Unchanged leads decoded from the snapshot so far.
    var cache: [String: Lead] = [:]
    /// Journal events for snapshot leads nobody has read yet: folded in when the lead is first read,
    /// so opening a store costs a parse per event rather than a search and a decode per lead.
    var pending: [String: [Event]] = [:]
    /// Whether the snapshot's briefs were made with the settings as they were last looked at.
    var briefsChecked: (settings: Settings, snapshot: Int64, stale: Bool)?
    var recent: [String: [RecentAction]] = [:]
    /// The events that belong to no lead, in order (changes of settings, repair's notes).
    var storeWide: [Event] = []
    var maxLeadNumber = 0
    var reportedTorn: Set<String> = []
    /// Leads by source key and email, for imports; built on first use, then kept current by `apply`.
    var profiles: ProfileIndex?
    /// At most this long a write waits for the lock (seconds); nil means the settings' timeout. A
    /// console sets it short, so a key press never waits on another process for long.
    public var lockTimeout: Double?
    /// Told who holds the lock once a write has waited a second for it, then every few seconds.
    public var onLockWait: ((LockWait) -> Void)?
    /// When this process first found the lock held, while it still is (monotonic seconds).
    var busySince: Double?
    /// Set while a poll holds the reader lock: no write is under way, every complete record is durable.
    var holdsLock = false

    public var filePermissions: UInt32 { FileStore.filePermissions(settings) }
    static func filePermissions(_ s: Settings) -> UInt32 { s.groupShared ? 0o660 : 0o600 }
    public var eventsSinceSnapshot: Int64 { max(lastSeq, savedAhead) - (snapshot?.seq ?? 0) }
    /// The last event this process saved without applying it here (`transact(applyHere: false)`).
    var savedAhead: Int64 = 0
    /// Whether enough events wait to be folded into a snapshot. A compaction starts a new journal
    /// right after the last event its snapshot folds, so the journal being read bounds what is left
    /// to fold, also after another process compacted while this one keeps reading the old snapshot
    /// (which would otherwise ask for a compaction after every event from then on). A journal
    /// started after a crash's torn write counts as a fresh start too: compaction just comes later.
    public var compactionDue: Bool {
        let since = max(lastSeq, savedAhead) - max(snapshotSeq, journal.first - 1)
        return since >= Int64(settings.compactAfterEvents) || (since > 0 && briefsStale)
    }
    public var leadCount: Int { (snapshot?.count ?? 0) + created.count }
    public var snapshotSeq: Int64 { snapshot?.seq ?? 0 }
    /// The snapshot's schema (today's when there is none yet); a compaction writes today's.
    public var snapshotSchema: Int { Int(snapshot?.schema ?? Int64(StoreFiles.snapshotSchema)) }
    public static var currentSnapshotSchema: Int { StoreFiles.snapshotSchema }

    /// Other processes' changes applied while catching up before a write, for the next refresh().
    var unreported = Refresh()

    // MARK: - opening

    public static func open(_ directory: String, fs: FileSystem = PosixFileSystem()) throws -> FileStore {
        try FileStore(directory: directory, fs: fs)
    }

    /// With `sharedLock` false the journal is read as a poll, holding up no writer: only for
    /// compaction, which holds the compaction lock (so no file it reads is removed meanwhile) and
    /// catches up under the writer lock before it folds anything.
    init(directory: String, fs: FileSystem, sharedLock: Bool = true) throws {
        self.directory = directory
        self.fs = fs
        settings = try FileStore.readSettings(directory, fs: fs)
        let lockPath = StoreFiles.join(directory, StoreFiles.lock)
        var fd: Int32
        do {
            fd = try fs.open(lockPath, .createIfMissing(permissions: settings.groupShared ? 0o660 : 0o600))
        } catch let e as FSError {
            // A read-only file system or directory: open what exists for reading only.
            do { fd = try fs.open(lockPath, .read) } catch {
                throw StoreError.io(e, consequence: "the store can't be opened")
            }
            readOnlyReason = "\(FSError.explain(e.code)): \(directory)"
        }
        lockFD = fd
        // Every property is set, so deinit runs and closes lockFD on a throw below; closing it here
        // too would close whatever file reused the number meanwhile.
        guard sharedLock, try tryLockShared() else {
            try loadWithoutLock()
            return
        }
        defer { fs.unlock(lockFD) }
        try load()
        if let names = try? fs.list(directory) { removeLeftovers(names) }
    }

    /// Loads the last complete records while a writer holds the lock, without waiting for it. The
    /// files may be rotated under a reader that holds no lock (a compaction removes what it folded),
    /// so a file that vanished between listing and opening means: list again.
    func loadWithoutLock() throws {
        var attempts = 0
        while true {
            do {
                try load(.poll)
                return
            } catch StoreError.io(let e, _) where e.isNotFound && attempts < 100 {
                attempts += 1
                usleep(2_000)
            }
        }
    }

    deinit { fs.close(lockFD) }

    /// The store's settings.json, or why the store can't be opened.
    static func readSettings(_ directory: String, fs: FileSystem) throws -> Settings {
        let path = StoreFiles.join(directory, StoreFiles.settings)
        let bytes: [UInt8]
        do { bytes = try fs.readAll(path) } catch let e as FSError {
            if e.isNotFound { throw StoreError.noStore(path: directory) }
            throw StoreError.io(e, consequence: "the store can't be opened")
        }
        do { return try SettingsCodec.decode(bytes, file: path) } catch let e as SettingsError {
            throw StoreError.settings(e)
        }
    }

    /// Loads the newest snapshot and replays the journal after it. Called with a lock held, unless
    /// `mode` is `.poll`.
    func load(_ mode: CatchUpMode = .reader) throws {
        let names: [String]
        do { names = try fs.list(directory) } catch let e as FSError {
            throw StoreError.io(e, consequence: "the store can't be opened")
        }
        let snaps = names.compactMap { n in StoreFiles.parse(n, prefix: "snapshot").map { ($0, n) } }.sorted {
            $0.0 < $1.0
        }
        let journals = names.compactMap { n in StoreFiles.parse(n, prefix: "journal").map { ($0, n) } }.sorted {
            $0.0 < $1.0
        }
        snapshot = nil
        overlay = [:]
        created = []
        cache = [:]
        pending = [:]
        recent = [:]
        storeWide = []
        maxLeadNumber = 0
        profiles = nil
        lastSeq = 0
        if let newest = snaps.last {
            do {
                snapshot = try SnapshotFile(path: StoreFiles.join(directory, newest.1), name: newest.1, fs: fs)
            } catch let e as FSError { throw StoreError.io(e, consequence: "the store can't be opened") }
            let snap = snapshot!
            lastSeq = snap.seq
            if let last = snap.lastID, let n = LeadID.number(last) { maxLeadNumber = n }
            for a in snap.recent { recent[a.actor, default: []].append(a) }
            storeWide = snap.wide
        }
        // The journal holding event lastSeq+1: the last one starting at or before it.
        guard let start = journals.last(where: { $0.0 <= lastSeq + 1 }) else {
            if let j = journals.first {
                throw StoreError.damaged(
                    file: StoreFiles.join(directory, j.1), offset: 0, line: 1,
                    reason: "events \(lastSeq + 1) to \(j.0 - 1) are missing: no journal holds them")
            }
            throw StoreError.damaged(
                file: StoreFiles.join(directory, StoreFiles.journal(lastSeq + 1)), offset: 0, line: 0,
                reason: "the store has no journal file")
        }
        do { journal = try JournalReader(directory: directory, name: start.1, fs: fs) } catch let e as FSError {
            throw StoreError.io(e, consequence: "the store can't be opened")
        }
        _ = try catchUp(mode)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
