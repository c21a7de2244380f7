import LeadqDomain

/// Routing rules: `{"name":"hot","when":{"scoreAtLeast":80,"country":["DE"]},"to":{"team":"emea"}}`;
/// `"to":"nurture"` sends matching leads to nurture.
public enum RoutingCodec {
    public typealias FieldError = SettingsCodec.FieldError

    public static func write(_ rule: RoutingRule, _ w: inout JSONWriter) {
        w.beginObject()
        w.field("name", rule.name)
        w.key("when")
        writeConditions(rule.when, &w)
        w.key("to")
        switch rule.target {
        case .rep(let id):
            w.beginObject()
            w.field("rep", id)
            w.endObject()
        case .team(let t):
            w.beginObject()
            w.field("team", t)
            w.endObject()
        case .nurture: w.string("nurture")
        }
        w.endObject()
    }

    /// `{"country":["DE"],"scoreAtLeast":80}`: the conditions of a routing rule or a playbook.
    public static func writeConditions(_ when: [RoutingRule.Condition], _ w: inout JSONWriter) {
        w.beginObject()
        for c in when {
            if let f = c.field { w.strings(f.rawValue, c.anyOf) }
            if let a = c.scoreAtLeast { w.field("scoreAtLeast", a) }
            if let b = c.scoreBelow { w.field("scoreBelow", b) }
        }
        w.endObject()
    }

    public static func read(_ r: inout JSONReader, _ path: String) throws -> RoutingRule {
        var rule = RoutingRule(name: "", when: [], target: .nurture)
        var sawTarget = false
        try SettingsCodec.members(&r, path) { r, k in
            switch k {
            case "name": rule.name = try SettingsCodec.text(&r, "\(path).name")
            case "when": rule.when = try conditions(&r, "\(path).when")
            case "to":
                sawTarget = true
                rule.target = try target(&r, "\(path).to")
            default: throw SettingsCodec.unknown("\(path).\(k)")
            }
        }
        guard !rule.name.isEmpty, sawTarget else { throw FieldError(message: "'\(path)' needs a name and a 'to'") }
        return rule
    }

    public static func conditions(_ r: inout JSONReader, _ path: String) throws -> [RoutingRule.Condition] {
        var when: [RoutingRule.Condition] = []
        var atLeast: Int?
        var below: Int?
        try SettingsCodec.members(&r, path) { r, field in
            switch field {
            case "scoreAtLeast":
                atLeast = try SettingsCodec.score(&r, "\(path).scoreAtLeast")
                when.append(.init(scoreAtLeast: atLeast))
            case "scoreBelow":
                below = try SettingsCodec.score(&r, "\(path).scoreBelow")
                when.append(.init(scoreBelow: below))
            default:
                guard let f = RoutingRule.Condition.Field(rawValue: field) else {
                    throw SettingsCodec.unknown("\(path).\(field)")
                }
                let terms = try SettingsCodec.terms(&r, "\(path).\(field)")
                guard !terms.isEmpty else {
                    throw FieldError(message: "'\(path).\(field)' must list at least one value")
                }
                when.append(.init(field: f, anyOf: terms))
            }
        }
        if let lo = atLeast, let hi = below, lo >= hi {
            throw FieldError(message: "'\(path)' can never match: 'scoreAtLeast' \(lo) is not below 'scoreBelow' \(hi)")
        }
        return when
    }

    public static func target(_ r: inout JSONReader, _ path: String) throws -> RoutingRule.Target {
        if r.peek() == UInt8(ascii: "\"") {
            let v = try r.string()
            guard v == "nurture" else {
                throw FieldError(
                    message:
                        "'\(path)' must be \"nurture\", {\"rep\": …} or {\"team\": …}, not \(SettingsCodec.shown(v))")
            }
            return .nurture
        }
        var targets: [RoutingRule.Target] = []
        try SettingsCodec.members(&r, path) { r, t in
            switch t {
            case "rep": targets.append(.rep(try SettingsCodec.text(&r, "\(path).rep")))
            case "team": targets.append(.team(try SettingsCodec.text(&r, "\(path).team")))
            default: throw SettingsCodec.unknown("\(path).\(t)")
            }
        }
        guard targets.count == 1 else {
            throw FieldError(message: "'\(path)' must name one rep or one team, as {\"rep\": …} or {\"team\": …}")
        }
        return targets[0]
    }
}
