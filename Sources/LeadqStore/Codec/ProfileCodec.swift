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
            w.beginObject()
            for s in p.signals { w.field(s.name, s.count) }
            w.endObject()
        }
        if let s = p.sourceScore { w.field("sourceScore", s) }
        w.field("score", p.score)
        if !p.scoreParts.isEmpty {
            w.key("scoreParts")
            w.beginArray()
            for part in p.scoreParts {
                w.beginArray()
                w.string(part.label)
                w.int(part.points)
                w.endArray()
            }
            w.endArray()
        }
        if p.doNotContact { w.field("doNotContact", true) }
        opt("nextAction", p.nextAction)
        if !p.flags.isEmpty { w.strings("flags", p.flags) }
        if !p.extra.isEmpty {
            w.key("extra")
            w.beginArray()
            for a in p.extra {
                w.beginArray()
                w.string(a.key)
                w.string(a.value)
                w.endArray()
            }
            w.endArray()
        }
        w.field("createdAt", p.createdAt)
        w.endObject()
    }

    public static func read(_ r: inout JSONReader) throws -> Profile {
        var p = Profile()
        try r.object { r, key in
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
            case "signals":
                try r.object { r, name in p.signals.append(Signal(name, try r.intValue())) }
            case "sourceScore": p.sourceScore = r.null() ? nil : try r.intValue()
            case "score": p.score = try r.intValue()
            case "scoreParts":
                try r.array { r in
                    var label = ""
                    var points = 0
                    var i = 0
                    try r.array { r in
                        if i == 0 { label = try r.string() } else if i == 1 { points = try r.intValue() } else { throw r.error("a score part is [label, points]") }
                        i += 1
                    }
                    p.scoreParts.append(ScorePart(label, points))
                }
            case "doNotContact": p.doNotContact = try r.bool()
            case "nextAction": p.nextAction = try r.string()
            case "flags": p.flags = try r.stringArray()
            case "extra":
                try r.array { r in
                    var kv: [String] = []
                    try r.array { kv.append(try $0.string()) }
                    guard kv.count == 2 else { throw r.error("an extra attribute is [name, value]") }
                    p.extra.append(Attribute(kv[0], kv[1]))
                }
            case "createdAt": p.createdAt = try OpCodec.instant(&r)
            default: try r.skipValue()
            }
        }
        guard (0...100).contains(p.score) else { throw r.error("score \(p.score) is outside 0-100") }
        return p
    }
}
