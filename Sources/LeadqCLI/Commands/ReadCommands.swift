import ArgumentParser
import LeadqApp
import LeadqDomain
import LeadqFormat

extension QueueOrder: ExpressibleByArgument {}

struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue", abstract: "Print a rep's queue as the console shows it.")
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var repOptions: RepOptions
    @OptionGroup var output: JSONOption
    @Option(name: .long, help: "Order: score (score, then age), sla, followup, age.") var order: QueueOrder = .scoreAge
    @Option(name: .long, help: "Show at most this many rows.") var limit: Int?
    @Flag(name: .long, help: "The unassigned pool instead of a rep's queue, hottest first.") var pool = false

    func run() throws {
        try guarded {
            let ws = try CLIContext().workspace(storeOptions.store, rep: repOptions.rep)
            let store = ws.store
            let rep = ws.actor
            let now = ws.now()
            let offset = ws.offset(at: now)
            var rows = pool ? try ws.pool(at: now) : try ws.queue(of: rep, order: order, at: now)
            let total = rows.count
            if let l = limit { rows = Array(rows.prefix(max(0, l))) }
            if output.json {
                Output.out(
                    LeadJSON.string { w in
                        w.beginArray()
                        for r in rows { LeadJSON.write(r.lead, r.status, &w) }
                        w.endArray()
                    })
                return
            }
            let s = store.settings
            let breaches = rows.filter(\.status.anyBreach).count
            let overdue = rows.filter(\.status.followUpOverdue).count
            let stale = rows.filter(\.status.clawbackDue).count
            if !pool && store.settings.rep(rep) == nil {
                Output.err("leadq: note: '\(rep)' is not on this store's team")
            }
            if pool {
                let late = try ws.hotWaitingInPool(at: now).count
                let waiting = late == 0 ? "" : " · \(late) hot waiting past \(s.poolHotMinutes) min"
                Output.out("unassigned pool · \(total) leads\(waiting) · hottest first")
            } else {
                Output.out(
                    Inert.line("\(rep)")
                        + " · \(total) in queue · \(breaches) SLA breaches · \(overdue) follow-ups overdue · \(stale) clawbacks due · order: \(order.label)"
                )
            }
            QueueTable.lines(rows, settings: s, now: now, utcOffset: offset, width: Output.terminalWidth)
                .forEach(Output.out)
            if rows.count < total { Output.out("… \(total - rows.count) more (use --limit)") }
        }
    }
}

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a lead with its handoff context.")
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: JSONOption
    @Argument(help: "The lead: its id (L-00042), the CRM's id, or an email that names one lead.") var id: String

    func run() throws {
        try guarded {
            let ws = try CLIContext().workspace(storeOptions.store)
            let lead = try ws.lead(try ws.resolve(id))
            let now = ws.now()
            let offset = ws.offset(at: now)
            let status = ws.status(lead, at: now)
            let store = ws.store
            if output.json {
                Output.out(LeadJSON.string { LeadJSON.write(lead, status, &$0) })
                return
            }
            for section in Handoff.sections(lead, status, settings: store.settings, now: now, utcOffset: offset) {
                Output.out(Inert.line(section.title))
                for line in section.lines { Output.out("  " + Inert.line(line.text)) }
            }
        }
    }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "List a lead's history: who did what, when.")
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: JSONOption
    @Argument(help: "The lead: its id, the CRM's id, or an email that names one lead.") var id: String

    func run() throws {
        try guarded {
            let ws = try CLIContext().workspace(storeOptions.store)
            let lead = try ws.lead(try ws.resolve(id))
            let undone = lead.undoneSeqs
            if output.json {
                Output.out(
                    LeadJSON.string { w in
                        w.beginArray()
                        for e in lead.history { EntryJSON.write(e, undone: undone.contains(e.seq), &w) }
                        w.endArray()
                    })
                return
            }
            var t = Table([
                .init(title: "#", align: .right), .init(title: "WHEN (UTC)", minWidth: 20),
                .init(title: "BY", maxWidth: 16),
                .init(title: "WHAT", minWidth: 10, maxWidth: 80),
            ])
            for e in lead.history {
                t.add([
                    String(e.seq), e.at.iso8601, e.by, Describe.op(e.op) + (undone.contains(e.seq) ? " (undone)" : ""),
                ])
            }
            t.render(width: Output.terminalWidth).forEach(Output.out)
        }
    }
}
