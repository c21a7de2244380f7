import LeadqDomain

/// The stretch of time a report covers: `from` inclusive, `to` exclusive.
public struct ReportWindow: Equatable, Sendable {
    public var from: Instant
    public var to: Instant

    public init(from: Instant, to: Instant) { (self.from, self.to) = (from, to) }

    public func contains(_ t: Instant) -> Bool { t >= from && t < to }

    /// The period holding `now` and the `count - 1` before it: "the last 4 weeks" as people mean it
    /// (this week included, up to its end).
    public static func recent(_ count: Int, _ unit: PeriodUnit, now: Instant, utcOffset: (Instant) -> Int64)
        -> ReportWindow
    {
        let end = PeriodCalendar.start(of: unit, after: now, utcOffset: utcOffset)
        return ReportWindow(
            from: PeriodCalendar.start(of: unit, periodsBefore: max(0, count - 1), now, utcOffset: utcOffset), to: end)
    }
}

/// How cohorts are cut: calendar weeks (Monday first) or calendar months, in the viewer's time zone.
public enum PeriodUnit: String, CaseIterable, Sendable {
    case week, month
}

/// One cohort period: the leads created in `window` form its cohort.
public struct CohortPeriod: Equatable, Sendable {
    /// The local date the period starts on (`2026-11-16`); months as `2026-11`.
    public var label: String
    public var window: ReportWindow

    public init(label: String, window: ReportWindow) { (self.label, self.window) = (label, window) }

    /// Consecutive calendar periods covering `window`, the first and last cut to it. `utcOffset`
    /// gives the viewer's offset from UTC at an instant, so boundaries fall on local midnights
    /// even across a daylight-saving change.
    public static func split(_ window: ReportWindow, by unit: PeriodUnit, utcOffset: (Instant) -> Int64)
        -> [CohortPeriod]
    {
        var out: [CohortPeriod] = []
        var start = window.from
        while start < window.to {
            let next = min(window.to, PeriodCalendar.start(of: unit, after: start, utcOffset: utcOffset))
            out.append(
                CohortPeriod(
                    label: PeriodCalendar.label(start, unit: unit, utcOffset: utcOffset),
                    window: ReportWindow(from: start, to: next)))
            start = next
        }
        return out
    }
}

/// Local calendar boundaries for periods, without Foundation.
public enum PeriodCalendar {
    /// The start of the week (Monday 00:00 local) or month (the 1st, 00:00 local) holding `t`.
    public static func start(of unit: PeriodUnit, containing t: Instant, utcOffset: (Instant) -> Int64) -> Instant {
        let c = CivilTime(t, utcOffset: utcOffset(t))
        switch unit {
        case .week:
            let days = CivilTime.days(year: c.year, month: c.month, day: c.day)
            // 1970-01-01 was a Thursday: days + 3 is 0 on Mondays.
            let back = ((days + 3) % 7 + 7) % 7
            let monday = CivilTime(Instant(seconds: (days - back) * Span.day))
            return local(CivilTime(year: monday.year, month: monday.month, day: monday.day), utcOffset)
        case .month:
            return local(CivilTime(year: c.year, month: c.month, day: 1), utcOffset)
        }
    }

    /// The first period boundary strictly after `t`. A zone that skipped a whole day (Kiritimati on
    /// 1994-12-31) can put a boundary's local time before `t`: the next one is taken then, so the
    /// periods always move forward.
    public static func start(of unit: PeriodUnit, after t: Instant, utcOffset: (Instant) -> Int64) -> Instant {
        let b = start(of: unit, containing: t, utcOffset: utcOffset)
        var next = CivilTime(b, utcOffset: utcOffset(b))
        for _ in 0..<3 {
            next = following(next, unit)
            let candidate = local(next, utcOffset)
            if candidate > t { return candidate }
        }
        return t + Span.day
    }

    /// The civil date a period after `c`'s: a week on, or the 1st of the next month.
    static func following(_ c: CivilTime, _ unit: PeriodUnit) -> CivilTime {
        switch unit {
        case .week:
            let d = CivilTime(
                Instant(seconds: (CivilTime.days(year: c.year, month: c.month, day: c.day) + 7) * Span.day))
            return CivilTime(year: d.year, month: d.month, day: d.day)
        case .month:
            return c.month == 12
                ? CivilTime(year: c.year + 1, month: 1, day: 1) : CivilTime(year: c.year, month: c.month + 1, day: 1)
        }
    }

    /// The start of the period `count` periods before the one holding `t` (0 = that one).
    public static func start(of unit: PeriodUnit, periodsBefore count: Int, _ t: Instant, utcOffset: (Instant) -> Int64)
        -> Instant
    {
        var s = start(of: unit, containing: t, utcOffset: utcOffset)
        for _ in 0..<max(0, count) { s = start(of: unit, containing: s - 1, utcOffset: utcOffset) }
        return s
    }

    /// A whole month is named `2026-11`; anything else by the local date it starts on.
    static func label(_ t: Instant, unit: PeriodUnit, utcOffset: (Instant) -> Int64) -> String {
        let date = t.date(utcOffset: utcOffset(t))
        if unit == .month && start(of: .month, containing: t, utcOffset: utcOffset) == t {
            return String(date.prefix(7))
        }
        return date
    }

    /// A local wall-clock time as an instant, using the offset in force at that time.
    static func local(_ c: CivilTime, _ utcOffset: (Instant) -> Int64) -> Instant {
        let guess = c.instant(utcOffset: utcOffset(c.instant()))
        return c.instant(utcOffset: utcOffset(guess))
    }
}

/// Which reps and leads a report looks at. Empty means no restriction.
public struct ReportFilter: Equatable, Sendable {
    public var rep: String?
    public var team: String?
    /// Compared as `TextNormal.key`, so "Paid Search" matches "paid-search".
    public var source: String?

    public init(rep: String? = nil, team: String? = nil, source: String? = nil) {
        (self.rep, self.team, self.source) = (rep, team, source)
    }

    /// Whether the figures of rep `id` belong in the report.
    public func includes(rep id: String, _ settings: Settings) -> Bool {
        if let r = rep, r != id { return false }
        if let t = team, (settings.rep(id)?.team ?? "") != t { return false }
        return true
    }

    public var restrictsReps: Bool { rep != nil || team != nil }

    /// Whether a lead from source `s` belongs in the report.
    public func includes(source s: String) -> Bool {
        guard let f = source else { return true }
        return TextNormal.key(f) == TextNormal.key(s)
    }
}
