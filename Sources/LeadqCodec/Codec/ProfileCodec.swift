import LeadqDomain

/// JSON for a lead's profile. Empty fields are left out to keep a 100k-lead store small.
public enum ProfileCodec {
    public static func write(_ p: Profile, _ w: inout JSONWriter) {
        w.beginObject()
        func opt(_ k: String, _ v: String) { if !v.isEmpty { w.field(k, v) } }
        opt("origin", p.origin)
        opt("originId", p.originId)
        opt("name", p.name)
        opt("company", p.company)
        opt("title", p.title)
        opt("email", p.email)
        opt("phone", p.phone)
        opt("country", p.country)
        opt("region", p.region)
        opt("industry", p.industry)
        if let n = p.companySize { w.field("companySize", n) }
        opt("source", p.source)
        opt("trigger", p.trigger)
        if !p.content.isEmpty { w.strings("content", p.content) }
        if !p.signals.isEmpty {
            w.key("signals")
            writeSignals(p.signals, &w)
        }
        if let s = p.sourceScore { w.field("sourceScore", s) }
        w.field("score", p.score)
        if !p.scoreParts.isEmpty {
            w.key("scoreParts")
            writeParts(p.scoreParts, &w)
        }
        if p.doNotContact { w.field("doNotContact", true) }
        if p.emailOptOut { w.field("emailOptOut", true) }
        if p.doNotCall { w.field("doNotCall", true) }
        opt("consentSource", p.consentSource)
        if p.consentAt.seconds != 0 { w.field("consentAt", p.consentAt) }
        opt("nextAction", p.nextAction)
        if !p.flags.isEmpty { w.strings("flags", p.flags) }
        if !p.extra.isEmpty {
            w.key("extra")
            writeAttributes(p.extra, &w)
        }
        w.field("createdAt", p.createdAt)
        w.endObject()
    }

    /// Reads a profile; `noting` is told the name of each member read (missing ones keep their defaults).
    public static func read(_ r: inout JSONReader, noting: ((String) -> Void)? = nil) throws -> Profile {
        var p = Profile()
        try r.members { r, key in
            noting?(key.string)
            try read(key, into: &p, &r)
        }
        guard (0...100).contains(p.score) else { throw r.error("score \(p.score) is outside 0-100") }
        return p
    }

    /// Reads only the `keeping` members of a profile, skipping the others' values unread (their
    /// syntax still checked): the rest keep their defaults.
    public static func read(_ r: inout JSONReader, keeping: ProfileMembers) throws -> Profile {
        if keeping.union(.notes) == .all { return try read(&r) }
        var p = Profile()
        try r.members { r, key in
            if let m = member(key), !keeping.contains(m) { return try r.skipValue() }
            try read(key, into: &p, &r)
        }
        guard (0...100).contains(p.score) else { throw r.error("score \(p.score) is outside 0-100") }
        return p
    }

    /// The member a key belongs to; nil for a key this version doesn't know (skipped either way).
    // Long because it is one case per key, grouped by the key's length: matched in one switch,
    // every key of every profile went down all twenty-seven names in turn.
    static func member(_ key: JSONKey) -> ProfileMembers? {
        switch key.length {
        case 4: return key.equals("name") ? .name : nil
        case 5:
            switch key {
            case "title": return .title
            case "email": return .email
            case "phone": return .phone
            case "score": return .score
            case "flags": return .flags
            case "extra": return .extra
            default: return nil
            }
        case 6:
            switch key {
            case "origin": return .origin
            case "region": return .region
            case "source": return .source
            default: return nil
            }
        case 7:
            switch key {
            case "company": return .company
            case "country": return .country
            case "trigger": return .trigger
            case "content": return .content
            case "signals": return .signals
            default: return nil
            }
        case 8:
            switch key {
            case "originId": return .originId
            case "industry": return .industry
            default: return nil
            }
        case 9:
            switch key {
            case "createdAt": return .createdAt
            case "doNotCall", "consentAt": return .consent
            default: return nil
            }
        case 10:
            switch key {
            case "scoreParts": return .scoreParts
            case "nextAction": return .nextAction
            default: return nil
            }
        case 11:
            switch key {
            case "companySize": return .companySize
            case "sourceScore": return .sourceScore
            case "emailOptOut": return .consent
            default: return nil
            }
        case 12: return key.equals("doNotContact") ? .consent : nil
        case 13: return key.equals("consentSource") ? .consent : nil
        case -1: return escapedMember(key)
        default: return nil
        }
    }

