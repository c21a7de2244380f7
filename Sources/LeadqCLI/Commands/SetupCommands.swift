import ArgumentParser
import Foundation
import LeadqApp
import LeadqDomain
import LeadqFormat

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create an empty store with the default settings.")
    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "Comma-separated rep ids to put on the team.") var reps: String = ""
    @Option(name: .long, help: "Comma-separated manager ids (default: you).") var managers: String?

    func run() throws {
        try guarded {
            let ctx = CLIContext()
            let list = { (text: String) in
                text.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter {
                    !$0.isEmpty
                }
            }
            let (store, settings) = try Maintenance.createEmpty(
                at: ctx.storePath(storeOptions.store), reps: list(reps),
                managers: list(managers ?? ctx.actor(nil)))
            Output.saved = "created the store at \(store.location)"
            let edit =
                StoreLocator.isDatabase(store.location)
                ? "Its settings are in the database."
                : "Edit \(store.location)/settings.json to change the team and the rules."
            Output.out(
                "Created an empty store at \(store.location) (team: \(settings.reps.map(\.id).joined(separator: ", "))). \(edit)"
            )
        }
    }
}

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Create a realistic demo store.")
    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "How many leads.") var leads = 300
    @Option(name: .long, help: "Seed for the generator: the same seed and time give the same store.") var seed: UInt64 =
        42
    @Option(name: .long, help: "How many reps work the leads (default: one per 2,500 leads, 6 to 200).")
    var reps: Int?
    @Flag(name: .long, help: "Replace an existing store at that place.") var force = false

    func validate() throws {
        guard (1...2_000_000).contains(leads) else { throw ValidationError("--leads must be between 1 and 2000000") }
        if let reps, !(6...2_000).contains(reps) { throw ValidationError("--reps must be between 6 and 2000") }
    }

    func run() throws {
        try guarded {
            let ctx = CLIContext()
            let (store, settings, count) = try Maintenance.createDemo(
                at: ctx.storePath(storeOptions.store), leads: leads, seed: seed,
                now: try ctx.now(), reps: reps, replacing: force)
            Output.saved = "created the demo store at \(store.location)"
            let reps = settings.reps.filter { $0.role == .rep }.prefix(6).map { "\($0.id) (\($0.team))" }.joined(
                separator: ", ")
            Output.out("Demo store with \(count) leads at \(store.location)")
            Output.out("Reps: \(reps)\(settings.reps.count > 7 ? ", …" : ""); manager: \(Maintenance.demoManager)")
            Output.out("Try: leadq queue --store \(store.location) --rep \(Maintenance.demoRep)")
        }
    }
}

struct ReasonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reasons", abstract: "List the store's reason codes.")
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: JSONOption

    func run() throws {
        try guarded {
            let store = try CLIContext().workspace(storeOptions.store).store
            if output.json {
                Output.out(
                    LeadJSON.string { w in
                        w.beginArray()
                        for r in store.settings.reasons {
                            w.beginObject()
                            w.field("code", r.code)
                            w.field("label", r.label)
                            w.field("key", String(r.key))
                            w.field("noteRequired", r.noteRequired)
                            w.endObject()
                        }
                        w.endArray()
                    })
                return
            }
            var t = Table([
                .init(title: "KEY"), .init(title: "CODE", maxWidth: 24), .init(title: "MEANING", maxWidth: 60),
            ])
            for r in store.settings.reasons { t.add([String(r.key), r.code, meaning(r)]) }
            t.render(width: Output.terminalWidth).forEach(Output.out)
        }
    }

    /// The label, and that a note is required unless the label already says so (the default `other` does).
    func meaning(_ r: ReasonCode) -> String {
        guard r.noteRequired, !r.label.lowercased().contains("note required") else { return r.label }
        return r.label + " (note required)"
    }
}

struct CompactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact", abstract: "Fold the journal into a new snapshot.")
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        try guarded {
            let path = CLIContext().storePath(storeOptions.store)
            if let r = try StoreLocator.compact(path) {
                Output.out(
                    "Compacted \(r.leads) leads through event \(r.seq) (\(r.bytes) bytes); removed \(r.removed.count) replaced files"
                )
            } else {
                Output.out("Nothing to compact (or another compaction is running)")
            }
        }
    }
}

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Read every record and check its checksum.")
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        try guarded {
            let store = try CLIContext().workspace(storeOptions.store).store
            let r = try store.verify()
            for (id, owner) in r.orphaned.sorted(by: { LeadID.precedes($0.key, $1.key) }) {
                Output.err(
                    "leadq: warning: \(id) is in the queue of '\(owner)', who is not on the team in settings.json: reassign it (leadq reassign \(id) --to REP)"
                )
            }
            Output.out(
                "ok: \(r.leads) leads, events through \(r.lastSeq) (snapshot at \(r.snapshotSeq)), every record and the queue index checked"
            )
        }
    }
}
