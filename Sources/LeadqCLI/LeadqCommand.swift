import ArgumentParser
import Foundation
import LeadqApp
import LeadqFormat

/// `leadq`: the console (default) and the scripting commands around the same store.
public struct LeadqCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "leadq",
        abstract: "Work your lead queue: accept, reject with a reason, log contacts, follow up, claw back.",
        discussion: """
            The store is --store DIR (or a postgresql:// URL), else $LEADQ_STORE, else $XDG_DATA_HOME/leadq, else \
            ~/.local/share/leadq.
            The acting rep is --rep, else $LEADQ_REP, else your login name.
            Exit codes: 0 done, 1 refused by the rules, 2 bad input (an unknown lead too), 3 store or output error.
            """,
        subcommands: CommandList.all,
        defaultSubcommand: ConsoleCommand.self
    )

    public init() {}

    /// Parses and runs, exiting with leadq's codes: bad usage is 2, as for any other bad input.
    public static func runMain(_ arguments: [String]? = nil) -> Never {
        // A closed pipe shows as EPIPE where it happens (see `BrokenPipe`), not as a sudden death.
        signal(SIGPIPE, SIG_IGN)
        Output.holdStandardDescriptors()
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Output.closeStdout()
            Glibc.exit(0)
        } catch let e as ExitCodeError {
            Glibc.exit(e.code)
        } catch {
            Glibc.exit(parserExit(error))
        }
    }

    /// The parser's own messages quote the arguments, which are untrusted: inert on stderr. Help and
    /// `--version` (leadq's own text) go to stdout, checked like any output.
    private static func parserExit(_ error: Error) -> Int32 {
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { Output.out(message) }
            Output.closeStdout()
            return 0
        }
        for line in Inert.text(message) { Output.err(line) }
        return code == .validationFailure ? Exit.usage : Exit.store
    }
}

/// Options shared by the commands that open a store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The store: a directory, or a postgresql:// URL (in a build with PostgreSQL).")
    var store: String?

    // Empty is a mistake (an unset variable in a script), not a request for the default store.
    func validate() throws {
        if store == "" {
            throw ValidationError("--store is empty: give the store's directory, or leave --store out for the default")
        }
    }
}

struct RepOptions: ParsableArguments {
    @Option(name: .long, help: "Who is acting (default: $LEADQ_REP, else your login name).")
    var rep: String?

    func validate() throws {
        if rep == "" {
            throw ValidationError(
                "--rep is empty: give a rep's id, or leave --rep out for $LEADQ_REP or your login name")
        }
    }
}

struct JSONOption: ParsableArguments {
    @Flag(name: .long, help: "Print JSON for other programs.")
    var json = false
}
