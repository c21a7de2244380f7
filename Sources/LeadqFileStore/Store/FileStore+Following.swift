import LeadqCodec
import LeadqDomain
import LeadqStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Following other processes: catching up with what they appended, and crash remains.
extension FileStore {
    enum CatchUpMode {
        /// No lock held: a partial record may be a write in progress.
        case poll
        /// Shared lock held: no write is in progress, a partial record is a crash's remains.
        case reader
        /// Exclusive lock held: as reader, and the crash's remains are set aside before writing.
        case writer
    }

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
            let tail = try applyNewEvents(limit: unlimited ? .max : durableLimit(), &result)
            // The next journal exists once a compaction or a crash recovery rotated to it.
            let nextName = StoreFiles.journal(lastSeq + 1)
            if nextName != journal.name, fs.exists(StoreFiles.join(directory, nextName)) {
                // A journal is rotated only after its last write was made durable: read all of it.
                if !unlimited, tail != .clean {
                    unlimited = true
                    continue
                }
                // A torn tail here was set aside by the writer that started the next journal: not news.
                do { journal = try JournalReader(directory: directory, name: nextName, fs: fs) } catch let e as FSError
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
                if try afterTornTail(mode, at: at, bytes: n, lookedAgain: &lookedAgain) == .readAgain { continue }
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

    /// Applies the journal's events after `lastSeq` up to `limit`, in order, noting them in `result`.
    func applyNewEvents(limit: Int64, _ result: inout Refresh) throws -> JournalReader.Tail {
        do {
            return try journal.read(limit: limit) { events in
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
    }

    enum AfterTornTail {
        case readAgain, done
    }

    /// What catchUp does at a journal that ends inside a record, as `mode` allows: look again, note
    /// it, set it aside, or refuse a gap it would leave.
    func afterTornTail(_ mode: CatchUpMode, at: Int64, bytes n: Int64, lookedAgain: inout Bool) throws
        -> AfterTornTail
    {
        // A torn journal without one complete record shares its name with the journal a writer
        // replaces it by (see setAsideTornTail): look at what the name holds now before deciding.
        if mode != .reader, !lookedAgain, journal.first == lastSeq + 1,
            let now = try? JournalReader(directory: directory, name: journal.name, fs: fs)
        {
            lookedAgain = true
            journal = now
            return .readAgain
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
            return .done
        case .reader:
            noteTorn(journal.path, at, n)
            return .done
        case .writer:
            try setAsideTornTail(at: at, bytes: n)
            // Read the new journal's header before appending after it.
            return .readAgain
        }
    }

    /// Reads the store again from its newest snapshot, under the lock `mode` says is held.
    func startOver(_ mode: CatchUpMode, _ result: inout Refresh) throws {
        if mode == .poll {
            try reload()
        } else {
            try load(mode)
        }
        result.reloaded = true
    }

    /// The journals must run on without a gap or an overlap: a later journal that doesn't start right
    /// after the last event read means events were lost (a journal deleted by hand) or written twice.
    func checkNoJournalFollowsAGap() throws {
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
    func journalStarting(after seq: Int64) -> String? {
        guard let names = try? fs.list(directory) else { return nil }
        return names.compactMap { n in StoreFiles.parse(n, prefix: "journal").map { ($0, n) } }.filter { $0.0 > seq }
            .min { $0.0 < $1.0 }?.1
    }

    func reload() throws {
        guard try tryLockShared() else {
            try loadWithoutLock()
            return
        }
        defer { fs.unlock(lockFD) }
        try load()
    }

    func noteTorn(_ path: String, _ at: Int64, _ n: Int64) {
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
    func setAsideTornTail(at: Int64, bytes n: Int64) throws {
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
            try AtomicFile.write(copy, try fs.readAll(journal.path), permissions: filePermissions, fs: fs)
            if journal.first == lastSeq + 1 {
                // No complete record in it: the journal to continue in would have this very name. Replace
                // the file in one rename (its bytes are kept in the copy); never append after torn bytes.
                let header = JournalReader.header(first: lastSeq + 1)
                try AtomicFile.write(journal.path, header, permissions: filePermissions, fs: fs)
                // A mark for the old file under this name would let readers past what is durable here.
                publishDurable(journal.name, through: Int64(header.count))
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
            journal = try JournalReader(directory: directory, name: StoreFiles.journal(lastSeq + 1), fs: fs)
        } catch let e as FSError {
            throw StoreError.io(e, consequence: "nothing was saved")
        }
    }

    /// Creates `journal-<first>.jsonl` with its header, appearing whole (temp file + rename).
    func createJournal(first: Int64) throws {
        let path = StoreFiles.join(directory, StoreFiles.journal(first))
        guard !fs.exists(path) else { return }
        try AtomicFile.write(path, JournalReader.header(first: first), permissions: filePermissions, fs: fs)
    }
}
