import LeadqCodec
import LeadqDomain
import LeadqStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Writing: one transaction under the exclusive lock, saved and fsync'd before it counts.
extension FileStore {
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
        if let batch = tx.streamed {
            // Never applied here: its leads were never held.
            let small = try save(streamed: batch, then: tx.events)
            savedAhead = lastSeq + Int64(batch.events + tx.events.count)
            let events = tx.events
            tx.letGoInBackground()
            return (result, small.map { $0 + events } ?? events)
        }
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
    func commit(_ events: [Event], staged: [String: Lead]) throws {
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

    /// How many events are encoded before they are written, in a big write.
    static let encodedPerWrite = 16_384

    /// Appends the events to the journal and fsyncs them; on failure nothing of them remains.
    /// Returns the bytes written.
    @discardableResult
    func save(_ events: [Event]) throws -> Int {
        let batchEnd = events.count > 1 ? events.last!.seq : nil
        return try saving { write in
            try FileStore.writeSliced(events[...], batchEnd: batchEnd, write)
        }
    }

    /// A streamed batch's events, sealed as they are copied from its spool, then `events`, in one
    /// write. Returns the batch's events too when it was small enough to keep (one slice), else nil.
    func save(streamed batch: StreamedBatch, then events: [Event]) throws -> [Event]? {
        let first = lastSeq + 1
        let total = batch.events + events.count
        guard let spool = batch.spool as? FileSpool, spool.firstSeq == first, spool.events == batch.events else {
            throw StreamedBatchMismatch("internal: a streamed batch was not handed over as declared")
        }
        guard total > 0 else { return [] }
        let batchEnd = total > 1 ? first + Int64(total - 1) : nil
        try saving { write in
            try spool.copy(batchEnd: batchEnd, write)
            try FileStore.writeSliced(events[...], batchEnd: batchEnd, write)
        }
        return spool.kept
    }

    /// Encodes a slice at a time and writes each before the next is made: an import's lines would
    /// otherwise all be in memory at once (71 MB at 100k).
    static func writeSliced(_ events: ArraySlice<Event>, batchEnd: Int64?, _ write: ([UInt8]) throws -> Void) throws {
        for start in stride(from: events.startIndex, to: events.endIndex, by: FileStore.encodedPerWrite) {
            let slice = events[start..<min(events.endIndex, start + FileStore.encodedPerWrite)]
            for part in EventCodec.journalLineParts(slice, batchEnd: batchEnd) { try write(part) }
        }
    }

    /// Runs one append with the journal's failure handling; returns the bytes written.
    @discardableResult
    private func saving(_ produce: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws -> Int {
        var byteCount = 0
        do {
            if appender == nil { appender = try JournalAppender(path: journal.path, fs: fs) }
            let end = try appender!.append { write in
                // `write` is called only while `produce` runs.
                try withoutActuallyEscaping(write) { write in
                    try produce { part in
                        byteCount += part.count
                        try write(part)
                    }
                }
            }
            publishDurable(journal.name, through: end)
        } catch JournalAppender.AppendFailure.rolledBack(let e) {
            if e.code == EROFS || e.code == EACCES || e.code == EPERM {
                readOnlyReason = "\(FSError.explain(e.code)): \(e.path)"
            }
            throw StoreError.io(e, consequence: "the action was not saved")
        } catch JournalAppender.AppendFailure.unrecoverable(let e, let e2) {
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
