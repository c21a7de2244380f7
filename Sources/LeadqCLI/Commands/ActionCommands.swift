import ArgumentParser
import LeadqApp
import LeadqDomain
import LeadqFormat

extension Channel: ExpressibleByArgument {}
extension Outcome: ExpressibleByArgument {}

/// Options every action shares: where, who, and how to report.
struct ActionOptions: ParsableArguments {
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var repOptions: RepOptions
    @OptionGroup var output: JSONOption
    @Option(name: .long, help: "Refuse if the lead changed after this version (from `show --json`).") var ifVersion:
        Int64?
}

/// Parses one action's lead, builds its command, has the workspace decide and save it, and prints the
/// confirmation only once it is durable.
/// `id` may be an L-id, the CRM's id or an email that names one lead.
func perform(_ options: ActionOptions, on id: String, _ command: (Workspace, Instant) throws -> Command) throws {
    try act(options) { ws, now in
        try ws.perform(try command(ws, now), on: try ws.resolve(id), expecting: options.ifVersion)
    }
}

/// Runs one saved change through the workspace and prints it.
func act(_ options: ActionOptions, _ save: (Workspace, Instant) throws -> Change) throws {
    try guarded {
        let ws = try CLIContext().workspace(options.storeOptions.store, rep: options.repOptions.rep)
        let now = ws.now()
        let change = try save(ws, now)
        report(change, options.output.json, ws, now: now)
        ws.compactIfDue()
    }
}

func report(_ change: Change, _ json: Bool, _ ws: Workspace, now: Instant) {
    // Names and notes come from web forms: inert before they reach the terminal.
    let line = Inert.line(Confirmation.text(change.event, lead: change.lead, now: now, zone: ws.zone) + " · saved")
    Output.saved = line
    if json {
        Output.out(
            LeadJSON.string { w in
                w.beginObject()
                w.key("event")
                EntryJSON.writeEvent(change.event, &w)
                w.key("lead")
                LeadJSON.write(change.lead, ws.status(change.lead, at: now), &w)
                w.endObject()
            })
    } else {
        Output.out(line)
    }
}

struct AcceptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept", abstract: "Accept a lead assigned to you (SAL).")
    @OptionGroup var options: ActionOptions
    @Argument(help: "The lead: its id, the CRM's id, or an email that names one lead.") var id: String
    func run() throws { try perform(options, on: id) { _, _ in .accept } }
}

struct RejectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject", abstract: "Reject a lead with a reason code (see `leadq reasons`).")
    @OptionGroup var options: ActionOptions
    @Argument(help: "The lead: its id, the CRM's id, or an email that names one lead.") var id: String
    @Option(name: .long, help: "Reason code, e.g. no-budget; `other` needs --note.") var reason: String
    @Option(name: .long, help: "A note for marketing.") var note = ""
    func run() throws { try perform(options, on: id) { _, _ in .reject(reason: reason, note: note) } }
}

struct ContactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact",
        abstract: "Log a contact attempt; unanswered ones schedule the next follow-up by the cadence.")
    @OptionGroup var options: ActionOptions
    @Argument(help: "The lead: its id, the CRM's id, or an email that names one lead.") var id: String
    @Option(name: .long, help: "call, email, sms, social or meeting.") var channel: Channel
    @Option(name: .long, help: "connected, voicemail, no-answer, replied, bounced or meeting-booked.") var outcome:
        Outcome
    @Option(name: .long, help: "What was said.") var note = ""
    @Flag(name: .long, help: "They contacted us (allowed on do-not-contact leads).") var inbound = false
    func run() throws {
        try perform(options, on: id) { _, _ in
            .contact(channel: channel, outcome: outcome, direction: inbound ? .inbound : .outbound, note: note)
        }
    }
}

struct FollowUpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followup", abstract: "Schedule, complete or drop a lead's next follow-up.",
        subcommands: [Schedule.self, Done.self, Drop.self])

    struct Schedule: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Schedule the next follow-up (in place of the cadence's; a rep's own needs --replace).")
        @OptionGroup var options: ActionOptions
        @Argument(help: "The lead: its id, the CRM's id, or an email that names one lead.") var id: String
        // Unconditional: `--due -1d` is a (past) value to refuse as such, not a missing one.
        @Option(
            name: .long, parsing: .unconditional,
            help: """
                When, in your time zone: tomorrow, 'tmrw 14:00', fri, 'next tue 10:00', 'in 2 days', +3d, +2h, \
                '3/12 10:00' (day/month as your locale or console.dateOrder says), 2026-11-30, '2026-11-30 14:00'.
                """)
        var due: String
        @Option(name: .long, help: "What to do (default: what the follow-up it replaces was for, else \"Follow up\").")
        var what = ""
        @Flag(name: .long, help: "Replace the lead's open follow-up even if a rep scheduled it.") var replace = false
        func run() throws {
            try perform(options, on: id) { ws, now in
                let at = try BadInput.due(
                    due, now: now, zone: ws.zone, settings: ws.settings, order: ws.dayMonthOrder)
                return replace ? .replaceFollowUp(due: at, what: what) : .scheduleFollowUp(due: at, what: what)
            }
        }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark the next open follow-up done.")
        @OptionGroup var options: ActionOptions
        @Argument(help: "The lead: its id, the CRM's id, or an email that names one lead.") var id: String
        @Option(name: .long, help: "What came of it.") var note = ""
        func run() throws { try perform(options, on: id) { _, _ in .completeFollowUp(note: note) } }
    }

    struct Drop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Drop the next open follow-up.")
        @OptionGroup var options: ActionOptions
        @Argument(help: "The lead: its id, the CRM's id, or an email that names one lead.") var id: String
        func run() throws { try perform(options, on: id) { _, _ in .dropFollowUp } }
    }
}

