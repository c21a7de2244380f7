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
        EventCodec.writeFields(e, &w)
        w.endObject()
    }
}
