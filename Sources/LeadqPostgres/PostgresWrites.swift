#if Postgres
import Dispatch
import LeadqDomain
import LeadqStore
import PostgresNIO

extension PostgresStore {
    /// Runs `body` in one database transaction holding the counters row (the store's write lock),
    /// caught up with every other writer; its events, the leads they change and the counters are
    /// saved together at COMMIT (one trip), or not at all.
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
        var open = true
        defer {
            if open, pendingBegin == nil { try? link.run("ROLLBACK") }
            pendingBegin = nil
        }
        // The counters first, with what others saved before them: the rules, the settings and a
        // plan over many leads (routing, caps) all see the store as it is, and no other write can
        // change it until COMMIT. Taking them last let two routers both fill a rep's cap.
        let counters = try lockCounters()
        let context = Context(now: now, actor: actor, settings: settings, utcOffset: utcOffset)
        let tx = PostgresTransaction(store: self, context: context, counters: counters)
        let result = try body(tx)
        if let failure = tx.failure { throw failure }
        guard let last = tx.events.last else { return (result, []) }
        try save(tx, counters: counters)
        open = false
        // A process that saves a big batch and ends reads it back, if at all, as others' writes.
        if applyHere { lastSeq = last.seq }
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

    /// Advances the counters past the write's events and leads (through the one function that may:
    /// the server then accepts these numbers, and at COMMIT checks each has its event), writes the
    /// events and the leads, announces them and commits; a small write in one trip to the server.
    /// Each chunk's statement is built as the one before it runs: the server inserts while this
    /// process encodes, and one chunk's arrays at a time are in memory, not the whole write's.
    private func save(_ tx: PostgresTransaction, counters: (seq: Int64, lead: Int64)) throws {
        let last = tx.events[tx.events.count - 1].seq
        let leads = Int64(tx.nextNumber - 1) - counters.lead
        let claim = PostgresQuery(unsafeSQL: "SELECT leadq_next_seq(\(Int64(tx.events.count)), \(leads))")
        let claimed = try link.send(claim)
        if tx.staged.count >= Rows.chunk / 4 { try link.send(Rows.roomForChecks) }
        for part in Rows.chunks(tx.events) { try link.send(Rows.query(part, batch: { _ in last })) }
        // In id order: each index on the ids then grows at its end, not at random pages (a third
        // less of the server's time for an import's rows).
        let ids = tx.staged.keys.sorted(by: LeadID.precedes)
        try Rows.forEachChunk(of: ids.lazy.compactMap { tx.staged[$0] }) { try link.send(Rows.query($0)) }
        // Delivered to every listener when (and only if) the transaction commits.
        let notify: PostgresQuery = "SELECT pg_notify(\(target.schema), \(String(last)))"
        // The server may have committed before the answer was lost.
        let unsure = "the action may or may not have been saved: look before doing it again"
        try link.pipeline([notify, PostgresQuery(unsafeSQL: "COMMIT")], "nothing was saved", last: unsure)
        let first = try claimed.wait().rows.first?.decode(Int64.self)
        // Not reached in practice: events numbered otherwise make the server refuse the COMMIT.
        guard first == counters.seq + 1 else {
            throw StoreError.database(
                store: location,
                reason:
                    "the server numbered the events from \(first.map(String.init) ?? "nothing"), not \(counters.seq + 1)",
                consequence: unsure)
        }
    }

    /// Takes the store's write lock, waiting at most the lock timeout for another writer, and
    /// telling `onLockWait` once it has waited a second, then every few seconds; then reads what
    /// others saved before it, so `lastSeq` is the last number before this write's. Each wait is
    /// one try under a savepoint, so a try that times out leaves the transaction usable.
    func lockCounters() throws -> (seq: Int64, lead: Int64) {
        let limit = lockTimeout ?? Double(settings.lockTimeoutSeconds)
        let start = DispatchTime.now().uptimeNanoseconds
        var step = 1.0
        while true {
            let waited = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let wait = min(step, limit - waited)
            let tries = [
                "SET LOCAL lock_timeout = \(max(1, Int(wait * 1000)))", "SAVEPOINT counters",
                "SELECT last_seq, last_lead FROM leadq_lock_counters()", "RELEASE SAVEPOINT counters",
                "SET LOCAL lock_timeout = \(lockLimitMs)", eventsAfterSQL(lastSeq),
            ]
            do {
                let answers = try inWrite(tries.map { PostgresQuery(unsafeSQL: $0) })
                guard let row = answers[2].first else {
                    throw StoreError.database(
                        store: location, reason: "the counters row is missing", consequence: "nothing was saved")
                }
                let counters = try row.decode((Int64, Int64).self)
                unreported.absorb(try eventsAfter(lastSeq, firstPage: answers[5]))
                lastSeq = counters.0
                return counters
            } catch let e as StoreError {
                guard case .database(_, let reason, _) = e else { throw e }
                // A writer holding the counters waits for a lead this write holds: this one gives way.
                if reason.contains("SQLSTATE 40P01") {
                    throw StoreError.busy(holder: nil, seconds: 0, consequence: "nothing was saved in \(location)")
                }
                guard reason.contains("SQLSTATE 55P03") else { throw e }
                try link.run("ROLLBACK TO SAVEPOINT counters", "nothing was saved")
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
