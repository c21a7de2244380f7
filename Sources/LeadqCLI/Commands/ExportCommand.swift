import ArgumentParser
import Foundation
import LeadqApp
import LeadqCodec
import LeadqDomain
import LeadqFormat
import LeadqIO
import LeadqStore
import LeadqText

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
            let ctx = CLIContext()
            let store = try ctx.workspace(storeOptions.store).store
            let from = try since.map { s -> Instant in
                guard let t = ctx.zone.instant(iso8601: s) else {
                    throw CLIError.usage("--since '\(s)' is not a time like 2026-11-01 or 2026-11-01T09:00:00Z")
                }
                try BadInput.requireRecordable(t, "--since '\(s)'")
                return t
            }
            let sink = try FileSink(path: output, flag: "-o", protecting: Protected(storeDirectory: store.location))
            var count = 0
            switch format {
            case .jsonl where events:
                // Events live in each lead's history; gathered, then written in the order they happened.
                var lines: [(seq: Int64, line: [UInt8])] = []
                try store.forEachLead { lines.append(contentsOf: JSONLExport.events($0, since: from)) }
                lines.sort { $0.seq < $1.seq }
                for l in lines { try sink.write(l.line) }
                count = lines.count
            case .jsonl:
                // Each lead as `leadq show --json` prints it, one per line.
                let now = try ctx.now()
                let offset = ctx.utcOffset(at: now)
                try store.forEachLead { lead in
                    guard JSONLExport.changed(lead, since: from) else { return }
                    var w = JSONWriter(capacity: 2048)
                    LeadJSON.write(lead, SLA.status(lead, now: now, settings: store.settings, utcOffset: offset), &w)
                    w.bytes.append(0x0A)
                    try sink.write(w.bytes)
                    count += 1
                }
            default:
                count = try writeDecisions(store, since: from, to: sink)
            }
            try sink.finish()
            let what = format == .jsonl ? (events ? "events" : "leads") : "\(format.title) rows"
            // The summary goes to stderr when the export itself is on stdout.
            let toStdout = sink.isStdout
            let line = "Exported \(count) \(what)" + (toStdout ? "" : " to \(sink.name)")
            if toStdout { Output.err(line) } else { Output.out(Inert.line(line)) }
        }
    }

    /// The reps' decisions in the CRM's shape, with the warnings on what is left out or left empty.
    func writeDecisions(_ store: any LeadStore, since from: Instant?, to sink: FileSink) throws -> Int {
        var rows: [[String]] = []
        var unmapped: [String: Int] = [:]
        var unkeyed = 0
        try store.forEachLead { lead in
            if DecisionExport.unkeyed(lead, format, since: from) { unkeyed += 1 }
            guard DecisionExport.includes(lead, format, since: from) else { return }
            rows.append(DecisionExport.row(lead, format, settings: store.settings))
            if let rep = DecisionExport.rep(lead), OwnerMap.owner(of: rep, for: format, settings: store.settings) == nil
            {
                unmapped[rep, default: 0] += 1
            }
        }
        for (rep, n) in unmapped.sorted(by: { $0.key < $1.key }) {
            Output.err(
                "leadq: warning: ownerMap has no \(format.title) owner for \(rep); the owner cell is left empty on \(n) row\(n == 1 ? "" : "s") (the CRM keeps its owner)"
            )
        }
        if unkeyed > 0 {
            Output.err(
                "leadq: warning: \(count(unkeyed, "worked lead")) from \(format.title) left out: imported from a file without an id column, \(format.title)'s import couldn't match them (export them from \(format.title) with the id and import that file)"
            )
        }
        let table = DecisionExport.table(format, rows)
        try sink.write(try CSVOutput.bytes(header: table.header, rows: table.rows))
        return rows.count
    }
}
