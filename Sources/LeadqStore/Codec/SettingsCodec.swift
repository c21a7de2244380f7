import LeadqDomain

/// An error in settings.json, naming the field by its path (`sla.decisionHours`, `reasons[3].key`).
public struct SettingsError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }
    public init(file: String, message: String) { (self.file, self.message) = (file, message) }
}

/// settings.json: every default of domain.md, human-editable. Unknown keys are errors, so a typo
/// is reported rather than silently ignored.
public enum SettingsCodec {
    public static let schema = 1

    public static func encode(_ s: Settings) -> [UInt8] {
        var w = JSONWriter(capacity: 4096)
        w.beginObject()
        w.field("schema", schema)
        w.field("timeZone", s.timeZone)
        w.key("sla"); w.beginObject()
        w.field("decisionHours", s.decisionSLAHours)
        w.field("firstTouchHotMinutes", s.firstTouchHotMinutes)
        w.field("firstTouchMinutes", s.firstTouchMinutes)
        w.endObject()
        w.key("scores"); w.beginObject()
        w.field("hot", s.hotScore)
        w.field("nurtureBelow", s.nurtureBelowScore)
        w.endObject()
        w.key("clawback"); w.beginObject()
        w.field("idleDays", s.clawbackIdleDays)
        w.endObject()
        w.key("followUps"); w.beginObject()
        w.key("cadenceDays"); w.beginArray(); for d in s.followUpCadenceDays { w.int(d) }; w.endArray()
        w.field("recommendedAttempts", s.recommendedAttempts)
        w.endObject()
        w.key("reasons"); w.beginArray()
        for r in s.reasons {
            w.beginObject()
            w.field("code", r.code)
            w.field("label", r.label)
            w.field("key", String(r.key))
            if r.noteRequired { w.field("noteRequired", true) }
            w.endObject()
        }
        w.endArray()
        w.key("team"); w.beginArray()
        for rep in s.reps {
            w.beginObject()
            w.field("id", rep.id)
            w.field("name", rep.name)
            if !rep.team.isEmpty { w.field("team", rep.team) }
            w.field("role", rep.role.rawValue)
            if rep.away { w.field("away", true) }
            if let c = rep.cap { w.field("cap", c) }
            w.endObject()
        }
        w.endArray()
        w.key("scoring"); w.beginArray()
        for rule in s.scoring {
            w.beginObject()
            w.field("label", rule.label)
            w.field("field", rule.field.rawValue)
            if !rule.anyOf.isEmpty { w.strings("anyOf", rule.anyOf) }
            if let a = rule.atLeast { w.field("atLeast", a) }
            if let b = rule.below { w.field("below", b) }
            w.field("points", rule.points)
            if rule.perCount { w.field("perCount", true) }
            if let m = rule.maxPoints { w.field("maxPoints", m) }
            w.endObject()
        }
        w.endArray()
        w.key("undo"); w.beginObject()
        w.field("windowHours", s.undoWindowHours)
        w.endObject()
        w.key("console"); w.beginObject()
        w.field("theme", s.theme)
        w.field("bellOnHot", s.bellOnHot)
        w.endObject()
        w.key("store"); w.beginObject()
        w.field("compactAfterEvents", s.compactAfterEvents)
        w.field("groupShared", s.groupShared)
        w.field("lockTimeoutSeconds", s.lockTimeoutSeconds)
        w.endObject()
        w.key("ownerMap"); w.beginObject()
        for m in s.ownerMap { w.field(m.owner, m.rep) }
        w.endObject()
        w.key("routing"); w.beginArray()
        for rule in s.routing { RoutingCodec.write(rule, &w) }
        w.endArray()
        w.endObject()
        return JSONPretty.format(w.bytes)
    }

    public static func decode(_ bytes: [UInt8], file: String) throws -> Settings {
        do {
            return try bytes.withUnsafeBytes { buf -> Settings in
                var r = JSONReader(buf)
                let s = try read(&r)
                try r.finish()
                try validate(s)
                return s
            }
        } catch let e as JSONError {
            let (line, col) = lineColumn(bytes, e.offset)
            throw SettingsError(file: file, message: "line \(line), column \(col): \(e.message)")
        } catch let e as FieldError {
            throw SettingsError(file: file, message: e.message)
        }
    }

