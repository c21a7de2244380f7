import ArgumentParser
import LeadqApp
import LeadqDomain
import LeadqFormat
import LeadqMetrics
import LeadqStore

extension PeriodUnit: ExpressibleByArgument {}

enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
    case table, csv, json, markdown
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Figures for reps, managers and marketing: work, response times, SLA breaches, time in stage, rejection reasons, acceptance and cohort conversion.",
        discussion: """
            The window is --from (inclusive) to --to (exclusive; a bare date includes that day), in your time zone. \
            By default it is the current week (or month) and the three before it. Cohorts are cut by --period. \
            Definitions of every figure: see "Reports" in the README.
            """)
    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "Cohort periods: week (Monday first) or month.") var period: PeriodUnit = .week
    @Option(name: .long, help: "Start of the window: a date or time (2026-11-01, 2026-11-01T08:00).") var from: String?
    @Option(name: .long, help: "End of the window, exclusive; a bare date includes that whole day.") var to: String?
    @Option(name: .long, help: "Only this rep's figures (and the leads that passed through their queue).") var rep:
        String?
    @Option(name: .long, help: "Only the reps of this team.") var team: String?
    @Option(name: .long, help: "Only leads from this source (case and punctuation don't matter).") var source: String?
    @Option(name: .long, help: "table (aligned, for terminals), csv, json or markdown.") var format: ReportFormat =
        .table
    @Option(name: .long, help: "Only these sections (repeatable): \(ReportTables.sectionIDs.joined(separator: ", ")).")
    var section: [String] = []

    func validate() throws {
        if rep == "" { throw ValidationError("--rep is empty: give a rep's id, or leave --rep out for every rep") }
        for s in section where !ReportTables.sectionIDs.contains(s) {
            throw ValidationError(
                "unknown section '\(s)'; the sections are: \(ReportTables.sectionIDs.joined(separator: ", "))")
        }
    }

    func run() throws {
        try guarded {
            let ctx = CLIContext()
            let store = try ctx.workspace(storeOptions.store).store
            let now = try ctx.now()
            let offset = { (t: Instant) in ctx.utcOffset(at: t) }
            let window = try ReportCommand.window(from: from, to: to, unit: period, now: now, utcOffset: offset)
            let filter = ReportFilter(
                rep: rep.flatMap(nonEmpty), team: team.flatMap(nonEmpty), source: source.flatMap(nonEmpty))
            note(filter, store.settings)

            var builder = ReportBuilder(
                settings: store.settings, window: window,
                periods: CohortPeriod.split(window, by: period, utcOffset: offset), now: now, filter: filter)
            try store.forEachLead { builder.add($0) }
            let report = builder.report()
            var tables = ReportTables.all(report)
            if !section.isEmpty { tables = tables.filter { section.contains($0.id) } }

            let heading = ReportOutput.Heading(report: report, unit: period, utcOffset: offset)
            switch format {
            case .table: ReportOutput.table(tables, heading, width: Output.terminalWidth).forEach(Output.out)
            case .markdown: ReportOutput.markdown(tables, heading).forEach(Output.out)
            case .csv: ReportOutput.csv(tables).forEach(Output.out)
            case .json: Output.out(ReportOutput.json(tables, heading))
            }
        }
    }

    private func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }

    /// Filters naming nobody are not errors (a rep may have left), but say so.
    private func note(_ f: ReportFilter, _ settings: Settings) {
        if let r = f.rep, settings.rep(r) == nil { Output.err("leadq: note: '\(r)' is not on this store's team") }
        if let t = f.team, !settings.reps.contains(where: { $0.team == t }) {
            let teams = Set(settings.reps.map(\.team).filter { !$0.isEmpty }).sorted().joined(separator: ", ")
            Output.err("leadq: note: no rep is in team '\(t)' (teams: \(teams.isEmpty ? "none" : teams))")
        }
    }

    static let maxPeriods: Int64 = 1_200

    /// The report's window from the options; defaults to the current period and the three before it.
    static func window(from: String?, to: String?, unit: PeriodUnit, now: Instant, utcOffset: (Instant) -> Int64) throws
        -> ReportWindow
    {
        let end =
            try to.map { try parse($0, flag: "--to", endOfDay: true, utcOffset) }
            ?? ReportWindow.recent(1, unit, now: now, utcOffset: utcOffset).to
        let start =
            try from.map { try parse($0, flag: "--from", endOfDay: false, utcOffset) }
            ?? ReportWindow.recent(4, unit, now: end - 1, utcOffset: utcOffset).from
        guard start < end else {
            let f = from.map { "--from \($0)" } ?? "the default start \(start.iso8601)"
            let t = to.map { "--to \($0)" } ?? "the default end \(end.iso8601)"
            throw CLIError.usage("\(f) is not before \(t): the window would be empty")
        }
        // Every period is a column of figures: thousands of years of weeks would take minutes to say nothing.
        let periods = (end - start) / (unit == .week ? 7 * Span.day : 28 * Span.day)
        if periods > maxPeriods {
            let f = from.map { "--from \($0)" } ?? "the default start"
            let t = to.map { "--to \($0)" } ?? "the default end"
            throw CLIError.usage(
                "\(f) to \(t) is about \(periods) \(unit.rawValue)s; a report covers at most \(maxPeriods) periods: narrow the window\(unit == .week ? " or use --period month" : "")"
            )
        }
        return ReportWindow(from: start, to: end)
    }

    /// A date or time in the viewer's zone (unless it names one). A bare date given as the end
    /// means the end of that day, so `--to 2026-11-30` includes the 30th.
    static func parse(_ text: String, flag: String, endOfDay: Bool, _ utcOffset: (Instant) -> Int64) throws -> Instant {
        guard let guess = Instant(iso8601: text, defaultOffset: 0),
            let t = Instant(iso8601: text, defaultOffset: utcOffset(guess)).flatMap({ g in
                Instant(iso8601: text, defaultOffset: utcOffset(g))
            })
        else {
            throw CLIError.usage("\(flag) '\(text)' is not a date like 2026-11-01 or a time like 2026-11-01T08:00")
        }
        try BadInput.requireRecordable(t, "\(flag) '\(text)'")
        let bareDate = text.utf8.count == 10
        guard endOfDay && bareDate else { return t }
        let c = CivilTime(t, utcOffset: utcOffset(t))
        let next = CivilTime(
            Instant(seconds: (CivilTime.days(year: c.year, month: c.month, day: c.day) + 1) * Span.day))
        let midnight = CivilTime(year: next.year, month: next.month, day: next.day)
        return midnight.instant(utcOffset: utcOffset(midnight.instant(utcOffset: utcOffset(t))))
    }
}
