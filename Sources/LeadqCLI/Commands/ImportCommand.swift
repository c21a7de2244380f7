import ArgumentParser
import Foundation
import LeadqApp
import LeadqDomain
import LeadqFormat

extension SourceFormat: ExpressibleByArgument {}
extension DateOrder: ExpressibleByArgument {}
extension TextEncoding: ExpressibleByArgument {}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import leads from a Salesforce, HubSpot or Odoo CSV export, or leadq JSON Lines.",
        discussion: """
            The format is recognised from the header (--format forces it). Leads are keyed by their source system and id: \
            importing the same file again changes nothing, and a later export changes only the fields it has a value for \
            (an empty cell or a missing key changes nothing; --clear-empty makes an empty cell clear its field), without \
            touching the reps' work. A file with bad rows imports nothing and lists every bad row; --skip-bad imports the good rows and \
            writes the bad ones to a rejects file. Owners map to reps through `ownerMap` in settings.json (an unknown owner \
            leaves the lead unassigned). Imports run as a manager (--rep): they create leads and assign them.
            """)
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var repOptions: RepOptions
    @OptionGroup var output: JSONOption
    @Argument(help: "The export file (CSV or .jsonl).") var file: String
    @Option(name: .long, help: "salesforce, hubspot, odoo or jsonl (default: recognised from the file).") var format:
        SourceFormat?
    @Option(
        name: .long, parsing: .singleValue,
        help: "COLUMN=FIELD: read a column as a leadq field (or `extra`, `ignore`); repeatable.") var map: [String] = []
    @Option(name: .long, help: "How slashed dates are written: dmy or mdy (default: what the file shows).")
    var dateOrder: DateOrder?
    @Flag(
        name: .long, help: "An empty cell (or empty JSON value) clears the lead's field; by default it changes nothing."
    ) var clearEmpty = false
    @Option(
        name: .long,
        help: "The file's encoding when it has no byte-order mark: utf-8 (default), windows-1252 or iso-8859-1.")
    var encoding: TextEncoding = .utf8
    @Option(
        name: .long,
        help:
            "The time zone of the times the file writes without one, e.g. Europe/Berlin (default: the settings' timeZone)."
    ) var timezone: String?
    @Flag(name: .long, help: "Import the good rows and write the bad ones to the rejects file.") var skipBad = false
    @Option(
        name: .long, help: "Where --skip-bad writes the bad rows (default: leads.csv → leads.rejects.csv, next to it).")
    var rejects: String?
    @Flag(name: .long, help: "Show what would change (new, updated, unchanged, flagged, bad); save nothing.")
    var dryRun = false

    func run() throws {
        try ioGuarded {
            let ctx = CLIContext()
            let ws = try ctx.workspace(storeOptions.store, rep: repOptions.rep)
            let options = try ws.importOptions(
                format: format, map: map, dateOrder: dateOrder, clearEmpty: clearEmpty, encoding: encoding,
                timezone: timezone)
            try ws.requireImporter(dryRun: dryRun)
            var bar = ProgressBar()
            var clock = PhaseClock(enabled: ctx.environment["LEADQ_TIMING"] == "1")
            let name = (file as NSString).lastPathComponent
            var rows = try ws.readImport(path: file, file: file, bytes: { try readInput(file) }, options: options) {
                done, total in
                bar.update("Reading \(name)", done, total)
            }
            let goodRows = rows.goodCount
            bar.finish()
            clock.mark("read and check \(goodRows + rows.bad.count) rows")
            if !rows.bad.isEmpty && !skipBad {
                report(rows, nil, refused: [], saved: false, rejectsPath: nil, good: rows.goodCount)
                throw ExitCodeError(Exit.usage)
            }
            let rejects = try openRejects(rows, ws)
            bar.status("Checking \(goodRows) rows against the store…")
            let saved = try ws.saveImport(&rows, dryRun: dryRun) {
                clock.mark("index the store's \(ws.store.leadCount) leads")
                bar.status(dryRun ? "Planning…" : "Saving…")
            }
            bar.finish()
            clock.mark(dryRun ? "plan" : "plan and save (one transaction)")
            let (written, unwritten) = write(rejects, bad: rows.bad.count)
            report(
                rows, saved.result.plan, refused: saved.result.refused, saved: !dryRun, rejectsPath: written,
                good: goodRows, released: saved.released, outcomes: saved.result, routed: saved.routed)
            if !dryRun, let events = ws.compactAfterImport(), !output.json {
                Output.out(
                    "Compacting the store's \(events) new events into a snapshot in the background, so other commands open fast"
                )
            }
            // The process ends here: freeing 100,000 leads one by one would only delay the prompt.
            ImportCommand.keptUntilExit = (ws, saved.events)
            if let unwritten { throw CLIError.io(unwritten) }
        }
    }

    nonisolated(unsafe) static var keptUntilExit: (Workspace, [Event])?

    /// The rejects file, opened (or refused) before anything is saved.
    func openRejects(_ rows: ReadRows, _ ws: Workspace) throws -> (sink: FileSink, bytes: [UInt8])? {
        guard skipBad && !rows.bad.isEmpty && !dryRun else { return nil }
        let guarded = Protected(inputs: [file], storeDirectory: ws.store.location)
        return (try FileSink(path: rejectsPath, flag: "--rejects", protecting: guarded), try ws.rejects(rows))
    }

    /// Written once the import is saved: where they went, or why not (said after the import's report).
    func write(_ rejects: (sink: FileSink, bytes: [UInt8])?, bad: Int) -> (written: String?, failure: String?) {
        guard let (sink, bytes) = rejects else { return (nil, nil) }
        do {
            try sink.write(bytes)
            try sink.finish()
            return (rejectsPath, nil)
        } catch {
            return (nil, "\(error); the import above was saved, its \(count(bad, "bad row")) not written")
        }
    }

    /// `--rejects`, else the file's name with `.rejects.csv` for its extension.
    var rejectsPath: String {
        if let r = rejects { return r }
        let ns = file as NSString
        return ns.pathExtension.isEmpty ? file + ".rejects.csv" : ns.deletingPathExtension + ".rejects.csv"
    }

    func report(
        _ rows: ReadRows, _ plan: ImportPlan?, refused: [String], saved: Bool, rejectsPath: String?, good: Int,
        released: [Released] = [], outcomes: ImportResult? = nil, routed: RouteResult? = nil
    ) {
        let footer = rows.footerRows == 0 ? "" : ", \(count(rows.footerRows, "footer row")) skipped"
        let counts = plan.map { p in
            "\(p.new) new, \(p.updated) updated, \(p.unchanged) unchanged, \(p.flagged) flagged, \(rows.bad.count) bad\(footer)"
        }
        if saved, let counts { Output.saved = "Imported \(file) (\(rows.format.title)): \(counts) · saved" }
        if output.json {
            reportJSON(
                rows, plan, refused: refused, saved: saved, rejectsPath: rejectsPath, released: released,
                outcomes: outcomes, routed: routed)
            return
        }
        // Owners and file names come from the file: shown inert, never raw.
        func say(_ line: String) { Output.out(Inert.line(line, limit: 4096)) }
        let total = good + rows.bad.count
        for b in rows.bad { for l in b.lines { Output.err("\(file): \(l)") } }
        guard let p = plan, let counts else {
            Output.err(
                "leadq: nothing imported: \(rows.bad.count) of \(total) rows in \(file) are bad (listed above). Fix them, or import the good rows with --skip-bad (the bad ones go to \(self.rejectsPath))."
            )
            return
        }
        if let line = Output.saved, saved {
            say(line)
        } else {
            say("Dry run of \(file) (\(rows.format.title)): \(counts) · nothing saved")
        }
        if let r = rejectsPath {
            say(
                "\(rows.bad.count == 1 ? "The bad row is" : "The \(rows.bad.count) bad rows are"), with the reasons, in \(r)"
            )
        }
        if rows.keyedByEmail + rows.keyedByName > 0 {
            say(
                "No id column: \(count(rows.keyedByEmail, "lead")) keyed by email, \(rows.keyedByName) by name and company (a re-import of the same kind of file matches them)"
            )
        }
        sayPlan(p, saved: saved, say)
        sayAfterSave(refused: refused, released: released, outcomes: outcomes, routed: routed, say)
    }

    /// What the plan did beyond its counts: assignments by CRM owner, flags, owners left unassigned.
    func sayPlan(_ p: ImportPlan, saved: Bool, _ say: (String) -> Void) {
        let verb = saved ? "Assigned" : "Would assign"
        if p.assigned > 0 {
            say("\(verb) \(count(p.assigned, "lead")) to their CRM owner's rep (rule \(ImportPlanner.ownerMapRule))")
        }
        if p.flagUpdateCount > 0 {
            say(
                "\(saved ? "Flagged" : "Would flag") \(count(p.flagUpdateCount, "lead")) already in the store as likely duplicates"
            )
        }
        for (o, n) in p.unknownOwners.sorted(by: { $0.key < $1.key }) {
            say(
                "Owner '\(o)' is not in ownerMap (\(n) lead\(n == 1 ? "" : "s")): left unassigned; map it in settings.json to assign"
            )
        }
        for (o, n) in p.awayOwners.sorted(by: { $0.key < $1.key }) {
            say("Owner \(o), who is away (\(n) lead\(n == 1 ? "" : "s")): left unassigned for routing")
        }
    }

    /// What happened once the leads were in: assignments refused, outcomes, releases, routing.
    func sayAfterSave(
        refused: [String], released: [Released], outcomes: ImportResult?, routed: RouteResult?,
        _ say: (String) -> Void
    ) {
        for r in refused { say("Not assigned: \(r)") }
        if let o = outcomes, o.won + o.lost > 0 {
            say("Recorded \(count(o.won + o.lost, "opportunity outcome")): \(o.won) won, \(o.lost) lost")
        }
        for n in outcomes?.outcomeNotes ?? [] { say("Outcome not recorded: \(n)") }
        for r in released {
            let to = r.assignedTo.map { "assigned to \($0)" + (r.rule.map { " (rule \($0))" } ?? "") } ?? "in the pool"
            say("Released \(r.lead) (\(r.name)) from nurture: its score turned hot; \(to)")
        }
        if let routed, !routed.decisions.isEmpty {
            say(
                "Routed on arrival (routing.onArrival): "
                    + RouteCommand.counts(routed.decisions, refused: routed.refused))
        }
    }

    func reportJSON(
        _ rows: ReadRows, _ plan: ImportPlan?, refused: [String], saved: Bool, rejectsPath: String?,
        released: [Released], outcomes: ImportResult?, routed: RouteResult?
    ) {
        Output.out(
            LeadJSON.string { w in
                w.beginObject()
                w.field("file", file)
                w.field("format", rows.format.rawValue)
                if let style = rows.style { w.field("style", style.rawValue) }
                w.field("footerRows", rows.footerRows)
                w.key("keyedBy")
                w.beginObject()
                w.field("email", rows.keyedByEmail)
                w.field("nameAndCompany", rows.keyedByName)
                w.endObject()
                w.field("saved", saved)
                if let p = plan { Self.write(p, to: &w) }
                w.field("bad", rows.bad.count)
                Self.writeBadRows(rows, to: &w)
                if let r = rejectsPath { w.field("rejects", r) }
                w.strings("refused", refused)
                w.strings("releasedHot", released.map(\.lead))
                if let o = outcomes {
                    w.field("won", o.won)
                    w.field("lost", o.lost)
                    w.strings("outcomesNotRecorded", o.outcomeNotes)
                }
                if let routed {
                    w.key("routed")
                    w.beginObject()
                    for (outcome, n) in RouteCommand.tally(routed.decisions, refused: routed.refused) {
                        w.field(outcome, n)
                    }
                    w.endObject()
                }
                w.endObject()
            })
    }

    /// The plan's counts and the owners it left unassigned, as fields of the report's object.
    static func write(_ p: ImportPlan, to w: inout JSONWriter) {
        w.field("new", p.new)
        w.field("updated", p.updated)
        w.field("unchanged", p.unchanged)
        w.field("flagged", p.flagged)
        w.field("assigned", p.assigned)
        w.field("flagUpdates", p.flagUpdateCount)
        w.key("unknownOwners")
        w.beginObject()
        for (o, n) in p.unknownOwners.sorted(by: { $0.key < $1.key }) { w.field(o, n) }
        w.endObject()
        w.key("awayOwners")
        w.beginObject()
        for (o, n) in p.awayOwners.sorted(by: { $0.key < $1.key }) { w.field(o, n) }
        w.endObject()
    }

    /// Every problem of every bad row: line, column, reason.
    static func writeBadRows(_ rows: ReadRows, to w: inout JSONWriter) {
        w.key("badRows")
        w.beginArray()
        for b in rows.bad {
            for p in b.problems {
                w.beginObject()
                w.field("line", b.line)
                w.field("column", p.column)
                w.field("reason", p.reason)
                w.endObject()
            }
        }
        w.endArray()
    }
}
