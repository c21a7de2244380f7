import LeadqDomain

/// The dispatcher's ledger as the store keeps it:
/// `{"schema":1,"cursor":{"seq":12,"at":"…"},"sent":[["hot-assigned/L-00042/12","…"]],"pending":[…]}`.
public enum AlertLedgerCodec {
    public static let schema: Int64 = 1

    public static func encode(_ ledger: AlertLedger) -> [UInt8] {
        var w = JSONWriter(capacity: 256 + ledger.sent.count * 64)
        w.beginObject()
        w.field("schema", schema)
        if let c = ledger.cursor {
            w.key("cursor")
            w.beginObject()
            w.field("seq", c.seq)
            w.field("at", c.at)
            w.endObject()
        }
        w.key("sent")
        w.beginArray()
        for (key, at) in ledger.sent.sorted(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
            w.beginArray()
            w.string(key)
            w.instant(at)
            w.endArray()
        }
        w.endArray()
        w.key("pending")
        w.beginArray()
        for p in ledger.pending {
            w.beginObject()
            w.field("key", p.key)
            w.field("at", p.at)
            w.field("payload", p.payload)
            w.key("attempts")
            w.beginObject()
            for (command, n) in p.attempts.sorted(by: { $0.key < $1.key }) { w.field(command, n) }
            w.endObject()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.bytes.append(0x0A)
        return w.bytes
    }

    /// The ledger, or a `JSONError` saying where it stopped making sense.
    public static func decode(_ bytes: [UInt8]) throws -> AlertLedger {
        try bytes.withUnsafeBytes { buf in
            var r = JSONReader(buf)
            var ledger = AlertLedger()
            try r.object { r, key in
                switch key {
                case "schema":
                    let v = try r.int()
                    guard v == schema else { throw r.error("schema \(v); this leadq reads schema \(schema)") }
                case "cursor": ledger.cursor = try cursor(&r)
                case "sent":
                    try r.array { r in
                        var key = ""
                        try r.expect(UInt8(ascii: "["))
                        key = try r.string()
                        try r.expect(UInt8(ascii: ","))
                        ledger.sent[key] = try r.instant()
                        try r.expect(UInt8(ascii: "]"))
                    }
                case "pending": try r.array { r in ledger.pending.append(try pending(&r)) }
                default: try r.skipValue()
                }
            }
            try r.finish()
            return ledger
        }
    }

    static func cursor(_ r: inout JSONReader) throws -> AlertCursor {
        var c = AlertCursor(seq: 0, at: Instant(seconds: 0))
        try r.object { r, k in
            switch k {
            case "seq": c.seq = try r.int()
            case "at": c.at = try r.instant()
            default: try r.skipValue()
            }
        }
        return c
    }

    static func pending(_ r: inout JSONReader) throws -> AlertLedger.PendingAlert {
        var p = AlertLedger.PendingAlert(key: "", at: Instant(seconds: 0), payload: "", attempts: [:])
        try r.object { r, k in
            switch k {
            case "key": p.key = try r.string()
            case "at": p.at = try r.instant()
            case "payload": p.payload = try r.string()
            case "attempts": try r.object { r, command in p.attempts[command] = try r.intValue() }
            default: try r.skipValue()
            }
        }
        guard !p.key.isEmpty else { throw r.error("a pending alert without a key") }
        return p
    }
}