    /// A key written with an escape (no writer of leadq's does), matched name by name.
    private static func escapedMember(_ key: JSONKey) -> ProfileMembers? {
        switch key {
        case "origin": return .origin
        case "originId": return .originId
        case "name": return .name
        case "company": return .company
        case "title": return .title
        case "email": return .email
        case "phone": return .phone
        case "country": return .country
        case "region": return .region
        case "industry": return .industry
        case "companySize": return .companySize
        case "source": return .source
        case "trigger": return .trigger
        case "content": return .content
        case "signals": return .signals
        case "sourceScore": return .sourceScore
        case "score": return .score
        case "scoreParts": return .scoreParts
        case "doNotContact", "emailOptOut", "doNotCall", "consentSource", "consentAt": return .consent
        case "nextAction": return .nextAction
        case "flags": return .flags
        case "extra": return .extra
        case "createdAt": return .createdAt
        default: return nil
        }
    }

    private static func read(_ key: JSONKey, into p: inout Profile, _ r: inout JSONReader) throws {
        switch key {
        case "origin": p.origin = try r.string()
        case "originId": p.originId = try r.string()
        case "name": p.name = try r.string()
        case "company": p.company = try r.string()
        case "title": p.title = try r.string()
        case "email": p.email = try r.string()
        case "phone": p.phone = try r.string()
        case "country": p.country = try r.string()
        case "region": p.region = try r.string()
        case "industry": p.industry = try r.string()
        case "companySize": p.companySize = r.null() ? nil : try r.intValue()
        case "source": p.source = try r.string()
        case "trigger": p.trigger = try r.string()
        case "content": p.content = try r.stringArray()
        case "signals": p.signals = try readSignals(&r)
        case "sourceScore": p.sourceScore = r.null() ? nil : try r.intValue()
        case "score": p.score = try r.intValue()
        case "scoreParts": p.scoreParts = try readParts(&r)
        case "doNotContact": p.doNotContact = try r.bool()
        case "emailOptOut": p.emailOptOut = try r.bool()
        case "doNotCall": p.doNotCall = try r.bool()
        case "consentSource": p.consentSource = try r.string()
        case "consentAt": p.consentAt = try OpCodec.instant(&r)
        case "nextAction": p.nextAction = try r.string()
        case "flags": p.flags = try r.stringArray()
        case "extra": p.extra = try readAttributes(&r)
        case "createdAt": p.createdAt = try OpCodec.instant(&r)
        default: try r.skipValue()
        }
    }

    public static func writeSignals(_ signals: [Signal], _ w: inout JSONWriter) {
        w.beginObject()
        for s in signals { w.field(s.name, s.count) }
        w.endObject()
    }

    public static func readSignals(_ r: inout JSONReader) throws -> [Signal] {
        var out: [Signal] = []
        try r.object { r, name in out.append(Signal(name, try r.intValue())) }
        return out
    }

    public static func writeParts(_ parts: [ScorePart], _ w: inout JSONWriter) {
        w.beginArray()
        for part in parts {
            w.beginArray()
            w.string(part.label)
            w.int(part.points)
            w.endArray()
        }
        w.endArray()
    }

    public static func readParts(_ r: inout JSONReader) throws -> [ScorePart] {
        var out: [ScorePart] = []
        try r.array { r in
            var label = ""
            var points = 0
            var i = 0
            try r.array { r in
                if i == 0 {
                    label = try r.string()
                } else if i == 1 {
                    points = try r.intValue()
                } else {
                    throw r.error("a score part is [label, points]")
                }
                i += 1
            }
            out.append(ScorePart(label, points))
        }
        return out
    }

    public static func writeAttributes(_ attributes: [Attribute], _ w: inout JSONWriter) {
        w.beginArray()
        for a in attributes {
            w.beginArray()
            w.string(a.key)
            w.string(a.value)
            w.endArray()
        }
        w.endArray()
    }

    public static func readAttributes(_ r: inout JSONReader) throws -> [Attribute] {
        var out: [Attribute] = []
        try r.array { r in
            var kv: [String] = []
            try r.array { kv.append(try $0.string()) }
            guard kv.count == 2 else { throw r.error("an extra attribute is [name, value]") }
            out.append(Attribute(kv[0], kv[1]))
        }
        return out
    }
}
