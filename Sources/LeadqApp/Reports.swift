import LeadqDomain
import LeadqMetrics

/// What one part of a store's leads adds up to: the report's figures and a day's.
private struct StatsPart: Sendable {
    var report: ReportBuilder
    var day: DayFigures?
    /// Leads read since progress was last told.
    var unsaid = 0
}

/// The report a front end asks for: the window (as typed, in the viewer's zone), how it is cut,
/// whose figures.
public struct ReportRequest: Sendable {
    public var from: String?
    public var to: String?
    public var unit: PeriodUnit
    public var filter: ReportFilter

    public init(from: String? = nil, to: String? = nil, unit: PeriodUnit, filter: ReportFilter = ReportFilter()) {
        (self.from, self.to, self.unit, self.filter) = (from, to, unit, filter)
    }
}

extension Workspace {
    /// Every period is a column of figures: thousands of years of weeks would take minutes to say nothing.
    public static let maxReportPeriods: Int64 = 1_200

    /// The figures of every lead for `request`, as of `now`.
    public func report(_ request: ReportRequest, at now: Instant) throws -> Report {
        try figures(request, at: now, day: nil).report
    }

    /// The report and, from the same reading of the store, `day`'s figures (begun empty) for `rep`
    /// (nil: the team): the stats page shows both.
    /// `progress` hears how many more leads were read, now and then, from any thread.
    public func report(
        _ request: ReportRequest, at now: Instant, andDay day: DayFigures, of rep: String?,
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws -> (report: Report, day: DayFigures) {
        let f = try figures(request, at: now, day: (day, rep), progress: progress)
        return (f.report, f.day ?? day)
    }

    /// Every lead read once, in parts at the same time where the store can, each part adding up
    /// its own figures; the parts merged.
    private func figures(
        _ request: ReportRequest, at now: Instant, day: (empty: DayFigures, rep: String?)?,
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws -> (report: Report, day: DayFigures?) {
        let offset = { (t: Instant) in self.offset(at: t) }
        let window = try reportWindow(request, at: now)
        let builder = ReportBuilder(
            settings: settings, window: window,
            periods: CohortPeriod.split(window, by: request.unit, utcOffset: offset), now: now, filter: request.filter)
        let (settings, rep) = (settings, day?.rep)
        let empty = StatsPart(report: builder, day: day?.empty)
        let parts = try store.forEachLead(
            inParts: empty, naming: reps(request.filter, day: day), keeping: ReportBuilder.profileMembers(settings)
        ) { part, lead in
            part.day?.add(lead, rep: rep, now: now, settings: settings)
            part.report.add(lead)
            part.unsaid += 1
            // Often enough that the parts' untold remainders (four to sixteen parts a core) stay small.
            if part.unsaid == 1024, let progress {
                progress(part.unsaid)
                part.unsaid = 0
            }
        }
        var all = parts.first ?? empty
        for p in parts.dropFirst() {
            all.report.merge(p.report)
            if let d = p.day { all.day?.add(d) }
        }
        return (all.report.report(), all.day)
    }

    /// The reps whose leads are enough for figures about `filter`'s reps and `day`'s rep; nil: every lead.
    private func reps(_ filter: ReportFilter, day: (empty: DayFigures, rep: String?)?) -> [String]? {
        var names: [String]
        if let r = filter.rep {
            names = [r]
        } else if let t = filter.team {
            names = settings.reps.filter { $0.team == t }.map(\.id)
        } else {
            return nil
        }
        if let day {
            guard let r = day.rep else { return nil }
            names.append(r)
        }
        return names
    }

    /// The window `--from` to `--to` names; by default the current period and the three before it.
    public func reportWindow(_ request: ReportRequest, at now: Instant) throws -> ReportWindow {
        let (from, to, unit) = (request.from, request.to, request.unit)
        let offset = { (t: Instant) in self.offset(at: t) }
        let end =
            try to.map { try reportTime($0, flag: "--to", endOfDay: true) }
            ?? ReportWindow.recent(1, unit, now: now, utcOffset: offset).to
        let start =
            try from.map { try reportTime($0, flag: "--from", endOfDay: false) }
            ?? ReportWindow.recent(4, unit, now: end - 1, utcOffset: offset).from
        guard start < end else {
            let f = from.map { "--from \($0)" } ?? "the default start \(start.iso8601)"
            let t = to.map { "--to \($0)" } ?? "the default end \(end.iso8601)"
            throw BadInput("\(f) is not before \(t): the window would be empty")
        }
        let periods = (end - start) / (unit == .week ? 7 * Span.day : 28 * Span.day)
        if periods > Workspace.maxReportPeriods {
            let f = from.map { "--from \($0)" } ?? "the default start"
            let t = to.map { "--to \($0)" } ?? "the default end"
            let hint = unit == .week ? " or use --period month" : ""
            throw BadInput(
                "\(f) to \(t) is about \(periods) \(unit.rawValue)s; a report covers at most "
                    + "\(Workspace.maxReportPeriods) periods: narrow the window\(hint)")
        }
        return ReportWindow(from: start, to: end)
    }

    /// A date or time in the viewer's zone (unless it names one). A bare date given as the end
    /// means the end of that day, so `--to 2026-11-30` includes the 30th.
    func reportTime(_ text: String, flag: String, endOfDay: Bool) throws -> Instant {
        guard let guess = Instant(iso8601: text, defaultOffset: 0),
            let t = Instant(iso8601: text, defaultOffset: offset(at: guess)).flatMap({ g in
                Instant(iso8601: text, defaultOffset: offset(at: g))
            })
        else {
            throw BadInput("\(flag) '\(text)' is not a date like 2026-11-01 or a time like 2026-11-01T08:00")
        }
        try BadInput.requireRecordable(t, "\(flag) '\(text)'")
        guard endOfDay && text.utf8.count == 10 else { return t }
        let c = CivilTime(t, utcOffset: offset(at: t))
        let next = CivilTime(
            Instant(seconds: (CivilTime.days(year: c.year, month: c.month, day: c.day) + 1) * Span.day))
        let midnight = CivilTime(year: next.year, month: next.month, day: next.day)
        return midnight.instant(utcOffset: offset(at: midnight.instant(utcOffset: offset(at: t))))
    }
}
