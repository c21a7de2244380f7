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
    public private(set) var settings: Settings
    /// The sequence number of the last event this process has seen.
    public private(set) var lastSeq: Int64 = 0
    /// Things the store recovered from while opening or catching up, worth telling the user.
    public private(set) var warnings: [String] = []
    /// Set when this process may not write (read-only file system, permissions, failed rollback).
    public private(set) var readOnlyReason: String?

    var snapshot: SnapshotFile?
    var journal: JournalCursor!
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
    var recent: [String: [RecentAction]] = [:]
    var maxLeadNumber = 0
    private var reportedTorn: Set<String> = []
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
    private var holdsLock = false

    public var filePermissions: UInt32 { FileStore.filePermissions(settings) }
    static func filePermissions(_ s: Settings) -> UInt32 { s.groupShared ? 0o660 : 0o600 }
    public var eventsSinceSnapshot: Int64 { max(lastSeq, savedAhead) - (snapshot?.seq ?? 0) }
    /// The last event this process saved without applying it here (`transact(applyHere: false)`).
    private var savedAhead: Int64 = 0
    /// Whether enough events wait to be folded into a snapshot. A compaction starts a new journal
    /// right after the last event its snapshot folds, so the journal being read bounds what is left
    /// to fold, also after another process compacted while this one keeps reading the old snapshot
    /// (which would otherwise ask for a compaction after every event from then on). A journal
    /// started after a crash's torn write counts as a fresh start too: compaction just comes later.
    public var compactionDue: Bool {
        max(lastSeq, savedAhead) - max(snapshotSeq, journal.first - 1) >= Int64(settings.compactAfterEvents)
    }
    public var leadCount: Int { (snapshot?.count ?? 0) + created.count }
    public var snapshotSeq: Int64 { snapshot?.seq ?? 0 }

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
    private func loadWithoutLock() throws {
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
    private func load(_ mode: CatchUpMode = .reader) throws {
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
        do { journal = try JournalCursor(directory: directory, name: start.1, fs: fs) } catch let e as FSError {
            throw StoreError.io(e, consequence: "the store can't be opened")
        }
        _ = try catchUp(mode)
    }

    // MARK: - following other processes

    enum CatchUpMode {
        /// No lock held: a partial record may be a write in progress.
        case poll
        /// Shared lock held: no write is in progress, a partial record is a crash's remains.
        case reader
        /// Exclusive lock held: as reader, and the crash's remains are set aside before writing.
        case writer
    }

    /// Other processes' changes applied while catching up before a write, for the next refresh().
    private var unreported = Refresh()

    /// Catches up before a write; what other processes changed is kept for the next refresh().
    func catchUpToWrite() throws {
        unreported.absorb(try catchUp(.writer))
    }

    /// Applies what other processes saved since the last look. Cheap when nothing changed (a non-blocking
    /// flock and one fstat), and never waits for a writer.
    @discardableResult
    public func refresh() throws -> Refresh {
        // While a writer holds the lock, only whole batches are read. A record written but not yet
        // fsync'd may still be taken back (a failed fsync truncates it away): the file then shrinks,
        // and the next look starts over from the snapshot.
        let locked = try tryLockShared()
        var result = unreported
        unreported = Refresh()
        holdsLock = locked
        defer {
            if locked { fs.unlock(lockFD) }
            holdsLock = false
        }
        result.absorb(try catchUp(.poll))
        result.lockHeld = noteLockBusy(!locked)
        return result
    }

    func catchUp(_ mode: CatchUpMode) throws -> Refresh {
        var result = Refresh()
        var lookedAgain = false
        // Without a lock, only what a writer has made durable (see DurableMark).
        var unlimited = mode != .poll || holdsLock
        while true {
            let tail: JournalCursor.Tail
            do {
                tail = try journal.read(limit: unlimited ? .max : durableLimit()) { events in
                    var applied = 0
                    for e in events where e.seq > lastSeq {
                        guard e.seq == lastSeq + 1 else {
                            throw StoreError.damaged(
                                file: journal.path, offset: Int(journal.offset), line: 0,
                                reason: "expected event \(lastSeq + 1), found \(e.seq)")
                        }
                        try apply(e)
                        result.changed.insert(e.lead)
                        result.events.append(e)
                        applied += 1
                    }
                    noteAction(events.suffix(applied))
                }
            } catch let e as FSError { throw StoreError.io(e, consequence: "the store can't be read") }
            // The next journal exists once a compaction or a crash recovery rotated to it.
            let nextName = StoreFiles.journal(lastSeq + 1)
            if nextName != journal.name, fs.exists(StoreFiles.join(directory, nextName)) {
                // A journal is rotated only after its last write was made durable: read all of it.
                if !unlimited, tail != .clean {
                    unlimited = true
                    continue
                }
                // A torn tail here was set aside by the writer that started the next journal: not news.
                do { journal = try JournalCursor(directory: directory, name: nextName, fs: fs) } catch let e as FSError
                {
                    throw StoreError.io(e, consequence: "the store can't be read")
                }
                unlimited = mode != .poll || holdsLock
                continue
            }
            if tail == .shrunk {
                try startOver(mode, &result)
                return result
            }
            if case .partial(let at, let n) = tail {
                // A torn journal without one complete record shares its name with the journal a writer
                // replaces it by (see setAsideTornTail): look at what the name holds now before deciding.
                if mode != .reader, !lookedAgain, journal.first == lastSeq + 1,
                    let now = try? JournalCursor(directory: directory, name: journal.name, fs: fs)
                {
                    lookedAgain = true
                    journal = now
                    continue
                }
                // Only the newest journal can end in a crash's remains. A cut-short journal with later
                // ones after it has lost records that were saved: damage, which is refused, not skipped.
                if mode != .poll, let later = journalStarting(after: lastSeq + 1) {
                    throw StoreError.damaged(
                        file: journal.path, offset: Int(at), line: 0,
                        reason:
                            "the file ends inside a record, yet \(later) follows it: events from \(lastSeq + 1) on are missing here"
                    )
                }
                switch mode {
                case .poll:
                    break
                case .reader:
                    noteTorn(journal.path, at, n)
                case .writer:
                    try setAsideTornTail(at: at, bytes: n)
                    // Read the new journal's header before appending after it.
                    continue
                }
                return result
            }
            if !fs.exists(journal.path) {
                // A compaction folded this journal into a newer snapshot and removed it (a process that
                // slept through two compactions): appending to it would write into a deleted file.
                try startOver(mode, &result)
                return result
            }
            if mode != .poll { try checkNoJournalFollowsAGap() }
            return result
        }
    }

    /// Reads the store again from its newest snapshot, under the lock `mode` says is held.
    private func startOver(_ mode: CatchUpMode, _ result: inout Refresh) throws {
        if mode == .poll {
            try reload()
        } else {
            try load(mode)
        }
        result.reloaded = true
    }

    /// The journals must run on without a gap or an overlap: a later journal that doesn't start right
    /// after the last event read means events were lost (a journal deleted by hand) or written twice.
    private func checkNoJournalFollowsAGap() throws {
        let names: [String]
        do { names = try fs.list(directory) } catch let e as FSError {
            throw StoreError.io(e, consequence: "the store can't be read")
        }
        let later = names.compactMap { n in StoreFiles.parse(n, prefix: "journal").map { ($0, n) } }
            .filter { $0.0 > journal.first }.sorted { $0.0 < $1.0 }
        guard let next = later.first else { return }
        if next.0 <= lastSeq {
            throw StoreError.damaged(
                file: StoreFiles.join(directory, next.1), offset: 0, line: 1,
                reason: "events \(next.0)…\(lastSeq) are also in \(journal.name): two journals hold the same events")
        }
        throw StoreError.damaged(
            file: StoreFiles.join(directory, next.1), offset: 0, line: 1,
            reason:
                "events \(lastSeq + 1)…\(next.0 - 1) are missing: \(journal.name) ends at event \(lastSeq) and the next journal is \(next.1)"
        )
    }

    /// The first journal that starts after event `seq`, if any.
    private func journalStarting(after seq: Int64) -> String? {
        guard let names = try? fs.list(directory) else { return nil }
        return names.compactMap { n in StoreFiles.parse(n, prefix: "journal").map { ($0, n) } }.filter { $0.0 > seq }
            .min { $0.0 < $1.0 }?.1
    }

    private func reload() throws {
        guard try tryLockShared() else {
            try loadWithoutLock()
            return
        }
        defer { fs.unlock(lockFD) }
        try load()
    }

    private func noteTorn(_ path: String, _ at: Int64, _ n: Int64) {
        let key = "\(path)@\(at)"
        guard reportedTorn.insert(key).inserted else { return }
        if at == 0 && n == 0 {
            warnings.append(
                "\(path): the journal is empty, cut short before its header (nothing in it was ever reported saved)")
            return
        }
        warnings.append(
            "\(path): dropped \(n) bytes of an unfinished record at byte \(at) (a write cut short by a crash; it was never reported saved)"
        )
    }

    /// A crashed writer left a partial record. Keep a copy of the file for inspection, leave the file
    /// itself untouched, and continue in a new journal after the last complete record.
    private func setAsideTornTail(at: Int64, bytes n: Int64) throws {
        noteTorn(journal.path, at, n)
        let qdir = StoreFiles.join(directory, StoreFiles.quarantine)
        do {
            try fs.makeDirectory(qdir, permissions: settings.groupShared ? 0o770 : 0o700)
            var copy = StoreFiles.join(qdir, "\(journal.name).torn-at-\(at)")
            var k = 1
            while fs.exists(copy) {
                k += 1
                copy = StoreFiles.join(qdir, "\(journal.name).torn-at-\(at).\(k)")
            }
            try writeFileAtomically(copy, try fs.readAll(journal.path))
            if journal.first == lastSeq + 1 {
                // No complete record in it: the journal to continue in would have this very name. Replace
                // the file in one rename (its bytes are kept in the copy); never append after torn bytes.
                try writeFileAtomically(journal.path, JournalCursor.header(first: lastSeq + 1))
            } else {
                try createJournal(first: lastSeq + 1)
            }
        } catch let e as FSError {
            throw StoreError.io(
                e,
                consequence:
                    "a crashed write left \(journal.path) unfinished and it could not be set aside; nothing was saved")
        }
        do {
            journal = try JournalCursor(directory: directory, name: StoreFiles.journal(lastSeq + 1), fs: fs)
        } catch let e as FSError {
            throw StoreError.io(e, consequence: "nothing was saved")
        }
    }

    /// Creates `journal-<first>.jsonl` with its header, appearing whole (temp file + rename).
    func createJournal(first: Int64) throws {
        let path = StoreFiles.join(directory, StoreFiles.journal(first))
        guard !fs.exists(path) else { return }
        try writeFileAtomically(path, JournalCursor.header(first: first))
    }

    /// Writes a new file through a temporary name, fsyncs it, renames it into place and fsyncs the directory.
    func writeFileAtomically(_ path: String, _ bytes: [UInt8]) throws {
        let tmp = path + ".tmp-\(getpid())"
        try? fs.remove(tmp)
        let fd = try fs.open(tmp, .create(permissions: filePermissions))
        do {
            try fs.writeAll(fd, bytes, path: tmp)
            try fs.fsync(fd, path: tmp)
            fs.close(fd)
        } catch {
            fs.close(fd)
            try? fs.remove(tmp)
            throw error
        }
        try fs.rename(tmp, path)
        try fs.syncDirectory(parent(of: path))
    }

    func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    // MARK: - applying events

    /// Applies one event (from the journal or just written by us) to the in-memory state. An event
    /// for a snapshot lead nobody has read waits in `pending` until someone does.
    func apply(_ e: Event) throws {
        // A store-wide note of `leadq repair` belongs to no lead.
        if e.lead.isEmpty {
            noteApplied(e)
            return
        }
        var lead: Lead
        if case .created = e.entry.op {
            guard pending[e.lead] == nil, try self.lead(e.lead) == nil else {
                throw StoreError.damaged(
                    file: journal.path, offset: Int(journal.offset), line: 0,
                    reason: "event \(e.seq) creates \(e.lead), which already exists")
            }
            lead = Lead(id: e.lead, profile: e.profile ?? Profile(), history: [])
            if let n = LeadID.number(e.lead) { maxLeadNumber = max(maxLeadNumber, n) }
            created.insert(e.lead)
        } else if let l = overlay[e.lead] ?? cache[e.lead] {
            lead = l
        } else if profiles == nil || e.profile == nil {
            pending[e.lead, default: []].append(e)
            noteApplied(e)
            return
        } else {
            // The profile index must see the profile this event replaces: read the lead now.
            guard let l = try self.lead(e.lead) else { throw missing(e) }
            lead = l
        }
        if let p = e.profile, let index = profiles {
            index.replace(lead.id, old: e.entry.op == .created ? nil : lead.profile, new: p)
        }
        lead.apply(e)
        overlay[lead.id] = lead
        cache.removeValue(forKey: lead.id)
        noteApplied(e)
    }

    private func noteApplied(_ e: Event) {
        lastSeq = e.seq
    }

    /// Remembers one write (a transaction's events) as one action of its actor, for undo.
    func noteAction(_ events: ArraySlice<Event>) {
        guard let last = events.last else { return }
        // An undo takes earlier actions back; it is not an action to take back itself.
        if events.allSatisfy({ if case .undo = $0.entry.op { true } else { false } }) { return }
        let batch = events.count > 1 ? events.first!.seq...last.seq : nil
        recent[last.entry.by, default: []].append(
            RecentAction(actor: last.entry.by, seq: last.seq, lead: last.lead, batch: batch))
    }

    private func missing(_ e: Event) -> StoreError {
        StoreError.damaged(
            file: journal.path, offset: Int(journal.offset), line: 0,
            reason: "event \(e.seq) is for \(e.lead), which doesn't exist")
    }

    /// Folds a lead's waiting events into its snapshot copy (`base`, or read from the snapshot).
    @discardableResult
    func materialize(_ id: String, base: Lead? = nil) throws -> Lead? {
        guard let events = pending.removeValue(forKey: id) else { return overlay[id] ?? base }
        guard var lead = try base ?? snapshotLead(id) else { throw missing(events[0]) }
        for e in events { lead.apply(e) }
        overlay[id] = lead
        cache.removeValue(forKey: id)
        return lead
    }

    /// Reads every waiting lead whose events could have done this (e.g. moved it into a queue).
    func materializePending(where op: (Op) -> Bool) throws {
        let ids = pending.filter { $0.value.contains { op($0.entry.op) } }.map(\.key)
        for id in ids { try materialize(id) }
    }

    func materializeAll() throws {
        for id in Array(pending.keys) { try materialize(id) }
    }

    // MARK: - reading

    public func lead(_ id: String) throws -> Lead? {
        if let l = overlay[id] ?? cache[id] { return l }
        if pending[id] != nil { return try materialize(id) }
        guard let lead = try snapshotLead(id) else { return nil }
        cache[id] = lead
        return lead
    }

    /// The snapshot's copy of a lead, by binary search.
    private func snapshotLead(_ id: String) throws -> Lead? {
        // Ids beyond the snapshot's last one (leads created since) are not in it: no search.
        guard let snap = snapshot, let last = snap.lastID, !LeadID.precedes(last, id), let at = try snap.find(id) else {
            return nil
        }
        let lead = try snap.lead(at: at)
        guard lead.id == id else { throw snap.damaged(at, "found \(lead.id) where \(id) should be") }
        return lead
    }

    /// Decodes the unchanged snapshot leads at these places, checking each against the index that
    /// pointed at it.
    private func snapshotLeads(at refs: [LineRef], _ matches: (Lead) -> Bool) throws -> [Lead] {
        guard let snap = snapshot else { return [] }
        var out: [Lead] = []
        out.reserveCapacity(refs.count)
        for ref in refs {
            let l = try snap.lead(at: ref.offset, length: ref.length)
            if overlay[l.id] != nil { continue }
            if let cached = cache[l.id] {
                out.append(cached)
                continue
            }
            guard matches(l) else {
                throw snap.damaged(ref.offset, "the trailer's queue index disagrees with lead \(l.id)")
            }
            // Changed since the snapshot: it joins the overlay, and the caller's overlay pass judges it.
            if pending[l.id] != nil {
                try materialize(l.id, base: l)
                continue
            }
            cache[l.id] = l
            out.append(l)
        }
        return out
    }

    /// Ops that can bring a lead into a queue or the pool from elsewhere.
    private static func entersQueue(_ op: Op) -> Bool {
        switch op {
        case .assign, .undo: return true
        default: return false
        }
    }

    private static func entersPool(_ op: Op) -> Bool {
        switch op {
        case .release, .undo: return true
        default: return false
        }
    }

    /// A rep's queue leads (assigned and accepted), unordered.
    public func leads(ownedBy rep: String) throws -> [Lead] {
        try materializePending(where: FileStore.entersQueue)
        var out = try snapshotLeads(at: snapshot?.owners[rep] ?? []) { $0.owner == rep && $0.stage.isActive }
        out.append(contentsOf: overlay.values.filter { $0.owner == rep && $0.stage.isActive })
        return out
    }

    /// Every lead in someone's queue (assigned or accepted), unordered.
    public func activeLeads() throws -> [Lead] {
        try materializePending(where: FileStore.entersQueue)
        var out: [Lead] = []
        for (rep, refs) in snapshot?.owners ?? [:] {
            out.append(contentsOf: try snapshotLeads(at: refs) { $0.owner == rep && $0.stage.isActive })
        }
        out.append(contentsOf: overlay.values.filter { $0.stage.isActive })
        return out
    }

    /// The unassigned pool (stage `new`).
    public func unassigned() throws -> [Lead] {
        try materializePending(where: FileStore.entersPool)
        var out = try snapshotLeads(at: snapshot?.pool ?? []) { $0.stage == .new }
        out.append(contentsOf: overlay.values.filter { $0.stage == .new })
        return out
    }

    /// The ids of the unassigned pool, decoding only ids (an import checks a few of them against many rows).
    public func unassignedIDs() throws -> Set<String> {
        try materializePending(where: FileStore.entersPool)
        var ids = Set<String>()
        if let snap = snapshot {
            for ref in snap.pool {
                let id = try snap.id(at: ref.offset)
                if pending[id] != nil { try materialize(id) }
                if overlay[id] == nil { ids.insert(id) }
            }
        }
        for l in overlay.values where l.stage == .new { ids.insert(l.id) }
        return ids
    }

    /// How many queue leads each rep holds, decoding only ids.
    public func openCounts() throws -> [String: Int] {
        try materializeAll()
        var counts: [String: Int] = [:]
        if let snap = snapshot {
            for (rep, refs) in snap.owners {
                for ref in refs where overlay[try snap.id(at: ref.offset)] == nil { counts[rep, default: 0] += 1 }
            }
        }
        for l in overlay.values where l.stage.isActive { counts[l.owner ?? "", default: 0] += 1 }
        return counts
    }

    /// Visits every lead in id order without keeping the decoded copies: for reports and exports.
    public func forEachLead(_ body: (Lead) throws -> Void) throws {
        let fresh = created.sorted(by: LeadID.precedes)
        var k = 0
        func flushCreated(before id: String?) throws {
            while k < fresh.count, id == nil || LeadID.precedes(fresh[k], id!) {
                try body(overlay[fresh[k]]!)
                k += 1
            }
        }
        if let snap = snapshot {
            try snap.forEachLine { start, line in
                var lead = try snap.decode(line, at: start)
                try flushCreated(before: lead.id)
                if let l = overlay[lead.id] {
                    lead = l
                } else if let events = pending[lead.id] {
                    for e in events { lead.apply(e) }
                }
                try body(lead)
            }
        }
        try flushCreated(before: nil)
    }

    /// The actions `actor` took (one per write), newest first.
    public func recentActions(of actor: String) -> [RecentAction] {
        (recent[actor] ?? []).reversed()
    }

    // MARK: - writing

    public var isWritable: Bool { readOnlyReason == nil }

    /// Runs `body` with the exclusive lock held and the state caught up with every other process;
    /// the events it stages are appended in one write, fsync'd, and only then applied here.
    ///
    /// - Parameter applyHere: false for a process that saves a big batch and then ends (an import):
    ///   the events are saved the same way, but this process doesn't fold them into its own state.
    ///   If it reads the store again it catches up from the journal, as it does with what other
    ///   processes write (and `refresh()` reports them among their changes); until its next
    ///   `refresh()` or `transact`, reads such as `lead(_:)` and `leadCount` show the store as it was.
    @discardableResult
    public func transact<T>(
        as actor: String, at now: Instant, utcOffset: Int64 = 0, applyHere: Bool = true,
        _ body: (any LeadTransaction) throws -> T
    ) throws -> (result: T, events: [Event]) {
        if let why = readOnlyReason { throw StoreError.readOnly(reason: why) }
        try lockExclusively("nothing was saved")
        defer { fs.unlock(lockFD) }
        try catchUpToWrite()
        let tx = FileTransaction(
            store: self, context: Context(now: now, actor: actor, settings: settings, utcOffset: utcOffset))
        let result = try body(tx)
        guard !tx.events.isEmpty else { return (result, []) }
        if applyHere {
            try commit(tx.events, staged: tx.takeStaged())
        } else {
            try save(tx.events)
            savedAhead = tx.events.last!.seq
            let events = tx.events
            tx.letGoInBackground()
            return (result, events)
        }
        return (result, tx.events)
    }

    /// Saves the events, then takes the transaction's leads as the new state: they are the events
    /// applied to the same leads in the same order, so applying them again would only repeat work.
    private func commit(_ events: [Event], staged: [String: Lead]) throws {
        // Read what the profile index needs before writing: after the fsync nothing may fail, or a
        // saved action would be reported as not saved.
        var before: [String: Profile] = [:]
        if profiles != nil {
            for e in events where e.profile != nil && before[e.lead] == nil {
                if case .created = e.entry.op { continue }
                before[e.lead] = try lead(e.lead)?.profile
            }
        }
        let byteCount = try save(events)
        journal.advance(by: Int64(byteCount), lines: events.count)
        // A big batch (an import) would otherwise grow these tables by doubling, rehashing each time.
        if events.count > 256 {
            overlay.reserveCapacity(overlay.count + events.count)
            profiles?.reserve(events.count)
        }
        var latestProfile: [String: Profile] = [:]
        for e in events {
            if case .created = e.entry.op {
                if let n = LeadID.number(e.lead) { maxLeadNumber = max(maxLeadNumber, n) }
                created.insert(e.lead)
            }
            if let p = e.profile, let index = profiles {
                let old: Profile? = e.entry.op == .created ? nil : (latestProfile[e.lead] ?? before[e.lead])
                index.replace(e.lead, old: old, new: p)
                latestProfile[e.lead] = p
            }
        }
        noteAction(events[...])
        if overlay.isEmpty {
            overlay = staged  // an import into a store read only from its snapshot: no copy per lead
        } else {
            overlay.merge(staged) { _, new in new }
        }
        if !cache.isEmpty {
            for id in staged.keys { cache.removeValue(forKey: id) }
        }
        lastSeq = events.last!.seq
    }

    /// Appends the events to the journal and fsyncs them; on failure nothing of them remains.
    /// Returns the bytes written.
    @discardableResult
    private func save(_ events: [Event]) throws -> Int {
        let parts = EventCodec.journalLineParts(events)
        let byteCount = parts.reduce(0) { $0 + $1.count }
        do {
            let end = try journal.append(parts: parts)
            publishDurable(journal.name, through: end)
        } catch JournalCursor.AppendFailure.rolledBack(let e) {
            if e.code == EROFS || e.code == EACCES || e.code == EPERM {
                readOnlyReason = "\(FSError.explain(e.code)): \(e.path)"
            }
            throw StoreError.io(e, consequence: "the action was not saved")
        } catch JournalCursor.AppendFailure.unrecoverable(let e, let e2) {
            readOnlyReason = "a failed write could not be taken back (\(e2.description)); reopen the store"
            throw StoreError.io(
                e, consequence: "the action was not saved, and this process stops writing until the store is reopened")
        } catch let e as FSError {
            if e.code == EROFS || e.code == EACCES || e.code == EPERM {
                readOnlyReason = "\(FSError.explain(e.code)): \(e.path)"
            }
            throw StoreError.io(e, consequence: "the action was not saved")
        }
        return byteCount
    }

}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
