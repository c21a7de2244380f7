import LeadqDomain
import LeadqText

/// The lists of settings.json (reasons, team, scoring rules) and the checks across fields.
extension SettingsCodec {
    public static func reason(_ r: inout JSONReader, _ path: String) throws -> ReasonCode {
        var code = ""
        var label = ""
        var key = ""
        var note = false
        try members(&r, path) { r, k in
            switch k {
            case "code": code = try text(&r, "\(path).code")
            case "label": label = try text(&r, "\(path).label")
            case "key": key = try r.string()
            case "noteRequired": note = try r.bool()
            default: throw unknown("\(path).\(k)")
            }
        }
        guard !code.isEmpty else { throw FieldError(message: "'\(path).code' is missing") }
        // The console picks a reason by this key: it must be something a keyboard sends and a screen shows.
        guard key.count == 1, let ch = key.first, !ch.isWhitespace, !Width.isUnsafe(ch), Width.of(ch) > 0 else {
            throw FieldError(
                message:
                    "'\(path).key' must be one printable character (not a space or a control character), not \(shown(key))"
            )
        }
        return ReasonCode(code: code, label: label.isEmpty ? code : label, key: ch, noteRequired: note)
    }

    public static func rep(_ r: inout JSONReader, _ path: String) throws -> Rep {
        var rep = Rep(id: "", name: "")
        try members(&r, path) { r, k in
            switch k {
            case "id": rep.id = try text(&r, "\(path).id")
            case "name": rep.name = try text(&r, "\(path).name")
            case "team": rep.team = try text(&r, "\(path).team")
            case "role":
                let v = try r.string()
                guard let role = TeamRole(rawValue: v) else {
                    throw FieldError(
                        message:
                            "'\(path).role' must be one of \(TeamRole.allCases.map(\.rawValue).joined(separator: ", ")), not \(shown(v))"
                    )
                }
                rep.role = role
            case "away": rep.away = try r.bool()
            case "cap": rep.cap = r.null() ? nil : Int(try positive(&r, "\(path).cap", max: 1_000_000))
            case "timeZone": rep.timeZone = r.null() ? nil : try timeZone(&r, "\(path).timeZone")
            default: throw unknown("\(path).\(k)")
            }
        }
        guard !rep.id.isEmpty else { throw FieldError(message: "'\(path).id' is missing") }
        if rep.name.isEmpty { rep.name = rep.id }
        return rep
    }

    public static func scoringRule(_ r: inout JSONReader, _ path: String) throws -> ScoringRule {
        var rule = ScoringRule(label: "", field: .title, points: 0)
        var sawField = false
        try members(&r, path) { r, k in
            switch k {
            case "label": rule.label = try text(&r, "\(path).label")
            case "field":
                let v = try r.string()
                guard let f = ScoringRule.Field(rawValue: v) else {
                    throw FieldError(
                        message:
                            "'\(path).field' must be one of \(ScoringRule.Field.allCases.map(\.rawValue).joined(separator: ", ")), not \(shown(v))"
                    )
                }
                rule.field = f
                sawField = true
            case "anyOf": rule.anyOf = try terms(&r, "\(path).anyOf")
            case "atLeast": rule.atLeast = try nonNegative(&r, "\(path).atLeast")
            case "below": rule.below = try nonNegative(&r, "\(path).below")
            case "points": rule.points = try points(&r, "\(path).points")
            case "perCount": rule.perCount = try r.bool()
            case "maxPoints": rule.maxPoints = try nonNegative(&r, "\(path).maxPoints")
            default: throw unknown("\(path).\(k)")
            }
        }
        guard sawField, !rule.label.isEmpty else { throw FieldError(message: "'\(path)' needs a label and a field") }
        // A rule that can never match would sit in the catalog doing nothing, unnoticed.
        if rule.field != .companySize && rule.anyOf.isEmpty {
            throw FieldError(message: "'\(path).anyOf' must list at least one term for field \(rule.field.rawValue)")
        }
        if let lo = rule.atLeast, let hi = rule.below, lo >= hi {
            throw FieldError(message: "'\(path)' can never match: 'atLeast' \(lo) is not below 'below' \(hi)")
        }
        return rule
    }

    public static func validate(_ s: Settings) throws {
        var keys: [Character: String] = [:]
        var codes = Set<String>()
        for (i, r) in s.reasons.enumerated() {
            if let other = keys[r.key] {
                throw FieldError(message: "'reasons[\(i)].key' \(shown(String(r.key))) is already used by \(other)")
            }
            keys[r.key] = r.code
            guard codes.insert(r.code).inserted else {
                throw FieldError(message: "'reasons[\(i)].code' \(shown(r.code)) appears twice")
            }
        }
        try validateDispatch(s)
        var ids = Set<String>()
        for (i, rep) in s.reps.enumerated() where !ids.insert(rep.id).inserted {
            throw FieldError(message: "'team[\(i)].id' \(shown(rep.id)) appears twice")
        }
        // Strictly: a repeated day would put two steps of the cadence on the same day.
        if zip(s.followUpCadenceDays, s.followUpCadenceDays.dropFirst()).contains(where: { $0 >= $1 }) {
            throw FieldError(message: "'followUps.cadenceDays' must ascend, e.g. [1, 3, 7, 14]")
        }
        for m in s.ownerMap where !ids.contains(m.rep) {
            throw FieldError(message: "\(shown("ownerMap." + m.owner)) names \(shown(m.rep)), who is not in 'team'")
        }
        for (i, rule) in s.routing.enumerated() {
            switch rule.target {
            case .rep(let id) where !ids.contains(id):
                throw FieldError(message: "'routing[\(i)].to.rep' names \(shown(id)), who is not in 'team'")
            case .team(let t) where !s.reps.contains(where: { $0.team == t }):
                throw FieldError(message: "'routing[\(i)].to.team' names \(shown(t)), which has nobody in 'team'")
            default: break
            }
        }
    }
}
