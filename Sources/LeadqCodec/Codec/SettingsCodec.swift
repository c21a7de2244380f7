import LeadqDomain

/// settings.json: every default of domain.md, human-editable. Unknown keys are errors, so a typo
/// is reported rather than silently ignored.
public enum SettingsCodec {
    public static let schema = 1

    public static func encode(_ s: Settings) -> [UInt8] {
        var w = JSONWriter(capacity: 4096)
        w.beginObject()
        w.field("schema", schema)
        w.field("timeZone", s.timeZone)
        w.key("sla")
        w.beginObject()
        w.field("decisionHours", s.decisionSLAHours)
        w.field("firstTouchHotMinutes", s.firstTouchHotMinutes)
        w.field("firstTouchMinutes", s.firstTouchMinutes)
        writeClocks(s, &w)
        w.field("warnMinutes", s.dispatch.warnMinutes)
        w.endObject()
        writeWorkingHours(s, &w)
        writeRules(s, &w)
        writePlaybooks(s, &w)
        writeLists(s, &w)
        w.key("undo")
        w.beginObject()
        w.field("windowHours", s.undoWindowHours)
        w.endObject()
        w.key("console")
        w.beginObject()
        w.field("theme", s.theme)
        w.field("bellOnHot", s.bellOnHot)
        writeConsolePreferences(s.console, &w)
        w.endObject()
        w.key("store")
        w.beginObject()
        w.field("compactAfterEvents", s.compactAfterEvents)
        w.field("groupShared", s.groupShared)
        w.field("lockTimeoutSeconds", s.lockTimeoutSeconds)
        w.endObject()
        w.key("ownerMap")
        w.beginObject()
        for m in s.ownerMap { w.field(m.owner, m.rep) }
        w.endObject()
        writeRouting(s, &w)
        writeDispatch(s, &w)
        w.endObject()
        return JSONPretty.format(w.bytes)
    }

    /// Checks settings made in code (`leadq init`'s team) as settings.json would be read back,
    /// naming the field without a line: the text is generated, nobody wrote it.
    public static func check(_ settings: Settings, source: String) throws {
        _ = try decode(encode(settings), file: source, lines: false)
    }

    public static func decode(_ bytes: [UInt8], file: String) throws -> Settings {
        try decode(bytes, file: file, lines: true)
    }

    public static func decode(_ bytes: [UInt8], file: String, lines: Bool) throws -> Settings {
        // Editors on some systems start a UTF-8 file with a byte order mark; lines and columns count after it.
        let text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        do {
            return try text.withUnsafeBytes { buf -> Settings in
                var r = JSONReader(buf)
                var s = try read(&r)
                try r.finish()
                try validate(s)
                resolveZones(&s)
                return s
            }
        } catch let e as JSONError {
            let (line, col) = lineColumn(text, e.offset)
            throw SettingsError(file: file, message: "line \(line), column \(col): \(e.message)")
        } catch let e as FieldError {
            guard let at = e.offset, lines else { throw SettingsError(file: file, message: e.message) }
            throw SettingsError(file: file, message: "line \(lineColumn(text, at).0): \(e.message)")
        } catch let e as NewerSchema {
            throw SettingsError(
                file: file,
                message:
                    "written by a newer leadq (settings schema \(e.found)); this leadq reads schema \(schema): upgrade leadq"
            )
        }
    }

    /// About the whole file, so without a line.
    public struct NewerSchema: Error { var found: Int64 }