    struct FieldError: Error { var message: String }

    static func lineColumn(_ bytes: [UInt8], _ offset: Int) -> (Int, Int) {
        var line = 1, col = 1
        for b in bytes.prefix(offset) {
            if b == 0x0A { line += 1; col = 1 } else if b & 0xC0 != 0x80 { col += 1 }
        }
        return (line, col)
    }

    static func unknown(_ path: String) -> FieldError { FieldError(message: "unknown key '\(path)'") }

    /// A count above 0 and at most `max`. The bounds keep clock arithmetic (days × 86,400 s and the
    /// like) far from overflow, which would stop every command that shows an SLA.
    static func positive(_ r: inout JSONReader, _ path: String, max: Int64) throws -> Int64 {
        let v = try r.int()
        guard v > 0 else { throw FieldError(message: "'\(path)' must be above 0, not \(v)") }
        guard v <= max else { throw FieldError(message: "'\(path)' must be at most \(max), not \(v)") }
        return v
    }

    /// Points of a scoring rule: scores are 0-100, so a rule never needs more than a thousand either way.
    static func points(_ r: inout JSONReader, _ path: String) throws -> Int {
        let v = try r.intValue()
        guard (-1000...1000).contains(v) else { throw FieldError(message: "'\(path)' must be between -1000 and 1000, not \(v)") }
        return v
    }

    static func score(_ r: inout JSONReader, _ path: String) throws -> Int {
        let v = try r.intValue()
        guard (0...100).contains(v) else { throw FieldError(message: "'\(path)' must be a score 0-100, not \(v)") }
        return v
    }

    static func read(_ r: inout JSONReader) throws -> Settings {
        var s = Settings()
        var sawSchema = false
        try r.object { r, key in
            switch key {
            case "schema":
                let v = try r.int()
                guard v <= Int64(schema) else {
                    throw FieldError(message: "written by a newer leadq (settings schema \(v)); this leadq reads schema \(schema): upgrade leadq")
                }
                sawSchema = true
            case "timeZone": s.timeZone = try timeZone(&r)
            case "sla":
                try r.object { r, k in
                    switch k {
                    case "decisionHours": s.decisionSLAHours = try positive(&r, "sla.decisionHours", max: 8_760)
                    case "firstTouchHotMinutes": s.firstTouchHotMinutes = try positive(&r, "sla.firstTouchHotMinutes", max: 525_600)
                    case "firstTouchMinutes": s.firstTouchMinutes = try positive(&r, "sla.firstTouchMinutes", max: 525_600)
                    default: throw unknown("sla.\(k)")
                    }
                }
            case "scores":
                try r.object { r, k in
                    switch k {
                    case "hot": s.hotScore = try score(&r, "scores.hot")
                    case "nurtureBelow": s.nurtureBelowScore = try score(&r, "scores.nurtureBelow")
                    default: throw unknown("scores.\(k)")
                    }
                }
            case "clawback":
                try r.object { r, k in
                    guard k == "idleDays" else { throw unknown("clawback.\(k)") }
                    s.clawbackIdleDays = try positive(&r, "clawback.idleDays", max: 3_650)
                }
            case "followUps":
                try r.object { r, k in
                    switch k {
                    case "cadenceDays":
                        var days: [Int64] = []
                        try r.array { r in days.append(try positive(&r, "followUps.cadenceDays[\(days.count)]", max: 3_650)) }
                        s.followUpCadenceDays = days
                    case "recommendedAttempts": s.recommendedAttempts = Int(try positive(&r, "followUps.recommendedAttempts", max: 1_000))
                    default: throw unknown("followUps.\(k)")
                    }
                }
            case "reasons":
                s.reasons = []
                try r.array { r in s.reasons.append(try reason(&r, "reasons[\(s.reasons.count)]")) }
            case "team":
                s.reps = []
                try r.array { r in s.reps.append(try rep(&r, "team[\(s.reps.count)]")) }
            case "scoring":
                s.scoring = []
                try r.array { r in s.scoring.append(try scoringRule(&r, "scoring[\(s.scoring.count)]")) }
            case "undo":
                try r.object { r, k in
                    guard k == "windowHours" else { throw unknown("undo.\(k)") }
                    s.undoWindowHours = try positive(&r, "undo.windowHours", max: 8_760)
                }
            case "console":
                try r.object { r, k in
                    switch k {
                    case "theme": s.theme = try r.string()
                    case "bellOnHot": s.bellOnHot = try r.bool()
                    default: throw unknown("console.\(k)")
                    }
                }
            case "store":
                try r.object { r, k in
                    switch k {
                    case "compactAfterEvents": s.compactAfterEvents = Int(try positive(&r, "store.compactAfterEvents", max: 1_000_000_000))
                    case "groupShared": s.groupShared = try r.bool()
                    case "lockTimeoutSeconds": s.lockTimeoutSeconds = try positive(&r, "store.lockTimeoutSeconds", max: 3_600)
                    default: throw unknown("store.\(k)")
                    }
                }
            case "ownerMap":
                s.ownerMap = []
                try r.object { r, owner in s.ownerMap.append(OwnerMapping(owner: owner, rep: try r.string())) }
            case "routing":
                s.routing = []
                try r.array { r in s.routing.append(try RoutingCodec.read(&r, "routing[\(s.routing.count)]")) }
            default:
                throw unknown(key)
            }
        }
        guard sawSchema else { throw FieldError(message: "missing 'schema' (this leadq writes schema \(schema))") }
        return s
    }

