import LeadqDomain

/// A time as a rep reads it, in their zone: "today 14:30", "tomorrow 09:00", "Thu 26 Nov 09:00",
/// "Mon 4 Jan 2027 09:00".
public enum When {
    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    public static func text(_ t: Instant, now: Instant, zone: Zone) -> String {
        let c = zone.civil(t)
        let clock = t.clock(utcOffset: zone.offset(at: t))
        let days = dayNumber(c) - dayNumber(zone.civil(now))
        switch days {
        case 0: return "today \(clock)"
        case 1: return "tomorrow \(clock)"
        case -1: return "yesterday \(clock)"
        default: return "\(date(c, now: zone.civil(now))) \(clock)"
        }
    }

    /// "Thu 26 Nov", with the year when it isn't `now`'s.
    public static func date(_ c: CivilTime, now: CivilTime) -> String {
        let weekday = weekdayNames[Int((dayNumber(c) % 7 + 7 + 3) % 7)]
        let year = c.year == now.year ? "" : " \(c.year)"
        return "\(weekday) \(c.day) \(monthNames[c.month - 1])\(year)"
    }

    /// The full form the follow-up dialog previews: "Thu 26 Nov 09:00 (2026-11-26)".
    public static func preview(_ t: Instant, now: Instant, zone: Zone) -> String {
        let c = zone.civil(t)
        let clock = t.clock(utcOffset: zone.offset(at: t))
        return "\(date(c, now: zone.civil(now))) \(clock) · \(t.date(utcOffset: zone.offset(at: t)))"
    }

    static func dayNumber(_ c: CivilTime) -> Int64 { CivilTime.days(year: c.year, month: c.month, day: c.day) }
}
