#if Postgres
import LeadqDomain
import LeadqStore
import PostgresNIO

extension PostgresStore {
    /// Replays every event, in order, and compares each lead with its stored row: a row that isn't
    /// what its events make it (edited by hand, or a write that bypassed leadq) is named, and
    /// nothing is changed. Reads one snapshot of the database, so writers may go on meanwhile.
    public func verify() throws -> VerifyReport {
        try link.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "nothing was checked")
        defer { try? link.run("ROLLBACK") }
        let handedOut =
            try link.query("SELECT last_value FROM event_numbers", "nothing was checked").first?.decode(Int64.self) ?? 0
        let replayed = try replay()
        var differ: [String] = []
        var orphaned: [String: String] = [:]
        var seen = 0
        var after = ""
        let sql = #"SELECT id, body::text FROM leads WHERE id COLLATE "C" > $1 ORDER BY id COLLATE "C" LIMIT $2"#
        while true {
            var b = PostgresBindings()
            b.append(after)
            b.append(Int64(Rows.chunk))
            let rows = try link.query(PostgresQuery(unsafeSQL: sql, binds: b), "nothing was checked")
            for row in rows {
                let (id, json) = try row.decode((String, String).self)
                let stored = try Rows.lead(json, location)
                seen += 1
                if let why = PostgresStore.difference(stored: stored, replayed: replayed.leads[id]) {
                    differ.append("\(id) (\(why))")
                }
                if stored.stage.isActive, let o = stored.owner, settings.rep(o) == nil { orphaned[id] = o }
                after = id
            }
            if rows.count < Rows.chunk { break }
        }
        if seen < replayed.leads.count {
            let missing = replayed.leads.count - seen
            differ.append("\(missing) lead\(missing == 1 ? "" : "s") with events but no row")
        }
        // Numbers drawn and never written (a write that failed) leave gaps; none is past the last handed out.
        if replayed.lastSeq > handedOut {
            differ.append(
                "event numbers go to \(handedOut), the events table ends at \(replayed.lastSeq)")
        }
        if !differ.isEmpty {
            let shown =
                differ.prefix(10).joined(separator: "; ") + (differ.count > 10 ? "; and \(differ.count - 10) more" : "")
            throw StoreError.database(
                store: location, reason: "stored state differs from the events: \(shown)",
                consequence: "leadq has changed nothing; the events are the record")
        }
        var report = VerifyReport(leads: seen, snapshotSeq: 0, lastSeq: replayed.lastSeq)
        report.orphaned = orphaned
        return report
    }

    /// Everything the store holds, a line per row, in a fixed order: equal before and after means
    /// nothing was written (for tests, and for checking a copy).
    public func dump() throws -> [String] {
        var out: [String] = []
        for (table, order) in [
            ("migrations", "version"), ("counters", "one"), ("settings", "one"), ("dispatch", "one"), ("events", "seq"),
            ("leads", "id"),
        ] {
            let rows = try link.query(PostgresQuery(unsafeSQL: "SELECT t::text FROM \(table) t ORDER BY \(order)"))
            out += try rows.map { table + " " + (try $0.decode(String.self)) }
        }
        return out
    }

    /// Every lead as its events leave it, and the last event's number.
    private func replay() throws -> (leads: [String: Lead], lastSeq: Int64) {
        var leads: [String: Lead] = [:]
        var from: Int64 = .min
        while true {
            let rows = try link.query(
                "SELECT seq, body::text FROM events WHERE seq > \(from) ORDER BY seq LIMIT \(Int64(Rows.chunk))",
                "nothing was checked")
            for row in rows {
                let (seq, json) = try row.decode((Int64, String).self)
                let e = try Rows.event(json, location)
                from = seq
                if e.lead.isEmpty { continue }
                var lead = leads[e.lead] ?? Lead(id: e.lead, profile: e.profile ?? Profile(), history: [])
                lead.apply(e)
                leads[e.lead] = lead
            }
            if rows.count < Rows.chunk { break }
        }
        return (leads, from == .min ? 0 : from)
    }

    /// What differs between a row and its replay, in words, or nil when nothing does.
    static func difference(stored: Lead, replayed: Lead?) -> String? {
        guard let r = replayed else { return "a row without events" }
        if stored == r { return nil }
        if stored.version != r.version { return "version \(stored.version), the events end at \(r.version)" }
        if stored.stage != r.stage { return "stage \(stored.stage.rawValue), the events say \(r.stage.rawValue)" }
        if stored.owner != r.owner { return "owner \(stored.owner ?? "none"), the events say \(r.owner ?? "none")" }
        if stored.profile != r.profile { return "its profile differs" }
        return "its history differs"
    }
}
#endif