    static func reason(_ r: inout JSONReader, _ path: String) throws -> ReasonCode {
        var code = "", label = "", key = "", note = false
        try r.object { r, k in
            switch k {
            case "code": code = try r.string()
            case "label": label = try r.string()
            case "key": key = try r.string()
            case "noteRequired": note = try r.bool()
            default: throw unknown("\(path).\(k)")
            }
        }
        guard !code.isEmpty else { throw FieldError(message: "'\(path).code' is missing") }
        guard key.count == 1, let ch = key.first, !ch.isWhitespace else {
            throw FieldError(message: "'\(path).key' must be one character, not '\(key)'")
        }
        return ReasonCode(code: code, label: label.isEmpty ? code : label, key: ch, noteRequired: note)
    }

    static func rep(_ r: inout JSONReader, _ path: String) throws -> Rep {
        var rep = Rep(id: "", name: "")
        try r.object { r, k in
            switch k {
            case "id": rep.id = try r.string()
            case "name": rep.name = try r.string()
            case "team": rep.team = try r.string()
            case "role":
                let v = try r.string()
                guard let role = TeamRole(rawValue: v) else {
                    throw FieldError(message: "'\(path).role' must be one of \(TeamRole.allCases.map(\.rawValue).joined(separator: ", ")), not '\(v)'")
                }
                rep.role = role
            case "away": rep.away = try r.bool()
            case "cap": rep.cap = r.null() ? nil : Int(try positive(&r, "\(path).cap", max: 1_000_000))
            default: throw unknown("\(path).\(k)")
            }
        }
        guard !rep.id.isEmpty else { throw FieldError(message: "'\(path).id' is missing") }
        if rep.name.isEmpty { rep.name = rep.id }
        return rep
    }

    static func scoringRule(_ r: inout JSONReader, _ path: String) throws -> ScoringRule {
        var rule = ScoringRule(label: "", field: .title, points: 0)
        var sawField = false
        try r.object { r, k in
            switch k {
            case "label": rule.label = try r.string()
            case "field":
                let v = try r.string()
                guard let f = ScoringRule.Field(rawValue: v) else {
                    throw FieldError(message: "'\(path).field' must be one of \(ScoringRule.Field.allCases.map(\.rawValue).joined(separator: ", ")), not '\(v)'")
                }
                rule.field = f
                sawField = true
            case "anyOf": rule.anyOf = try r.stringArray()
            case "atLeast": rule.atLeast = try r.intValue()
            case "below": rule.below = try r.intValue()
            case "points": rule.points = try points(&r, "\(path).points")
            case "perCount": rule.perCount = try r.bool()
            case "maxPoints": rule.maxPoints = try points(&r, "\(path).maxPoints")
            default: throw unknown("\(path).\(k)")
            }
        }
        guard sawField, !rule.label.isEmpty else { throw FieldError(message: "'\(path)' needs a label and a field") }
        return rule
    }

