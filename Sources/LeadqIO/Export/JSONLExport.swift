import LeadqDomain
import LeadqStore

/// leadq's own JSON Lines: every lead whole (profile, work, history), or every event. `leadq import`
/// reads the lead lines back (their profiles and owners). Strings are JSON-escaped, control
/// characters included, so no line can drive a terminal when printed.
public enum JSONLExport {
    public static func lead(_ lead: Lead) -> [UInt8] {
        var w = JSONWriter(capacity: 1024)
        w.beginObject()
        w.field("id", lead.id)
        w.field("version", lead.version)
        w.field("stage", lead.stage.rawValue)
        w.key("owner"); if let o = lead.owner { w.string(o) } else { w.null() }
        w.field("score", lead.score)
        w.key("profile")
        ProfileCodec.write(lead.profile, &w)
        let work = lead.work
        w.key("work")
        w.beginObject()
        if let a = work.assignedAt { w.field("assignedAt", a.iso8601) }
        if let b = work.assignedBy { w.field("assignedBy", b) }
        if let r = work.rule { w.field("rule", r) }
        if let a = work.acceptedAt { w.field("acceptedAt", a.iso8601) }
        if let c = work.closedAt { w.field("closedAt", c.iso8601) }
        if let b = work.closedBy { w.field("closedBy", b) }
        if !work.reason.isEmpty { w.field("reason", work.reason) }
        if !work.note.isEmpty { w.field("note", work.note) }
        w.field("contacts", work.contacts.count)
        w.endObject()
        w.key("history")
        w.beginArray()
        let undone = lead.undoneSeqs
        for e in lead.history { EntryJSON.write(e, undone: undone.contains(e.seq), &w) }
        w.endArray()
        w.endObject()
        w.bytes.append(0x0A)
        return w.bytes
    }

    /// Whether a lead changed at or after `since` (any event, imports included).
    public static func changed(_ lead: Lead, since: Instant?) -> Bool {
        guard let since else { return true }
        return lead.history.contains { $0.at >= since }
    }

    /// The events of a lead at or after `since`, as journal-shaped lines without their checksums.
    public static func events(_ lead: Lead, since: Instant?) -> [(seq: Int64, line: [UInt8])] {
        lead.history.filter { e in since.map { e.at >= $0 } ?? true }.map { e in
            var w = JSONWriter(capacity: 192)
            EntryJSON.writeEvent(Event(lead: lead.id, entry: e), &w)
            w.bytes.append(0x0A)
            return (e.seq, w.bytes)
        }
    }
}
