#if Postgres
import LeadqCodec
import LeadqDomain
import LeadqStore
import PostgresNIO

// The team's settings live in the `settings` row; changing them is a write like any other: one
// transaction holding the whole store, with a store-wide `settings` event in the history.
extension PostgresStore {
    public func storeEvents() throws -> [Event] {
        let rows = try link.query("SELECT body::text FROM events WHERE lead = '' AND seq <= \(lastSeq) ORDER BY seq")
        return try rows.map { try Rows.event(try $0.decode(String.self), location) }
    }

    /// Decides who may against the settings row as committed, then replaces it and saves the event.
    @discardableResult
    public func applySettings(_ new: Settings, note: String, as actor: String, at now: Instant) throws -> Event {
        if let why = readOnlyReason { throw StoreError.readOnly(reason: why) }
        if let refusal = login.refusal(actingAs: actor) { throw refusal }
        let consequence = "the settings were not changed"
        try link.run("BEGIN", consequence)
        var open = true
        defer { if open { try? link.run("ROLLBACK") } }
        // Also reads what others saved before this write.
        guard let counters = try holdStore(.whole).counters else {
            throw StoreError.database(store: location, reason: "the counters row is missing", consequence: consequence)
        }
        let current = try PostgresStore.readSettings(link)
        if let refusal = Managers.refusal(actor, to: "change the settings", current) { throw refusal }
        let seq = counters.seq + 1
        let event = Event(lead: "", entry: Entry(seq: seq, at: now, by: actor, op: .settings(note: note)))
        let json = String(decoding: SettingsCodec.encode(new), as: UTF8.self)
        try link.query("UPDATE settings SET body = \(json)::json", consequence)
        try claimNumbers(events: 1, leads: 0, from: counters.seq)
        try Rows.write([event], batch: { _ in 0 }, link)
        try link.query("SELECT pg_notify(\(target.schema), \(String(seq)))", consequence)
        open = false
        do { try link.run("COMMIT") } catch let e as StoreError {
            guard case .database(let store, let reason, _) = e else { throw e }
            throw StoreError.database(
                store: store, reason: reason,
                consequence: "the settings may or may not have been changed: look with `leadq settings show`")
        }
        settings = new
        horizon = seq
        return event
    }
}
#endif
