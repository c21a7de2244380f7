import ArgumentParser
import Foundation
import LeadqApp
import LeadqDomain
import LeadqFormat

struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy", abstract: "Copy a whole store, with its history, to a new place of either kind.",
        discussion: """
            Moves a team between a directory and PostgreSQL (or between two of either): the settings, every lead as \
            it is, every event with its number, time and actor, what undo takes back as one action. The target must \
            be new (an empty directory, or a schema without a store); on PostgreSQL it is made in one transaction.
            """)
    @Option(name: .long, help: "The store to copy: a directory or a postgresql:// URL.") var from: String
    @Option(name: .long, help: "Where to: a new directory or a postgresql:// URL.") var to: String

    func run() throws {
        try guarded {
            let report = try StoreCopy.copy(from: from, to: to)
            let target = try StoreLocator.open(to).location
            Output.saved = "copied the store to \(target)"
            Output.out(
                "Copied \(count(report.leads, "lead")) and \(count(report.events, "event")) (through event \(report.lastSeq)) to \(target)"
            )
        }
    }
}

struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "Show the team's settings, or replace them from a file (managers).",
        subcommands: [Show.self, Apply.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the store's settings as settings.json holds them.")
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            try guarded {
                let ws = try CLIContext().workspace(storeOptions.store)
                let text = String(decoding: ws.settingsText(), as: UTF8.self)
                Output.out(text.hasSuffix("\n") ? String(text.dropLast()) : text)
            }
        }
    }

    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the store's settings with a file's (managers only; recorded in the history).",
            discussion: """
                The file is read as settings.json is: a mistake is reported with its field and line and nothing is \
                changed. On PostgreSQL this is how settings change; on a directory it rewrites settings.json.
                """)
        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var repOptions: RepOptions
        @Argument(help: "A settings file (as `leadq settings show` prints).") var file: String

        func run() throws {
            try ioGuarded {
                let bytes = try readInput(file)
                let ws = try CLIContext().workspace(storeOptions.store, rep: repOptions.rep)
                guard let event = try ws.applySettings(bytes, file: file) else {
                    Output.out("The settings are unchanged: \(Inert.line(file)) holds what the store has")
                    return
                }
                Output.saved = "applied the settings as event \(event.seq)"
                // A manager's console reads the briefs of a snapshot made with these settings.
                ws.compactIfDue()
                if case .settings(let note) = event.entry.op {
                    Output.out(Inert.line("Applied the settings (event \(event.seq)) \(note)"))
                }
            }
        }
    }
}

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Upgrade the store's format to the one this leadq writes.",
        discussion: """
            PostgreSQL: runs the schema's missing numbered steps in one transaction. A directory: rewrites an older \
            snapshot in today's schema by compacting. A store written by a newer leadq is refused (exit 3).
            """)
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        try guarded {
            let location = CLIContext().storePath(storeOptions.store)
            let r = try StoreLocator.migrate(location)
            Output.out(MigrateCommand.words(r))
        }
    }

    static func words(_ r: MigrationReport) -> String {
        switch (r.kind, r.upgraded) {
        case (.database, false):
            return "The schema is already current (version \(r.to)); nothing to migrate"
        case (.database, true):
            return "Upgraded the schema from version \(r.from) to \(r.to)"
        case (.files, false):
            return "Nothing to migrate: the snapshot is in today's schema (\(r.to)); the journal's is read as it is"
        case (.files, true):
            let through = r.compaction.map { " (compacted \($0.leads) leads through event \($0.seq))" } ?? ""
            let copy = r.copy.map { "; the files as they were are in \(Inert.line($0, limit: 4096))" } ?? ""
            return "Upgraded the snapshot from schema \(r.from) to \(r.to)\(through)\(copy)"
        }
    }
}
