import LeadqDomain

/// One lead per snapshot line. The summary keys come first, in this order, so a scan can read
/// id, version, stage, owner and score without decoding the rest:
/// `{"id":"L-00042","v":125,"stage":"accepted","owner":"dana","score":87,"profile":{…},"history":[…],"crc":"…"}`
public enum LeadCodec {
    public static func encode(_ lead: Lead) -> [UInt8] {
        var w = JSONWriter(capacity: 512)
        w.beginObject()
        w.field("id", lead.id)
        w.field("v", lead.version)
        w.field("stage", lead.stage.rawValue)
        w.key("owner")
        if let o = lead.owner { w.string(o) } else { w.null() }
        w.field("score", lead.score)
        w.key("profile")
        ProfileCodec.write(lead.profile, &w)
        w.key("history")
        w.beginArray()
        for e in lead.history {
            w.beginObject()
            OpCodec.writeEntryFields(e, &w)
            w.endObject()
        }
        w.endArray()
        Checksummed.seal(&w)
        return w.bytes
    }

    /// The summary a scan reads from the start of a line.
    public struct Summary: Equatable, Sendable {
        public var id: String
        public var version: Int64
        public var stage: Stage
        public var owner: String?
        public var score: Int
    }

    public static func summary(of lead: Lead) -> Summary {
        Summary(id: lead.id, version: lead.version, stage: lead.stage, owner: lead.owner, score: lead.score)
    }

    public static func summary(_ r: inout JSONReader) throws -> Summary {
        var id: String?
        var v: Int64?
        var stage: Stage?
        var owner: String?
        var ownerSeen = false
        var score: Int?
        try r.expect(UInt8(ascii: "{"))
        var first = true
        while id == nil || v == nil || stage == nil || !ownerSeen || score == nil {
            if !first { try r.expect(UInt8(ascii: ",")) }
            first = false
            let key = try r.key()
            try r.expect(UInt8(ascii: ":"))
            switch key {
            case "id": id = try r.string()
            case "v": v = try r.int()
            case "stage": stage = try readStage(&r)
            case "owner":
                ownerSeen = true
                owner = r.null() ? nil : try r.string()
            case "score": score = try r.intValue()
            default: try r.skipValue()
            }
            if r.peek() == UInt8(ascii: "}") { break }
        }
        guard let id, let v, let stage, let score, ownerSeen else {
            throw r.error("lead record lacks id, v, stage, owner or score")
        }
        return Summary(id: id, version: v, stage: stage, owner: owner, score: score)
    }

    public static func readStage(_ r: inout JSONReader) throws -> Stage {
        let name = try r.key()
        guard let st = Names.stage(name) else { throw r.error("unknown stage '\(name.string)'") }
        return st
    }

    /// Decodes a whole lead and checks that its stored summary agrees with its history; of its
    /// profile only the `keeping` members (the others keep their defaults), and its history's
    /// notes only if `keeping` holds `.notes`.
    public static func decode(_ r: inout JSONReader, keeping: ProfileMembers = .all) throws -> Lead {
        var id: String?
        var v: Int64?
        var stage: Stage?
        var owner: String?
        var profile: Profile?
        var history: [Entry] = []
        let notes = keeping.contains(.notes)
        try r.members { r, key in
            switch key {
            case "id": id = try r.string()
            case "v": v = try r.int()
            case "stage": stage = try readStage(&r)
            case "owner": owner = r.null() ? nil : try r.string()
            case "profile": profile = try ProfileCodec.read(&r, keeping: keeping)
            case "history":
                try r.array { r in history.append(try OpCodec.readEntry(&r, keepingNotes: notes)) }
            default: try r.skipValue()
            }
        }
        guard let id, !id.isEmpty, let profile, let stage else {
            throw r.error("lead record lacks id, profile or stage")
        }
        let lead = Lead(id: id, profile: profile, history: history, version: v)
        guard lead.stage == stage, lead.owner == owner else {
            throw r.error(
                "lead \(id): stored stage/owner (\(stage.rawValue)/\(owner ?? "-")) disagree with its history (\(lead.stage.rawValue)/\(lead.owner ?? "-"))"
            )
        }
        return lead
    }

    /// Reads only the id and the profile of a lead record, skipping its history: for the profile index.
    public static func idAndProfile(_ r: inout JSONReader) throws -> (id: String, profile: Profile) {
        var id: String?
        var profile: Profile?
        try r.members { r, key in
            switch key {
            case "id": id = try r.string()
            case "profile": profile = try ProfileCodec.read(&r)
            default: try r.skipValue()
            }
        }
        guard let id, !id.isEmpty, let profile else { throw r.error("lead record lacks id or profile") }
        return (id, profile)
    }

    public static func decode(_ bytes: [UInt8]) throws -> Lead {
        try bytes.withUnsafeBytes { buf in
            var r = JSONReader(buf)
            let lead = try decode(&r)
            try r.finish()
            return lead
        }
    }
}
