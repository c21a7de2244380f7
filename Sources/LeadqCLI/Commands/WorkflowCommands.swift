import ArgumentParser
import LeadqApp
import LeadqDomain
import LeadqFormat

/// An amount as typed (`12000`, `12,000.50`), in cents.
func amount(_ text: String?) throws -> Int64? {
    guard let text else { return nil }
    guard let cents = Money.parse(text) else {
        throw BadInput("--amount '\(text)' is not an amount like 12000 or 12000.50")
    }
    return cents
}

struct WonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "won", abstract: "Record that a qualified lead's opportunity was won.")
    @OptionGroup var options: ActionOptions
    @Argument(help: "The lead id.") var id: String
    @Option(name: .long, help: "The amount won, e.g. 12000 or 12000.50.") var amount: String?
    @Option(name: .long, help: "A note.") var note = ""
    func run() throws {
        try perform(options, on: id) { _, _ in .won(amount: try LeadqCLI.amount(amount), note: note) }
    }
}

struct LostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lost", abstract: "Record that a qualified lead's opportunity was lost, and why.")
    @OptionGroup var options: ActionOptions
    @Argument(help: "The lead id.") var id: String
    @Option(name: .long, help: "Why it was lost: price, competitor, no-decision, timing…") var reason: String
    @Option(name: .long, help: "The amount it was worth, e.g. 12000.") var amount: String?
    @Option(name: .long, help: "A note.") var note = ""
    func run() throws {
        try perform(options, on: id) { _, _ in
            .lost(reason: reason, amount: try LeadqCLI.amount(amount), note: note)
        }
    }
}

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Merge a duplicate into the lead to keep (managers).",
        discussion: """
            KEEP takes in OTHER's contacts, open follow-ups and history; OTHER is closed as merged, pointing at KEEP, \
            and neither is held as the other's duplicate any more. `leadq undo` takes the whole merge back.
            """)
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var repOptions: RepOptions
    @OptionGroup var output: JSONOption
    @Argument(help: "The lead to keep.") var keep: String
    @Argument(help: "The duplicate to fold into it.") var other: String

    func run() throws {
        try guarded {
            let ws = try CLIContext().workspace(storeOptions.store, rep: repOptions.rep)
            let now = ws.now()
            let (kept, merged) = try ws.merge(keep: keep, other: other)
            report(merged, output.json, ws, now: now)
            if !output.json { Output.out(Inert.line(Confirmation.text(kept.event, lead: kept.lead))) }
            ws.compactIfDue()
        }
    }
}

extension NurtureCommand.Release {
    /// The re-engagement steps, or the hot leads: one line per lead released.
    func releaseByPolicy() throws {
        let ws = try CLIContext().workspace(storeOptions.store, rep: repOptions.rep)
        let released = hot ? try ws.releaseTurnedHot() : try ws.releaseByPolicy(dryRun: dryRun)
        let what = hot ? "turned hot" : "due by the re-engagement steps"
        let summary =
            "\(count(released.count, "nurture lead")) \(what) \(dryRun ? "would return · nothing saved (dry run)" : "released · saved")"
        if !dryRun { Output.saved = summary }
        if output.json {
            Output.out(
                LeadJSON.string { w in
                    w.beginArray()
                    for r in released {
                        w.beginObject()
                        w.field("lead", r.lead)
                        if let s = r.step { w.field("step", s) }
                        w.key("assignedTo")
                        if let a = r.assignedTo { w.string(a) } else { w.null() }
                        w.field("saved", !dryRun)
                        w.endObject()
                    }
                    w.endArray()
                })
            return
        }
        for r in released {
            let step = r.step.map { " · step \($0)" } ?? ""
            let to = r.assignedTo.map { " → \($0)" + (r.rule.map { " (rule \($0))" } ?? "") } ?? " → pool"
            Output.out(Inert.line("\(dryRun ? "would release" : "Released") \(r.lead) (\(r.name))\(step)\(to)"))
        }
        Output.out(Inert.line(summary))
    }
}
