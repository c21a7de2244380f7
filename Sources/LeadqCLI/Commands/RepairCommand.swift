import ArgumentParser
import LeadqApp
import LeadqFormat

struct RepairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Set damaged records aside so the rest of the store works again (managers).",
        discussion: """
            Every record the readers refuse is copied into quarantine/repair-N/ and left out: a lead whose own \
            record is unreadable is gone from the store (a note says so); an unreadable, missing or orphaned \
            journal record keeps its place as a note in its lead's history (or a store-wide one). Every file \
            replaced is kept in the same folder. Other leads keep working as they were.
            """)
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var repOptions: RepOptions
    @Flag(name: .long, help: "Say what would be set aside; change nothing.") var dryRun = false

    func run() throws {
        try guarded {
            let ctx = CLIContext()
            let path = ctx.storePath(storeOptions.store)
            let report = try StoreLocator.repair(path, as: ctx.actor(repOptions.rep), at: try ctx.now(), dryRun: dryRun)
            guard !report.isEmpty else {
                Output.out("Nothing to repair: every record of \(path) reads")
                return
            }
            let verb = dryRun ? "would set aside" : "set aside"
            for i in report.items {
                let lead = i.lead.map { " (\($0))" } ?? ""
                Output.out(
                    Inert.line(
                        "\(verb) \(i.file) line \(i.line)\(lead): \(i.reason) → \(i.outcome); copy \(dryRun ? "would go" : "kept") in \(i.copy)",
                        limit: 4096))
            }
            for m in report.missing {
                Output.out(
                    "events \(m.lowerBound)…\(m.upperBound): no file holds them → \(dryRun ? "would be" : "now") store-wide notes"
                )
            }
            if !report.rewritten.isEmpty {
                Output.out(
                    "\(dryRun ? "would rewrite" : "rewrote") \(report.rewritten.joined(separator: ", "))\(dryRun ? "" : " (the originals are in quarantine)")"
                )
            }
            if !dryRun { Output.out("Repaired: every record of \(path) reads again") }
        }
    }
}
