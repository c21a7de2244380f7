/// A team's working week: the weekdays it works, from when to when (local time), and its holidays.
/// The SLA clocks count only this time when `sla.businessHours` is on, and follow-ups land in it.
public struct WorkingHours: Equatable, Sendable {
    /// Working weekdays, 1 = Monday … 7 = Sunday.
    public var days: Set<Int> = [1, 2, 3, 4, 5]
    /// Minutes after local midnight: work starts at `start` and stops at `end` (at most 24:00).
    public var start = 9 * 60
    public var end = 18 * 60
    /// Local dates off work, as days since 1970-01-01 (`CivilTime.days`).
    public var holidays: Set<Int64> = []

    public init() {}

    /// Working seconds in a full working day.
    public var dayLength: Int64 { Int64(end - start) * Span.minute }

    /// 1 = Monday … 7 = Sunday for a day number (1970-01-01 was a Thursday).
    public static func weekday(ofDay d: Int64) -> Int {
        Int(((d % 7) + 7 + 3) % 7) + 1
    }

    /// Whether the local date `d` is a working day.
    public func isWorkingDay(_ d: Int64) -> Bool {
        days.contains(WorkingHours.weekday(ofDay: d)) && !holidays.contains(d)
    }

    /// "09:00" for a minute of the day.
    public static func clock(_ minute: Int) -> String {
        let h = minute / 60
        let m = minute % 60
        return (h < 10 ? "0\(h)" : "\(h)") + ":" + (m < 10 ? "0\(m)" : "\(m)")
    }

    /// "mon"…"sun", the names settings.json writes.
    public static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
}

/// One person's working time: the team's working hours in their time zone. With `enabled` false
/// (the team turned business hours off) every second counts and nothing moves.
public struct WorkCalendar: Sendable {
    public let hours: WorkingHours
    public let zone: Zone
    public let enabled: Bool

    /// Past this many days a span's whole days are counted by weeks rather than one by one (each
    /// day asks the zone for its offsets twice): a running clock is recounted for every queue row
    /// each second. Whole days are the same either way, unless working hours cross a clock change.
    static let exactDays: Int64 = 7

    public init(hours: WorkingHours, zone: Zone, enabled: Bool = true) {
        (self.hours, self.zone, self.enabled) = (hours, zone, enabled && !hours.days.isEmpty && hours.end > hours.start)
    }

    /// Every second counts: business hours off.
    public static let always = WorkCalendar(hours: WorkingHours(), zone: .utc, enabled: false)

    /// The local date of `t`, as days since 1970-01-01.
    public func day(of t: Instant) -> Int64 {
        let c = zone.civil(t)
        return CivilTime.days(year: c.year, month: c.month, day: c.day)
    }

    /// The working interval of local date `d`, or nil on a day off.
    public func interval(ofDay d: Int64) -> (open: Instant, close: Instant)? {
        guard hours.isWorkingDay(d) else { return nil }
        let date = CivilTime(Instant(seconds: d * Span.day))
        func at(_ minute: Int) -> Instant {
            if minute >= 24 * 60 {
                let next = CivilTime(Instant(seconds: (d + 1) * Span.day))
                return zone.instant(CivilTime(year: next.year, month: next.month, day: next.day))
            }
            return zone.instant(
                CivilTime(year: date.year, month: date.month, day: date.day, hour: minute / 60, minute: minute % 60))
        }
        return (at(hours.start), at(hours.end))
    }

    public func isWorking(_ t: Instant) -> Bool {
        guard enabled else { return true }
        guard let i = interval(ofDay: day(of: t)) else { return false }
        return t >= i.open && t < i.close
    }

    /// `t` if it is working time, else the start of the next working time (a follow-up typed for
    /// Saturday lands on Monday morning).
    public func nextWorking(_ t: Instant) -> Instant {
        guard enabled else { return t }
        let first = day(of: t)
        for d in first...(first + 3_700) {
            guard let i = interval(ofDay: d), t < i.close else { continue }
            return max(t, i.open)
        }
        return t
    }

    /// The instant `seconds` of working time after `t`.
    public func adding(_ seconds: Int64, to t: Instant) -> Instant {
        guard enabled, seconds > 0, hours.dayLength > 0 else { return t.adding(seconds) ?? t }
        var left = seconds
        var d = day(of: t)
        let last = d + 3_700_000
        var cursor = t
        let perWeek = Int64(hours.days.count) * hours.dayLength
        while d <= last {
            if let i = interval(ofDay: d) {
                let s = max(i.open, cursor)
                if s < i.close {
                    if left <= i.close - s { return s + left }
                    left -= i.close - s
                }
            }
            d += 1
            cursor = Instant(seconds: Int64.min)
            // Whole weeks at once when much is left: each has the same working days.
            let weeks = left / perWeek - 1
            if left > WorkCalendar.exactDays * hours.dayLength, weeks > 0 {
                left -= weeks * perWeek - holidayTime(from: d, to: d + weeks * 7)
                d += weeks * 7
            }
        }
        return t.adding(seconds) ?? t
    }

    /// Working seconds from `a` to `b`; negative when `b` is before `a`.
    public func working(from a: Instant, to b: Instant) -> Int64 {
        guard enabled else { return b - a }
        if b < a { return -working(from: b, to: a) }
        let (da, db) = (day(of: a), day(of: b))
        var total: Int64 = 0
        var d = da
        if db - da > WorkCalendar.exactDays {
            // The whole days between the two ends, counted by weeks; the ends exactly.
            total += overlap(a, b, day: da)
            let (firstWhole, lastWhole) = (da + 1, db - 1)
            total += wholeDays(from: firstWhole, to: lastWhole)
            return total + overlap(a, b, day: db)
        }
        while d <= db {
            total += overlap(a, b, day: d)
            d += 1
        }
        return total
    }

    private func overlap(_ a: Instant, _ b: Instant, day d: Int64) -> Int64 {
        guard let i = interval(ofDay: d) else { return 0 }
        let s = max(a, i.open)
        let e = min(b, i.close)
        return e > s ? e - s : 0
    }

    /// Working time of the whole local days `from...to`, holidays off.
    private func wholeDays(from: Int64, to: Int64) -> Int64 {
        guard to >= from else { return 0 }
        let count = to - from + 1
        var workdays = count / 7 * Int64(hours.days.count)
        var d = from + count / 7 * 7
        while d <= to {
            if hours.days.contains(WorkingHours.weekday(ofDay: d)) { workdays += 1 }
            d += 1
        }
        return workdays * hours.dayLength - holidayTime(from: from, to: to + 1)
    }

    /// The working time holidays take out of the days `from..<to` (holidays on working weekdays).
    private func holidayTime(from: Int64, to: Int64) -> Int64 {
        let off = hours.holidays.filter {
            $0 >= from && $0 < to && hours.days.contains(WorkingHours.weekday(ofDay: $0))
        }
        return Int64(off.count) * hours.dayLength
    }
}
