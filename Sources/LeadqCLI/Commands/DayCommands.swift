import ArgumentParser
import LeadqApp
import LeadqDomain
import LeadqFormat

struct FindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find",
        abstract: "Find leads anywhere in the store (any stage, any owner).",
        discussion: """
            Matches name, company, email, phone digits, the L-id and the CRM's id, ignoring case and accents \
            (zurich finds Zürich; 030 1234 finds +49 30 1234). Best matches first.
            """)
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: JSONOption
    @Option(name: .long, help: "Show at most this many leads.") var limit = 50
    @Argument(help: "What to look for.") var text: String

    func validate() throws {
        if Rules.trimmed(text).isEmpty { throw ValidationError("give some text to find") }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        try guarded {
            let ws = try CLIContext().workspace(storeOptions.store)
            let now = ws.now()
            let found = try ws.find(text, limit: limit)
            if output.json {
                Output.out(
                    LeadJSON.string { w in
                        w.beginArray()
                        for l in found.leads { LeadJSON.write(l, ws.status(l, at: now), &w) }
                        w.endArray()
                    })
                return
            }
            var t = Table([
                .init(title: "ID", minWidth: 7, maxWidth: 9), .init(title: "STAGE", minWidth: 9, maxWidth: 9),
                .init(title: "OWNER", minWidth: 4, maxWidth: 12), .init(title: "SCORE", align: .right, minWidth: 5),
                .init(title: "NAME", minWidth: 8, maxWidth: 24), .init(title: "COMPANY", minWidth: 6, maxWidth: 24),
                .init(title: "EMAIL", minWidth: 6, maxWidth: 30), .init(title: "PHONE", minWidth: 5, maxWidth: 18),
                .init(title: "CRM ID", minWidth: 4, maxWidth: 24),
            ])
            for l in found.leads {
                let p = l.profile
                t.add([
                    l.id, l.stage.rawValue, l.owner ?? "-", String(l.score), p.name, p.company, p.email, p.phone,
                    p.originKey,
                ])
            }
            t.render(width: Output.terminalWidth).forEach(Output.out)
            let more = found.total > found.leads.count ? " (showing \(found.leads.count); use --limit)" : ""
            Output.out("\(found.total) lead\(found.total == 1 ? "" : "s") found\(more)")
        }
    }
}

struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Write a note on a lead (any stage): what you learned, for whoever comes next.")
    @OptionGroup var options: ActionOptions
    @Argument(help: "The lead: its id, the CRM's id, or an email that names one lead.") var id: String
    @Argument(help: "The note (several lines are fine).") var text: String
    func run() throws { try perform(options, on: id) { _, _ in .note(text) } }
}

struct AgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda", abstract: "List your follow-ups: overdue, today, and the next seven days.")
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var repOptions: RepOptions
    @OptionGroup var output: JSONOption
    @Flag(name: .long, help: "Every rep's follow-ups (for managers), with the rep's id.") var team = false

    func run() throws {
        try guarded {
            let ws = try CLIContext().workspace(storeOptions.store, rep: repOptions.rep)
            let now = ws.now()
            let agenda = try ws.agenda(of: team ? nil : ws.actor, at: now)
            if output.json {
                Output.out(AgendaText.json(agenda))
                return
            }
            AgendaText.lines(agenda, now: now, zone: ws.zone, width: Output.terminalWidth).forEach(Output.out)
        }
    }
}
