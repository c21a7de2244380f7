import ArgumentParser
import LeadqApp
import LeadqDomain
import LeadqFormat

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
    @Flag(
        name: .long,
        help: "Only today's line: calls, connects, follow-ups done, hot leads touched in time (--rep for one rep).")
    var today = false

    func validate() throws {
        if rep == "" { throw ValidationError("--rep is empty: give a rep's id, or leave --rep out for every rep") }
        if today && (from != nil || to != nil || team != nil || source != nil || !section.isEmpty) {
            throw ValidationError("--today goes with --rep and --format json only")
        }
        for s in section where !ReportTables.sectionIDs.contains(s) {
            throw ValidationError(
                "unknown section '\(s)'; the sections are: \(ReportTables.sectionIDs.joined(separator: ", "))")
        }
    }

    func run() throws {
        try guarded {
            let ws = try CLIContext().workspace(storeOptions.store)
            let now = ws.now()
            if today {
                let day = try ws.today(rep: rep.flatMap(nonEmpty), at: now)
                Output.out(format == .json ? DayText.json(day) : DayText.line(day, who: rep, zone: ws.zone))
                return
            }
            let filter = ReportFilter(
                rep: rep.flatMap(nonEmpty), team: team.flatMap(nonEmpty), source: source.flatMap(nonEmpty))
            note(filter, ws.settings)
            let report = try ws.report(ReportRequest(from: from, to: to, unit: period, filter: filter), at: now)
            var tables = ReportTables.all(report)
            if !section.isEmpty { tables = tables.filter { section.contains($0.id) } }
            let heading = ReportOutput.Heading(report: report, unit: period, utcOffset: { ws.offset(at: $0) })
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
}
