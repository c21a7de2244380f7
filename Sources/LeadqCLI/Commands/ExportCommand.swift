import ArgumentParser
import Foundation
import LeadqApp
import LeadqDomain
import LeadqFormat

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the reps' decisions in a CRM's shape, or every lead or event as JSON Lines.",
        discussion: """
            salesforce, hubspot, odoo: one row per lead from that CRM that leadq worked (assigned, accepted, rejected, \
            qualified, nurtured), with the CRM's id, status or stage, owner (via ownerMap) and reason, for a bulk update. \
            jsonl: every lead whole (profile, work, history); with --events, every event. Cells that a spreadsheet could \
            run as a formula are neutralised and control characters are never written raw.
            """)
    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "salesforce, hubspot, odoo or jsonl.") var format: SourceFormat
    @Flag(name: .long, help: "With --format jsonl: events instead of leads.") var events = false
    @Option(name: .long, help: "Only what changed at or after this time (2026-11-01 or 2026-11-01T09:00:00Z).")
    var since: String?
    @Option(
        name: [.short, .long],
        help:
            "Write to this file (default, or -: stdout). A device, FIFO or socket is written through, a link followed; a file appears whole."
    ) var output: String?

    func validate() throws {
        if events && format != .jsonl { throw ValidationError("--events goes with --format jsonl") }
    }

    func run() throws {
        try ioGuarded {
            let ws = try CLIContext().workspace(storeOptions.store)
            let since = try ws.exportSince(self.since)
            let sink = try FileSink(path: output, flag: "-o", protecting: Protected(storeDirectory: ws.store.location))
            let summary = try ws.export(format, events: events, since: since) { try sink.write($0) }
            try sink.finish()
            warn(summary)
            let what = format == .jsonl ? (events ? "events" : "leads") : "\(format.title) rows"
            // The summary goes to stderr when the export itself is on stdout.
            let line = "Exported \(summary.count) \(what)" + (sink.isStdout ? "" : " to \(sink.name)")
            if sink.isStdout { Output.err(line) } else { Output.out(Inert.line(line)) }
        }
    }

    /// What a CRM export had to leave empty or leave out.
    func warn(_ summary: ExportSummary) {
        for (rep, n) in summary.unmapped.sorted(by: { $0.key < $1.key }) {
            Output.err(
                "leadq: warning: ownerMap has no \(format.title) owner for \(rep); the owner cell is left empty on "
                    + "\(n) row\(n == 1 ? "" : "s") (the CRM keeps its owner)")
        }
        if summary.unkeyed > 0 {
            Output.err(
                "leadq: warning: \(count(summary.unkeyed, "worked lead")) from \(format.title) left out: imported from a "
                    + "file without an id column, \(format.title)'s import couldn't match them (export them from "
                    + "\(format.title) with the id and import that file)")
        }
    }
}
