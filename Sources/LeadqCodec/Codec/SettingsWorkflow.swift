import LeadqDomain

/// The settings of the workflow's own rules: where clocks start and whether they count working
/// time, the working week, re-engagement from nurture, and playbooks.
extension SettingsCodec {
    static func writeClocks(_ s: Settings, _ w: inout JSONWriter) {
        w.field("firstTouchFrom", s.firstTouchFrom.rawValue)
        w.strings("outboundSources", s.outboundSources)
        w.field("poolHotMinutes", s.poolHotMinutes)
        w.field("businessHours", s.businessHours)
    }

    static func readClock(_ k: String, _ r: inout JSONReader, _ s: inout Settings) throws {
        switch k {
        case "firstTouchFrom":
            let v = try r.string()
            guard let from = ClockStart(rawValue: v) else {
                throw FieldError(message: "'sla.firstTouchFrom' must be inquiry or assignment, not \(shown(v))")
            }
            s.firstTouchFrom = from
        case "outboundSources": s.outboundSources = try terms(&r, "sla.outboundSources")
        case "poolHotMinutes": s.poolHotMinutes = try positive(&r, "sla.poolHotMinutes", max: 525_600)
        case "businessHours": s.businessHours = try r.bool()
        default: throw unknown("sla.\(k)")
        }
    }

    static func writeWorkingHours(_ s: Settings, _ w: inout JSONWriter) {
        let h = s.workingHours
        w.key("workingHours")
        w.beginObject()
        w.strings("days", h.days.sorted().map { WorkingHours.dayNames[$0 - 1] })
        w.field("start", WorkingHours.clock(h.start))
        w.field("end", WorkingHours.clock(h.end))
        w.strings("holidays", h.holidays.sorted().map { Instant(seconds: $0 * Span.day).date(utcOffset: 0) })
        w.endObject()
    }

    static func readWorkingHours(_ r: inout JSONReader, _ s: inout Settings) throws {
        try members(&r, "workingHours") { r, k in
            switch k {
            case "days":
                var days = Set<Int>()
                try elements(&r, "workingHours.days") { r, p in
                    let v = try r.string()
                    guard let i = WorkingHours.dayNames.firstIndex(of: v.lowercased()) else {
                        throw FieldError(
                            message: "'\(p)' must be one of mon, tue, wed, thu, fri, sat, sun, not \(shown(v))")
                    }
                    days.insert(i + 1)
                }
                guard !days.isEmpty else { throw FieldError(message: "'workingHours.days' must name at least one day") }
                s.workingHours.days = days
            case "start": s.workingHours.start = try clockMinute(&r, "workingHours.start", allowMidnightEnd: false)
            case "end": s.workingHours.end = try clockMinute(&r, "workingHours.end", allowMidnightEnd: true)
            case "holidays":
                var days = Set<Int64>()
                try elements(&r, "workingHours.holidays") { r, p in
                    let v = try r.string()
                    guard v.utf8.count == 10, let t = Instant(iso8601: v) else {
                        throw FieldError(message: "'\(p)' must be a date like 2026-12-25, not \(shown(v))")
                    }
                    days.insert(t.seconds / Span.day)
                }
                s.workingHours.holidays = days
            default: throw unknown("workingHours.\(k)")
            }
        }
        guard s.workingHours.start < s.workingHours.end else {
            throw FieldError(message: "'workingHours.start' must be before 'workingHours.end'")
        }
    }

    /// "09:00" as minutes after midnight; "24:00" only as an end.
    static func clockMinute(_ r: inout JSONReader, _ path: String, allowMidnightEnd: Bool) throws -> Int {
        let v = try r.string()
        let parts = v.split(separator: ":")
        if allowMidnightEnd && v == "24:00" { return 24 * 60 }
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
            (0..<24).contains(h), (0..<60).contains(m)
        else { throw FieldError(message: "'\(path)' must be a time like 09:00, not \(shown(v))") }
        return h * 60 + m
    }

    static func writeNurture(_ s: Settings, _ w: inout JSONWriter) {
        w.key("nurture")
        w.beginObject()
        w.key("releaseDays")
        w.beginArray()
        for d in s.nurtureReleaseDays { w.int(d) }
        w.endArray()
        w.field("toPreviousOwner", s.releaseToPreviousOwner)
        w.field("notNowRejections", s.notNowToNurture)
        w.field("releaseWhenHot", s.releaseWhenHot)
        w.endObject()
    }

    static func readNurture(_ r: inout JSONReader, _ s: inout Settings) throws {
        try members(&r, "nurture") { r, k in
            switch k {
            case "releaseDays":
                var days: [Int64] = []
                try elements(&r, "nurture.releaseDays") { r, p in days.append(try positive(&r, p, max: 3_650)) }
                if zip(days, days.dropFirst()).contains(where: { $0 >= $1 }) {
                    throw FieldError(message: "'nurture.releaseDays' must ascend, e.g. [30, 60, 90]")
                }
                s.nurtureReleaseDays = days
            case "toPreviousOwner": s.releaseToPreviousOwner = try r.bool()
            case "notNowRejections": s.notNowToNurture = try r.bool()
            case "releaseWhenHot": s.releaseWhenHot = try r.bool()
            default: throw unknown("nurture.\(k)")
            }
        }
    }

    /// A count from 0 to `max`.
    static func nonNegative(_ r: inout JSONReader, _ path: String, max: Int64) throws -> Int64 {
        let v = try r.int()
        guard v >= 0, v <= max else { throw FieldError(message: "'\(path)' must be 0 to \(max), not \(v)") }
        return v
    }
}