    public static func read(_ r: inout JSONReader) throws -> Settings {
        var s = Settings()
        var sawSchema = false
        try members(&r, "") { r, key in
            switch key {
            case "schema":
                let v = try r.int()
                guard v <= Int64(schema) else { throw NewerSchema(found: v) }
                guard v >= 1 else {
                    throw FieldError(
                        message: "'schema' must be \(schema) (this leadq writes schema \(schema)), not \(v)")
                }
                sawSchema = true
            case "timeZone": s.timeZone = try timeZone(&r)
            case "sla": try readSLA(&r, &s)
            case "scores": try readScores(&r, &s)
            case "clawback": try readClawback(&r, &s)
            case "workingHours": try readWorkingHours(&r, &s)
            case "nurture": try readNurture(&r, &s)
            case "playbooks":
                s.playbooks = []
                try elements(&r, "playbooks") { r, p in s.playbooks.append(try playbook(&r, p)) }
            case "followUps": try readFollowUps(&r, &s)
            case "reasons":
                s.reasons = []
                try elements(&r, "reasons") { r, p in s.reasons.append(try reason(&r, p)) }
                guard !s.reasons.isEmpty else { throw FieldError(message: "'reasons' must list at least one reason") }
            case "team":
                // Set once: each change of `reps` indexes the whole team again (200 reps: 20,000 inserts).
                var team: [Rep] = []
                try elements(&r, "team") { r, p in team.append(try rep(&r, p)) }
                s.reps = team
            case "scoring":
                s.scoring = []
                try elements(&r, "scoring") { r, p in s.scoring.append(try scoringRule(&r, p)) }
            case "undo": try readUndo(&r, &s)
            case "console": try readConsole(&r, &s)
            case "store": try readStore(&r, &s)
            case "ownerMap": try readOwnerMap(&r, &s)
            case "routing": try readRouting(&r, &s)
            case "notify": try readNotify(&r, &s)
            case "dispatch": try readDispatch(&r, &s)
            default:
                throw unknown(key)
            }
        }
        guard sawSchema else { throw FieldError(message: "missing 'schema' (this leadq writes schema \(schema))") }
        return s
    }

    public static func readSLA(_ r: inout JSONReader, _ s: inout Settings) throws {
        try members(&r, "sla") { r, k in
            switch k {
            case "decisionHours": s.decisionSLAHours = try positive(&r, "sla.decisionHours", max: 8_760)
            case "firstTouchHotMinutes":
                s.firstTouchHotMinutes = try positive(&r, "sla.firstTouchHotMinutes", max: 525_600)
            case "firstTouchMinutes": s.firstTouchMinutes = try positive(&r, "sla.firstTouchMinutes", max: 525_600)
            case "warnMinutes": s.dispatch.warnMinutes = try positive(&r, "sla.warnMinutes", max: 525_600)
            default: try readClock(k, &r, &s)
            }
        }
    }

    public static func readFollowUps(_ r: inout JSONReader, _ s: inout Settings) throws {
        try members(&r, "followUps") { r, k in
            switch k {
            case "cadenceDays":
                var days: [Int64] = []
                try elements(&r, "followUps.cadenceDays") { r, p in days.append(try positive(&r, p, max: 3_650)) }
                s.followUpCadenceDays = days
            case "recommendedAttempts":
                s.recommendedAttempts = Int(try positive(&r, "followUps.recommendedAttempts", max: 1_000))
            case "horizonDays": s.followUpHorizonDays = try positive(&r, "followUps.horizonDays", max: 36_500)
            default: throw unknown("followUps.\(k)")
            }
        }
    }

    public static func readConsole(_ r: inout JSONReader, _ s: inout Settings) throws {
        try members(&r, "console") { r, k in
            switch k {
            case "theme": s.theme = try text(&r, "console.theme")
            case "bellOnHot": s.bellOnHot = try r.bool()
            default: try readConsolePreference(k, &r, &s.console)
            }
        }
    }

    public static func readStore(_ r: inout JSONReader, _ s: inout Settings) throws {
        try members(&r, "store") { r, k in
            switch k {
            case "compactAfterEvents":
                s.compactAfterEvents = Int(try positive(&r, "store.compactAfterEvents", max: 1_000_000_000))
            case "groupShared": s.groupShared = try r.bool()
            case "lockTimeoutSeconds": s.lockTimeoutSeconds = try positive(&r, "store.lockTimeoutSeconds", max: 3_600)
            default: throw unknown("store.\(k)")
            }
        }
    }
}