    static func validate(_ s: Settings) throws {
        var keys: [Character: String] = [:]
        var codes = Set<String>()
        for (i, r) in s.reasons.enumerated() {
            if let other = keys[r.key] { throw FieldError(message: "'reasons[\(i)].key' '\(r.key)' is already used by \(other)") }
            keys[r.key] = r.code
            guard codes.insert(r.code).inserted else { throw FieldError(message: "'reasons[\(i)].code' '\(r.code)' appears twice") }
        }
        var ids = Set<String>()
        for (i, rep) in s.reps.enumerated() where !ids.insert(rep.id).inserted {
            throw FieldError(message: "'team[\(i)].id' '\(rep.id)' appears twice")
        }
        if s.followUpCadenceDays != s.followUpCadenceDays.sorted() {
            throw FieldError(message: "'followUps.cadenceDays' must ascend, e.g. [1, 3, 7, 14]")
        }
        for m in s.ownerMap where !ids.contains(m.rep) {
            throw FieldError(message: "'ownerMap.\(m.owner)' names '\(m.rep)', who is not in 'team'")
        }
        for (i, rule) in s.routing.enumerated() {
            switch rule.target {
            case .rep(let id) where !ids.contains(id):
                throw FieldError(message: "'routing[\(i)].to.rep' names '\(id)', who is not in 'team'")
            case .team(let t) where !s.reps.contains(where: { $0.team == t }):
                throw FieldError(message: "'routing[\(i)].to.team' names '\(t)', which has nobody in 'team'")
            default: break
            }
        }
    }
}

/// Routing rules: `{"name":"hot","when":{"scoreAtLeast":80,"country":["DE"]},"to":{"team":"emea"}}`;
/// `"to":"nurture"` sends matching leads to nurture.
enum RoutingCodec {
    static func write(_ rule: RoutingRule, _ w: inout JSONWriter) {
        w.beginObject()
        w.field("name", rule.name)
        w.key("when"); w.beginObject()
        for c in rule.when {
            if let f = c.field { w.strings(f.rawValue, c.anyOf) }
            if let a = c.scoreAtLeast { w.field("scoreAtLeast", a) }
            if let b = c.scoreBelow { w.field("scoreBelow", b) }
        }
        w.endObject()
        w.key("to")
        switch rule.target {
        case .rep(let id): w.beginObject(); w.field("rep", id); w.endObject()
        case .team(let t): w.beginObject(); w.field("team", t); w.endObject()
        case .nurture: w.string("nurture")
        }
        w.endObject()
    }

    static func read(_ r: inout JSONReader, _ path: String) throws -> RoutingRule {
        var rule = RoutingRule(name: "", when: [], target: .nurture)
        var sawTarget = false
        try r.object { r, k in
            switch k {
            case "name": rule.name = try r.string()
            case "when":
                try r.object { r, field in
                    switch field {
                    case "scoreAtLeast": rule.when.append(.init(scoreAtLeast: try SettingsCodec.score(&r, "\(path).when.scoreAtLeast")))
                    case "scoreBelow": rule.when.append(.init(scoreBelow: try SettingsCodec.score(&r, "\(path).when.scoreBelow")))
                    default:
                        guard let f = RoutingRule.Condition.Field(rawValue: field) else { throw SettingsCodec.unknown("\(path).when.\(field)") }
                        rule.when.append(.init(field: f, anyOf: try r.stringArray()))
                    }
                }
            case "to":
                sawTarget = true
                if r.peek() == UInt8(ascii: "\"") {
                    let v = try r.string()
                    guard v == "nurture" else { throw SettingsCodec.FieldError(message: "'\(path).to' must be \"nurture\", {\"rep\": …} or {\"team\": …}, not '\(v)'") }
                    rule.target = .nurture
                } else {
                    try r.object { r, t in
                        switch t {
                        case "rep": rule.target = .rep(try r.string())
                        case "team": rule.target = .team(try r.string())
                        default: throw SettingsCodec.unknown("\(path).to.\(t)")
                        }
                    }
                }
            default: throw SettingsCodec.unknown("\(path).\(k)")
            }
        }
        guard !rule.name.isEmpty, sawTarget else { throw SettingsCodec.FieldError(message: "'\(path)' needs a name and a 'to'") }
        return rule
    }
}
