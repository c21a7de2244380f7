import LeadqDomain

/// Public JSON forms of history entries, for `--json` output and exports.
public enum EntryJSON {
    public static func write(_ e: Entry, undone: Bool = false, _ w: inout JSONWriter) {
        w.beginObject()
        OpCodec.writeEntryFields(e, &w)
        if undone { w.field("undone", true) }
        w.endObject()
    }

    public static func writeEvent(_ e: Event, _ w: inout JSONWriter) {
        w.beginObject()
        w.field("seq", e.entry.seq)
        w.field("at", e.entry.at.iso8601)
        w.field("by", e.entry.by)
        w.field("lead", e.lead)
        OpCodec.writeOp(e.entry.op, &w)
        if let p = e.profile {
            w.key("profile")
            ProfileCodec.write(p, &w)
        }
        w.endObject()
    }
}
