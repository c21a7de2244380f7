import ArgumentParser
import LeadqApp
import LeadqDomain
import LeadqFormat

struct TeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team", abstract: "Add members to the store's team.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: """
                Add a member to the team. On PostgreSQL, run by the store's owner: it also makes their \
                login role (or maps an existing one with --role), the only identity they act as.
                """)
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The member's id, e.g. ana.") var id: String
        @Option(name: .long, help: "Their full name, e.g. 'Ana Souza' (needed unless the settings list them).")
        var name: String = ""
        @Option(name: .long, help: "Their team, e.g. emea.") var team: String = ""
        @Flag(name: .long, help: "A manager rather than a rep.") var manager = false
        @Option(
            name: .long, help: "PostgreSQL: map this existing database role instead of making one named like the id.")
        var role: String?

        func run() throws {
            try guarded {
                let ctx = CLIContext()
                let added = try TeamMembers.add(
                    at: ctx.storePath(storeOptions.store), id: id, name: name, team: team, manager: manager, role: role,
                    compactIfDue: true)
                let rep = added.rep
                Output.saved = "added \(rep.id) to the team"
                let teamText = rep.team.isEmpty ? "" : ", team \(rep.team)"
                var line =
                    added.wasOnTeam
                    ? "\(rep.id) (\(rep.name), \(rep.role.rawValue)\(teamText)) was on the team already"
                    : "Added \(rep.id) (\(rep.name), \(rep.role.rawValue)\(teamText)) to the team"
                if let login = added.role {
                    line +=
                        added.created
                        ? "; they log in as the new database role \(login), which has no password yet (psql: \\password \(login))"
                        : "; they log in as the database role \(login)"
                }
                Output.out(Inert.line(line))
            }
        }
    }
}
