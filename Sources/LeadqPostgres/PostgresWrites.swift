#if Postgres
import Dispatch
import LeadqDomain
import LeadqStore
import PostgresNIO

extension PostgresStore {
    /// Runs `body` in one database transaction; its events, the leads they change and their
    /// numbers are saved together at COMMIT (one trip), or not at all. A body that works on named
    /// leads holds the store shared, from its first lead on, and runs beside other such writes; a
    /// body that reads the store, creates leads or plans over many (routing, undo, an import) takes
    /// all of it first, caught up with every other writer (see `SchemaNumbers`).
    @discardableResult
    public func transact<T>(
        as actor: String, at now: Instant, utcOffset: Int64, applyHere: Bool,
        _ body: (any LeadTransaction) throws -> T
    ) throws -> (result: T, events: [Event]) {
        if let why = readOnlyReason { throw StoreError.readOnly(reason: why) }
        if let refusal = login.refusal(actingAs: actor) { throw refusal }
        pendingBegin = [
            PostgresQuery(unsafeSQL: "BEGIN"), PostgresQuery(unsafeSQL: "SET LOCAL lock_timeout = \(lockLimitMs)"),
        ]
        writeMode = .none
        var open = true
        let context = Context(now: now, actor: actor, settings: settings, utcOffset: utcOffset)
        let tx = PostgresTransaction(store: self, context: context)
        defer {
            if open, pendingBegin == nil {
                try? link.run("ROLLBACK")
                gaveUp(tx)
            }
            pendingBegin = nil
            writeMode = .none
        }
        // Reading the store inside a write is planning over it: the plan sees the store as it is,
        // and no other write changes it until COMMIT (two routers once both filled a rep's cap).
        link.beforeRead = { [unowned tx] in try tx.holdWholeStore() }
        defer { link.beforeRead = nil }
        let result = try body(tx)
        link.beforeRead = nil
        if let failure = tx.failure { throw failure }
        guard !tx.events.isEmpty else { return (result, []) }
        try save(tx, applyHere: applyHere)
        open = false
        return (result, tx.events)
    }

    /// Advances the counters past `events` events and `leads` new leads after `seq`, through the
    /// one function that may: the server then accepts these numbers, and at COMMIT checks each has
    /// its event.
    func claimNumbers(events: Int, leads: Int64, from seq: Int64) throws {
        let rows = try link.query("SELECT leadq_next_seq(\(Int64(events)), \(leads))", "nothing was saved")
        let first = try rows.first?.decode(Int64.self)
        guard first == seq + 1 else {
            throw StoreError.database(
                store: location,
                reason: "the server numbered the events from \(first.map(String.init) ?? "nothing"), not \(seq + 1)",
                consequence: "nothing was saved")
        }
    }

    /// Sends `queries` in the write's transaction, beginning it in the same trip if they are its
    /// first: a small write then costs one trip fewer.
    func inWrite(_ queries: [PostgresQuery], _ consequence: String = "nothing was saved") throws -> [[PostgresRow]] {
        guard let begin = pendingBegin else { return try link.pipeline(queries, consequence) }
        pendingBegin = nil
        return Array(try link.pipeline(begin + queries, consequence).dropFirst(begin.count))
    }

    /// The lock timeout, in milliseconds, for the rows a write waits for.
    var lockLimitMs: Int { max(1, Int((lockTimeout ?? Double(settings.lockTimeoutSeconds)) * 1000)) }

    /// Claims what the write numbered under the whole store's lock, gives back numbers it drew and
    /// didn't use, writes the events and the leads, and commits; a small write in one trip to the
    /// server. The announcement goes after the COMMIT in a
    /// transaction of its own that doesn't wait for the disk: NOTIFY locks the whole database at
    /// COMMIT, and inside the write it held every other writer off for as long as the COMMIT
    /// took. Each chunk's statement is built as the one before it runs: the server inserts while
    /// this process encodes, and one chunk's arrays at a time are in memory.
    private func save(_ tx: PostgresTransaction, applyHere: Bool) throws {
        let last = tx.events[tx.events.count - 1].seq
        var claimed: EventLoopFuture<PostgresQueryResult>?
        if let counters = tx.counters, tx.numberedHere > 0 {
            let leads = Int64(tx.nextNumber - 1) - counters.lead
            claimed = try link.send(PostgresQuery(unsafeSQL: "SELECT leadq_next_seq(\(tx.numberedHere), \(leads))"))
        }
        if !tx.unused.isEmpty { try link.send("SELECT leadq_unclaim(\(tx.unused))") }
        if tx.staged.count >= Rows.chunk / 4 { try link.send(Rows.roomForChecks) }
        for part in Rows.chunks(tx.events) { try link.send(Rows.query(part, batch: { _ in last })) }
        // In id order: each index on the ids then grows at its end, not at random pages (a third
        // less of the server's time for an import's rows).
        let ids = tx.staged.keys.sorted(by: LeadID.precedes)
        try Rows.forEachChunk(of: ids.lazy.compactMap { tx.staged[$0] }) { try link.send(Rows.query($0)) }
        let notify: PostgresQuery =
            "SELECT set_config('synchronous_commit', 'off', true), pg_notify(\(target.schema), \(String(last)))"
        // The server may have committed before the answer was lost.
        let unsure = "the action may or may not have been saved: look before doing it again"
        try link.pipeline([PostgresQuery(unsafeSQL: "COMMIT")], "nothing was saved", last: unsure, trailing: notify)
        // A process that saves a big batch and ends reads it back, if at all, as others' writes.
        abandoned.formUnion(tx.unused)
        if applyHere { took(tx.events, whole: tx.counters != nil) }
        guard let claimed else { return }
        let first = try claimed.wait().rows.first?.decode(Int64.self)
        // Not reached in practice: events numbered otherwise make the server refuse the COMMIT.
        guard first == tx.counters!.seq + 1 else {
            throw StoreError.database(
                store: location,
                reason:
                    "the server numbered the events from \(first.map(String.init) ?? "nothing"), not \(tx.counters!.seq + 1)",
                consequence: unsure)
        }
    }