struct QualifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qualify", abstract: "Qualify an accepted lead (SQL: an opportunity opens in the CRM).")
    @OptionGroup var options: ActionOptions
    @Argument(help: "The lead: its id, the CRM's id, or an email that names one lead.") var id: String
    @Option(name: .long, help: "Why it qualifies.") var note = ""
    func run() throws { try perform(options, on: id) { _, _ in .qualify(note: note) } }
}

struct ReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release", abstract: "Return a nurture lead to the unassigned pool (managers).")
    @OptionGroup var options: ActionOptions
    @Argument(help: "The lead: its id, the CRM's id, or an email that names one lead.") var id: String
    @Option(name: .long, help: "Why now.") var note = ""
    func run() throws { try perform(options, on: id) { _, _ in .release(note: note) } }
}

struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Assign an unassigned lead to a rep (managers).")
    @OptionGroup var options: ActionOptions
    @Argument(help: "The lead: its id, the CRM's id, or an email that names one lead.") var id: String
    @Option(name: .long, help: "The rep.") var to: String
    func run() throws {
        try act(options) { ws, _ in
            try ws.assign(try ws.resolve(id), to: to, kind: .fromPool, expecting: options.ifVersion)
        }
    }
}

struct ReassignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reassign", abstract: "Move a rep's lead to another rep (managers).")
    @OptionGroup var options: ActionOptions
    @Argument(help: "The lead: its id, the CRM's id, or an email that names one lead.") var id: String
    @Option(name: .long, help: "The rep.") var to: String
    func run() throws {
        try act(options) { ws, _ in
            try ws.assign(try ws.resolve(id), to: to, kind: .reassign, expecting: options.ifVersion)
        }
    }
}

struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo", abstract: "Undo your last action that is still in effect.")
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var repOptions: RepOptions
    @OptionGroup var output: JSONOption
    func run() throws {
        try guarded {
            let ws = try CLIContext().workspace(storeOptions.store, rep: repOptions.rep)
            let now = ws.now()
            let undone = try ws.undo()
            // One line per entry taken back (for --json, one object per line, as for a single undo).
            if undone.changes.count == 1 || output.json {
                for change in undone.changes { report(change, output.json, ws, now: now) }
                return
            }
            for change in undone.changes {
                Output.out(Inert.line(Confirmation.text(change.event, lead: change.lead, now: now, zone: ws.zone)))
            }
            Output.out(Inert.line("Undid your last action (\(undone.action)) · saved"))
        }
    }
}

struct ClawbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clawback",
        abstract: "Claw a lead back to nurture with a reason, or apply the stale-lead policy with --stale.",
        discussion: "With --stale a manager claws back every idle lead of the team; a rep, their own.")
    @OptionGroup var options: ActionOptions
    @Argument(help: "The lead id (not with --stale).") var id: String?
    @Option(name: .long, help: "Reason code.") var reason: String?
    @Option(name: .long, help: "A note.") var note = ""
    @Flag(name: .long, help: "Claw back every lead idle longer than the policy allows.") var stale = false
    @Flag(name: .long, help: "With --stale: list what would be clawed back, save nothing.") var dryRun = false

    func validate() throws {
        if stale && id != nil { throw ValidationError("give a lead id or --stale, not both") }
        if !stale && id == nil { throw ValidationError("give a lead id, or --stale for the policy") }
        if !stale && reason == nil { throw ValidationError("--reason is required to claw back one lead") }
        if dryRun && !stale { throw ValidationError("--dry-run goes with --stale") }
    }

    func run() throws {
        if let id, let reason {
            try perform(options, on: id) { _, _ in .clawback(reason: reason, note: note) }
            return
        }
        try guarded {
            let ws = try CLIContext().workspace(options.storeOptions.store, rep: options.repOptions.rep)
            let now = ws.now()
            let sweep = try ws.sweepStale(dryRun: dryRun)
            if dryRun {
                if options.output.json {
                    Output.out(
                        LeadJSON.string { w in
                            w.beginArray()
                            for l in sweep.due { w.string(l.id) }
                            w.endArray()
                        })
                } else {
                    for l in sweep.due {
                        Output.out(
                            "would claw back \(l.id) (\(l.owner ?? "-"), idle \((now - (l.work.lastActivityAt ?? now)) / Span.day) d)"
                        )
                    }
                    for l in sweep.soon {
                        let at = Stale.clawbackAt(l, ws.settings)
                        Output.out(
                            "due soon: \(l.id) (\(l.owner ?? "-"), idle \(Stale.idle(l, now: now) / Span.day) d, clawed back in \(Span.human(at - now)) unless worked)"
                        )
                    }
                    Output.out("\(sweep.due.count) leads due for clawback; nothing saved (dry run)")
                }
                return
            }
            Output.saved = "\(sweep.done.count) leads clawed back to nurture · saved"
            if options.output.json {
                Output.out(
                    LeadJSON.string { w in
                        w.beginArray()
                        for e in sweep.events { EntryJSON.writeEvent(e, &w) }
                        w.endArray()
                    })
            } else {
                for id in sweep.done { Output.out("Clawed back \(id) to nurture (stale)") }
                Output.out(Output.saved ?? "")
            }
        }
    }
}
