import LeadqCodec
import LeadqDomain
import LeadqStore

extension FileStore {
    /// Folds the journal into a new snapshot and removes the files it replaces.
    ///
    /// Writers are held up only twice, for milliseconds: to start a fresh journal (so the snapshot's
    /// inputs stop changing) and to delete the replaced files. The journal is first read without a
    /// lock, and the snapshot is written without one, through a temporary file renamed into place,
    /// so a crash leaves the old state intact.
    /// Safe to run from a background thread: it opens its own view of the store. Returns nil when
    /// another compaction is running or there is nothing to fold.
    public static func compact(_ directory: String, fs: FileSystem = PosixFileSystem()) throws -> CompactionReport? {
        // The compaction lock first: while it is held no other process removes a file, so the store
        // can then be read without holding up writers.
        let settings = try FileStore.readSettings(directory, fs: fs)
        let clPath = StoreFiles.join(directory, StoreFiles.compactLock)
        let cl: Int32
        // The store's own permissions: a group-shared store's teammates must be able to compact too.
        do { cl = try fs.open(clPath, .createIfMissing(permissions: FileStore.filePermissions(settings))) } catch let e
            as FSError
        {
            throw StoreError.io(e, consequence: "the store was not compacted")
        }
        defer { fs.close(cl) }
        guard (try? fs.lock(cl, exclusive: true, wait: false, path: clPath)) == true else { return nil }
        defer { fs.unlock(cl) }
        // Replaying a long journal takes seconds at 100k leads: under the shared lock it would hold
        // up every writer (a rep's console saving an action) that long.
        let store = try FileStore(directory: directory, fs: fs, sharedLock: false)
        guard let seq = try store.startNewJournal() else { return nil }
        let bytes = try store.writeSnapshot(seq: seq)
        let removed = try store.removeReplacedFiles(seq: seq)
        return CompactionReport(seq: seq, leads: store.leadCount, bytes: bytes, removed: removed)
    }

    private func withExclusiveLock<T>(_ body: () throws -> T) throws -> T {
        if let why = readOnlyReason { throw StoreError.readOnly(reason: why) }
        try lockExclusively("the store was not compacted")
        defer { fs.unlock(lockFD) }
        return try body()
    }

    /// Catches up and starts `journal-<last+1>`; returns the sequence the snapshot will cover.
    func startNewJournal() throws -> Int64? {
        try withExclusiveLock {
            // Both locks are held: any temporary file here is a killed process's.
            if let names = try? fs.list(directory) { removeLeftoversHoldingTheLocks(names) }
            try catchUpToWrite()
            // An older snapshot schema is written again in today's even with nothing to fold: under
            // its own name, by a rename, every lead line copied byte for byte once checked.
            let olderSchema = (snapshot?.schema ?? Int64(StoreFiles.snapshotSchema)) < Int64(StoreFiles.snapshotSchema)
            guard lastSeq > snapshotSeq || olderSchema else { return nil }
            do { try createJournal(first: lastSeq + 1) } catch let e as FSError {
                throw StoreError.io(e, consequence: "the store was not compacted")
            }
            return lastSeq
        }
    }

    /// Writes `snapshot-<seq>.jsonl`: unchanged leads are copied byte for byte, changed ones re-encoded.
    /// A changed lead's waiting events are folded into the copy the check has just decoded, rather
    /// than read and decoded again first (that was a third of a compaction's time).
    func writeSnapshot(seq: Int64) throws -> Int {
        do {
            let keep = recent.values.flatMap { $0.suffix(FileStore.recentKept) }.sorted { $0.seq < $1.seq }
            var out = try SnapshotWriter(
                StoreFiles.join(directory, StoreFiles.snapshot(seq)), seq: seq, leads: leadCount,
                recent: keep, wide: storeWide, briefs: settings, permissions: filePermissions, fs: fs)
            // Leads created since the snapshot go in id order among the ones it holds.
            let fresh = created.sorted(by: LeadID.precedes)
            var k = 0
            func putCreated(before id: String?) throws {
                while k < fresh.count, id == nil || LeadID.precedes(fresh[k], id!) {
                    try out.put(try materialize(fresh[k])!)
                    k += 1
                }
            }
            if let snap = snapshot {
                // Every line is checked as `verify` checks it before anything is copied or removed.
                var check = SnapshotCheck(snap)
                try snap.forEachLine { start, line in
                    let old = try check.lead(line, at: start)
                    try putCreated(before: old.id)
                    try materialize(old.id, base: old)
                    if let lead = overlay[old.id] {
                        try out.put(lead)
                    } else {
                        // Unchanged: copied byte for byte, its checksum still holds.
                        try out.put(line: line, lead: old)
                    }
                }
                _ = try check.finish()
            }
            try putCreated(before: nil)
            // Events for a lead the snapshot doesn't hold: refused here, as reading them would be.
            try materializeAll()
            return try out.finish()
        } catch let e as FSError {
            throw StoreError.io(e, consequence: "the store was not compacted; nothing was lost")
        }
    }

    /// Deletes snapshots older than `seq` and journals whose every event is at or before it.
    func removeReplacedFiles(seq: Int64) throws -> [String] {
        try withExclusiveLock {
            var removed: [String] = []
            do {
                let names = try fs.list(directory)
                let journals = names.compactMap { n in StoreFiles.parse(n, prefix: "journal").map { ($0, n) } }.sorted {
                    $0.0 < $1.0
                }
                for (i, j) in journals.enumerated() where i + 1 < journals.count && journals[i + 1].0 <= seq + 1 {
                    try fs.remove(StoreFiles.join(directory, j.1))
                    removed.append(j.1)
                }
                for n in names {
                    if let s = StoreFiles.parse(n, prefix: "snapshot"), s < seq {
                        try fs.remove(StoreFiles.join(directory, n))
                        removed.append(n)
                    } else if n.contains(".jsonl.tmp-") {
                        try fs.remove(StoreFiles.join(directory, n))
                        removed.append(n)
                    }
                }
                try fs.syncDirectory(directory)
            } catch let e as FSError {
                throw StoreError.io(e, consequence: "the new snapshot is saved but some replaced files remain")
            }
            return removed
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