    /// A write that saved nothing leaves its numbers unwritten; and what it was refused against may
    /// be news here, so this process catches up (a write beside others doesn't on its way).
    private func gaveUp(_ tx: PostgresTransaction) {
        abandoned.formUnion(tx.drawnNumbers)
        if let caughtUp = try? eventsAfter(horizon) { unreported.absorb(caughtUp) }
        while abandoned.remove(horizon + 1) != nil || ownAhead.removeValue(forKey: horizon + 1) != nil {
            horizon += 1
        }
    }

    /// Takes this write's own events in: under the whole store's lock nothing below them is still
    /// to come; beside others, they are read as saved (`ownAhead`) and `lastSeq` moves over those
    /// that follow it without a gap.
    private func took(_ events: [Event], whole: Bool) {
        guard let last = events.last?.seq else { return }
        if whole {
            horizon = max(horizon, last)
            ownAhead = ownAhead.filter { $0.key > horizon }
            if let g = gap, g.seq <= horizon { gap = nil }
            return
        }
        for e in events where e.seq > horizon { ownAhead[e.seq] = e.lead }
        while gap == nil, ownAhead.removeValue(forKey: horizon + 1) != nil || abandoned.remove(horizon + 1) != nil {
            horizon += 1
        }
    }

    /// Takes the store's write lock, shared or whole, then runs `extra` under it, waiting at most
    /// the lock timeout, and telling `onLockWait` once it has waited a second, then every few
    /// seconds; then reads what others saved before it. Each wait is one try under a savepoint,
    /// so a try that times out leaves the transaction usable. The whole store's lock returns the
    /// last event number and lead number handed out before it.
    func holdStore(_ mode: WriteMode, then extra: [PostgresQuery] = []) throws -> (
        counters: (seq: Int64, lead: Int64)?, extra: [[PostgresRow]]
    ) {
        let limit = lockTimeout ?? Double(settings.lockTimeoutSeconds)
        let start = DispatchTime.now().uptimeNanoseconds
        let take =
            mode == .whole ? "SELECT last_seq, last_lead FROM leadq_lock_counters()" : "SELECT leadq_share_counters()"
        var step = 1.0
        while true {
            let waited = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let wait = min(step, limit - waited)
            let tries =
                ["SET LOCAL lock_timeout = \(max(1, Int(wait * 1000)))", "SAVEPOINT counters", take].map {
                    PostgresQuery(unsafeSQL: $0)
                } + extra
                + ["RELEASE SAVEPOINT counters", "SET LOCAL lock_timeout = \(lockLimitMs)"].map {
                    PostgresQuery(unsafeSQL: $0)
                } + [horizonQuery(after: horizon)]
            do {
                let answers = try inWrite(tries)
                var counters: (seq: Int64, lead: Int64)?
                if mode == .whole {
                    guard let row = answers[2].first else {
                        throw StoreError.database(
                            store: location, reason: "the counters row is missing", consequence: "nothing was saved")
                    }
                    counters = try row.decode((Int64, Int64).self)
                }
                writeMode = mode
                // Beside other writers, only as far as is known without asking again.
                let page = answers[answers.count - 1]
                unreported.absorb(
                    try eventsAfter(horizon, firstPage: page, settled: counters?.seq, quick: mode == .shared))
                return (counters, Array(answers[3..<3 + extra.count]))
            } catch let e as StoreError {
                guard case .database(_, let reason, _) = e else { throw e }
                // A writer holding the store waits for a lead this write holds: this one gives way.
                if reason.contains("SQLSTATE 40P01") {
                    throw StoreError.busy(holder: nil, seconds: 0, consequence: "nothing was saved in \(location)")
                }
                guard reason.contains("SQLSTATE 55P03") else { throw e }
                try withoutReadHook { try link.run("ROLLBACK TO SAVEPOINT counters", "nothing was saved") }
            }
            let now = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if now >= limit - 0.001 {
                throw StoreError.busy(
                    holder: nil, seconds: Int(limit.rounded(.up)), consequence: "nothing was saved in \(location)")
            }
            onLockWait?(LockWait(holder: nil, seconds: Int(now)))
            step = 3
        }
    }
}
#endif
