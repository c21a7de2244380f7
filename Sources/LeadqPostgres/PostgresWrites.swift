#if Postgres
import Dispatch
import LeadqDomain
import LeadqStore
import PostgresNIO

extension PostgresStore {
    /// Runs `body` in one database transaction holding the counters row (the store's write lock),
    /// caught up with every other writer; its events, the leads they change and the counters are
    /// saved together at COMMIT, or not at all.
    @discardableResult
    public func transact<T>(
        as actor: String, at now: Instant, utcOffset: Int64, applyHere: Bool,
        _ body: (any LeadTransaction) throws -> T
    ) throws -> (result: T, events: [Event]) {
        if let why = readOnlyReason { throw StoreError.readOnly(reason: why) }
        if let refusal = login.refusal(actingAs: actor) { throw refusal }
        try link.run("BEGIN", "nothing was saved")
        var open = true
        defer { if open { try? link.run("ROLLBACK") } }
        let counters = try lockCounters()
        // What others saved since the last look, for the next refresh(); the rules see it all.
        unreported.absorb(try eventsAfter(lastSeq))
        lastSeq = counters.seq
        let context = Context(now: now, actor: actor, settings: settings, utcOffset: utcOffset)
        let tx = PostgresTransaction(store: self, context: context, lastSeq: counters.seq, lastLead: counters.lead)
        let result = try body(tx)
        guard let last = tx.events.last else { return (result, []) }
        try claimNumbers(events: tx.events.count, leads: Int64(tx.nextNumber - 1) - counters.lead, from: counters.seq)
        try Rows.write(tx.events, batch: { _ in last.seq }, link)
        try Rows.write(Array(tx.staged.values), link)
        // Delivered to every listener when (and only if) the transaction commits.
        try link.query("SELECT pg_notify(\(target.schema), \(String(last.seq)))", "nothing was saved")
        open = false
        do { try link.run("COMMIT") } catch let e as StoreError {
            // The server may have committed before the answer was lost.
            guard case .database(let store, let reason, _) = e else { throw e }
            throw StoreError.database(
                store: store, reason: reason,
                consequence: "the action may or may not have been saved: look before doing it again")
        }
        // A process that saves a big batch and ends reads it back, if at all, as others' writes.
        if applyHere { lastSeq = last.seq }
        return (result, tx.events)
    }

    /// Advances the counters past this write's events and leads, through the one function that
    /// may: the server then accepts these numbers, and at COMMIT checks each has its event.
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

    /// Takes the store's write lock, waiting at most the lock timeout for another writer, and
    /// telling `onLockWait` once it has waited a second, then every few seconds. Each wait is one
    /// try under a savepoint, so a try that times out leaves the transaction usable.
    func lockCounters() throws -> (seq: Int64, lead: Int64) {
        let limit = lockTimeout ?? Double(settings.lockTimeoutSeconds)
        let start = DispatchTime.now().uptimeNanoseconds
        var step = 1.0
        while true {
            let waited = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let wait = min(step, limit - waited)
            try link.run("SET LOCAL lock_timeout = \(max(1, Int(wait * 1000)))", "nothing was saved")
            try link.run("SAVEPOINT counters", "nothing was saved")
            do {
                let counters = try PostgresStore.counters(link, forUpdate: true)
                try link.run("RELEASE SAVEPOINT counters", "nothing was saved")
                return counters
            } catch let e as StoreError {
                guard case .database(_, let reason, _) = e, reason.contains("SQLSTATE 55P03") else { throw e }
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
