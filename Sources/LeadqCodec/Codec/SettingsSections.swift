import LeadqDomain

/// settings.json's rule sections (scores, clawback, follow-ups, undo) and the team's lists
/// (reasons, team, scoring, owner map): written and read here, checked in SettingsCodec.
extension SettingsCodec {
    static func writeRules(_ s: Settings, _ w: inout JSONWriter) {
        w.key("scores")
        w.beginObject()
        w.field("hot", s.hotScore)
        w.field("nurtureBelow", s.nurtureBelowScore)
        w.endObject()
        w.key("clawback")
        w.beginObject()
        w.field("idleDays", s.clawbackIdleDays)
        w.field("warnDays", s.clawbackWarnDays)
        w.endObject()
        writeNurture(s, &w)
        w.key("followUps")
        w.beginObject()
        w.key("cadenceDays")
        w.beginArray()
        for d in s.followUpCadenceDays { w.int(d) }
        w.endArray()
        w.field("recommendedAttempts", s.recommendedAttempts)
        w.field("horizonDays", s.followUpHorizonDays)
        w.endObject()
    }

    static func writeLists(_ s: Settings, _ w: inout JSONWriter) {
        w.key("reasons")
        w.beginArray()
        for r in s.reasons {
            w.beginObject()
            w.field("code", r.code)
            w.field("label", r.label)
            w.field("key", String(r.key))
            if r.noteRequired { w.field("noteRequired", true) }
            w.endObject()
        }
        w.endArray()
        w.key("team")
        w.beginArray()
        for rep in s.reps {
            w.beginObject()
            w.field("id", rep.id)
            w.field("name", rep.name)
            if !rep.team.isEmpty { w.field("team", rep.team) }
            w.field("role", rep.role.rawValue)
            if rep.away { w.field("away", true) }
            if let c = rep.cap { w.field("cap", c) }
            if let z = rep.timeZone { w.field("timeZone", z) }
            w.endObject()
        }
        w.endArray()
        w.key("scoring")
        w.beginArray()
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
    }

    static func readScores(_ r: inout JSONReader, _ s: inout Settings) throws {
        try members(&r, "scores") { r, k in
            switch k {
            case "hot": s.hotScore = try score(&r, "scores.hot")
            case "nurtureBelow": s.nurtureBelowScore = try score(&r, "scores.nurtureBelow")
            default: throw unknown("scores.\(k)")
            }
        }
    }

    static func readClawback(_ r: inout JSONReader, _ s: inout Settings) throws {
        try members(&r, "clawback") { r, k in
            switch k {
            case "idleDays": s.clawbackIdleDays = try positive(&r, "clawback.idleDays", max: 3_650)
            case "warnDays": s.clawbackWarnDays = try nonNegative(&r, "clawback.warnDays", max: 3_650)
            default: throw unknown("clawback.\(k)")
            }
        }
    }

    static func readUndo(_ r: inout JSONReader, _ s: inout Settings) throws {
        try members(&r, "undo") { r, k in
            guard k == "windowHours" else { throw unknown("undo.\(k)") }
            s.undoWindowHours = try positive(&r, "undo.windowHours", max: 8_760)
        }
    }

    static func readOwnerMap(_ r: inout JSONReader, _ s: inout Settings) throws {
        s.ownerMap = []
        try members(&r, "ownerMap") { r, owner in
            s.ownerMap.append(
                OwnerMapping(owner: try printable(owner, "'ownerMap' key"), rep: try text(&r, join("ownerMap", owner))))
        }
    }
}
