/// Reads the times people type for follow-ups: `tomorrow`, `tmrw 14:00`, `today 16:30`, `fri`,
/// `next tue 10:00`, `in 2 days`, `+3d`, `+2h`, `+1w`, `+45m`, `-1d`, `3/12 10:00`, `2026-11-30`,
/// `2026-11-30 14:00`, `14:00` or `2pm` (today, or tomorrow if past). Dates without a time mean
/// 09:00 local.
///
/// Local times are read in `zone` with the offset of the date they name, so a daylight-saving change
/// in between doesn't move them. `+Nd` and `+Nw` are calendar days: the same wall-clock time N days
/// later (10:00 stays 10:00 across a change); `+Nh` and `+Nm` are elapsed time.
public enum DueDate {
    public static let defaultHour = 9

    /// Why a typed time can't be a follow-up's due time.
    public enum Problem: Error, Equatable, Sendable {
        case unreadable
        case past(Instant)
        /// Later than `limit`, the latest the settings (or the store's calendar) allow.
        case tooFar(limit: Instant)

        /// The reason, to follow the value: "is in the past (2026-11-22 10:00)".
        public func text(now: Instant, zone: Zone, settings: Settings) -> String {
            switch self {
            case .unreadable:
                return
                    "is not a time leadq understands (try tmrw 14:00, fri, next tue, in 2 days, +3d, 2026-11-30 14:00)"
            case .past(let t):
                return Instant.recordable.contains(t)
                    ? "is in the past (\(local(t, now: now, zone: zone)))" : "is in the past"
            case .tooFar(let limit):
                return
                    "is too far ahead: a follow-up can be due at most \(settings.followUpHorizonDays) days ahead (until \(local(limit, now: now, zone: zone)))"
            }
        }

        private func local(_ t: Instant, now: Instant, zone: Zone) -> String {
            let o = zone.offset(at: t)
            return "\(t.date(utcOffset: o)) \(t.clock(utcOffset: o))"
        }
    }

    /// What the CLI and the console do with a typed time: read it, then hold it to the rule.
    public static func read(
        _ text: String, now: Instant, zone: Zone, settings: Settings, order: DayMonthOrder = .dayMonth
    )
        -> Result<Instant, Problem>
    {
        guard let t = parse(text, now: now, zone: zone, order: order) else { return .failure(.unreadable) }
        if let p = check(t, now: now, settings: settings) { return .failure(p) }
        return .success(t)
    }

    /// The rule for a follow-up's due time, stated once (`Rules.decide` applies it too): not in the
    /// past (a minute's grace for the time it took to type), at most the settings' horizon ahead, and
    /// never past what the store can write back.
    public static func check(_ due: Instant, now: Instant, settings: Settings) -> Problem? {
        let earliest = max(now.adding(-Span.minute) ?? now, Instant.recordable.lowerBound)
        if due < earliest { return .past(due) }
        let limit = latest(now: now, settings: settings)
        if due > limit { return .tooFar(limit: limit) }
        return nil
    }

    /// The latest due time allowed at `now`.
    public static func latest(now: Instant, settings: Settings) -> Instant {
        min(now.adding(settings.followUpHorizonDays, times: Span.day), Instant.recordable.upperBound)
    }

    /// The instant `text` names, or nil if it names none. Lengths too large for any calendar come
    /// back saturated (far past `Instant.recordable`), for `check` to refuse, never overflowing.
    /// `order` says how `3/12` reads.
    public static func parse(_ text: String, now: Instant, zone: Zone, order: DayMonthOrder = .dayMonth) -> Instant? {
        let raw = Rules.trimmed(text)
        let t = raw.lowercased()
        // A clock the store can't record has no calendar to read against (and the CLI refuses it first).
        guard !t.isEmpty, Instant.recordable.contains(now) else { return nil }
        if t.hasPrefix("+") || t.hasPrefix("-") { return length(t, now: now, zone: zone) }
        if !t.contains(" "), let secs = timeOfDay(t) {
            let today = zone.civil(now)
            let later = local(today, secondsIntoDay: secs, zone)
            return later > now ? later : local(shifted(today, days: 1), secondsIntoDay: secs, zone)
        }
        if let t = words(t, now: now, zone: zone, order: order) { return t }
        return calendar(raw.uppercased(), zone: zone)
    }

    /// `+3d`, `-1d`, `+2h`, `+1w`, `+45m`.
    static func length(_ t: String, now: Instant, zone: Zone) -> Instant? {
        let sign: Int64 = t.hasPrefix("-") ? -1 : 1
        let digits = t.dropFirst().dropLast()
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        // More digits than Int64 holds is still a length, just one beyond every calendar.
        let n = Int64(digits).map { $0 * sign } ?? (sign > 0 ? .max : .min)
        guard n != 0 else { return nil }
        switch t.last {
        case "m": return now.adding(n, times: Span.minute)
        case "h": return now.adding(n, times: Span.hour)
        case "d": return days(n, from: now, zone: zone)
        case "w":
            let (weeks, overflow) = n.multipliedReportingOverflow(by: 7)
            return days(overflow ? n.signum() * .max : weeks, from: now, zone: zone)
        default: return nil
        }
    }

    /// The same wall-clock time `n` calendar days from `now`.
    static func days(_ n: Int64, from now: Instant, zone: Zone) -> Instant {
        let elapsed = now.adding(n, times: Span.day)
        // Far outside the calendar the store keeps, no daylight-saving hour matters; the check refuses it.
        guard let lo = Instant.recordable.lowerBound.adding(-2 * Span.day),
            let hi = Instant.recordable.upperBound.adding(2 * Span.day), (lo...hi).contains(elapsed)
        else { return elapsed }
        let c = zone.civil(now)
        return local(
            shifted(c, days: n),
            secondsIntoDay: Int64(c.hour) * Span.hour + Int64(c.minute) * Span.minute + Int64(c.second), zone)
    }

    /// `2026-11-30` (09:00 local), `2026-11-30 14:00` (local), or an ISO time naming its own offset.
    static func calendar(_ text: String, zone: Zone) -> Instant? {
        if text.utf8.count == 10, let date = Instant(iso8601: text) {
            return local(CivilTime(date), secondsIntoDay: Int64(defaultHour) * Span.hour, zone)
        }
        return zone.instant(iso8601: text)
    }

    static func local(_ day: CivilTime, secondsIntoDay secs: Int64, _ zone: Zone) -> Instant {
        let hour = Int(secs / Span.hour)
        let minute = Int(secs % Span.hour / Span.minute)
        let second = Int(secs % Span.minute)
        return zone.instant(
            CivilTime(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute, second: second))
    }

    /// The date `n` days after `c`'s (the time of day is dropped). Only called within a few thousand
    /// years of 1970, so the day arithmetic can't overflow.
    static func shifted(_ c: CivilTime, days n: Int64) -> CivilTime {
        CivilTime(Instant(seconds: (CivilTime.days(year: c.year, month: c.month, day: c.day) + n) * Span.day))
    }

    /// "14:00" → seconds after midnight.
    static func clockSeconds(_ s: String) -> Int64? {
        let hm = s.split(separator: ":")
        guard hm.count == 2, let h = Int64(hm[0]), let m = Int64(hm[1]), (0..<24).contains(h), (0..<60).contains(m),
            hm[1].count == 2
        else { return nil }
        return h * Span.hour + m * Span.minute
    }
}
