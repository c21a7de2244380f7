import LeadqDomain

/// One event per journal line:
/// `{"seq":125,"at":"…","by":"dana","lead":"L-00042","op":"reject","reason":"no-budget","crc":"…"}`.
/// Events written together carry `"batch":<last seq>` so a torn batch is never half applied.
public enum EventCodec {
    public static func encode(_ e: Event, batchEnd: Int64? = nil) -> [UInt8] {
        var w = JSONWriter(capacity: 192)
        w.beginObject()
        writeFields(e, &w)
        if let b = batchEnd { w.field("batch", b) }
        Checksummed.seal(&w)
        return w.bytes
    }

    /// The members of an event object, shared by the journal and `--json` output.
    static func writeFields(_ e: Event, _ w: inout JSONWriter) {
        w.field("seq", e.entry.seq)
        w.field("at", e.entry.at.iso8601)
        w.field("by", e.entry.by)
        w.field("lead", e.lead)
        OpCodec.writeOp(e.entry.op, &w)
        if let p = e.profile {
            w.key("profile")
            ProfileCodec.write(p, &w)
        }
    }

    public static func decode(_ r: inout JSONReader) throws -> (event: Event, batchEnd: Int64?) {
        var f = OpCodec.Fields()
        var lead: String?
        var profile: Profile?
        var batch: Int64?
        try r.object { r, key in
            if try f.read(key, &r) { return }
            switch key {
            case "lead": lead = try r.string()
            case "profile": profile = try ProfileCodec.read(&r)
            case "batch": batch = try r.int()
            default: try r.skipValue()
            }
        }
        guard let lead, !lead.isEmpty else { throw r.error("event lacks its lead") }
        let entry = try f.entry(r)
        switch entry.op {
        case .created, .updated:
            guard profile != nil else { throw r.error("'\(entry.op.name)' event lacks its profile") }
        default: break
        }
        return (Event(lead: lead, entry: entry, profile: profile), batch)
    }
}
