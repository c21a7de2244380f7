import ArgumentParser
import LeadqApp
import LeadqConsole

/// `leadq` with no subcommand: the full-screen console for one rep.
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "The full-screen console (what `leadq` runs by default).",
        discussion: "Press ? inside for every key. --demo opens a freshly generated demo store as ana.")
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var repOptions: RepOptions
    @Flag(name: .long, help: "Open a freshly generated demo store (in a temporary directory unless --store is given).")
    var demo = false
    @Option(
        name: .long,
        help: "Theme: default, light, high-contrast, mono, or one of yours in $XDG_CONFIG_HOME/leadq/themes.")
    var theme: String?
    @Flag(name: .customLong("no-color"), help: "No colours (also when NO_COLOR is set).") var noColor = false
    @Flag(name: .long, help: "The team view: every rep's queue and the unassigned pool (the default for managers).")
    var manager = false

    func run() throws {
        try guarded {
            let request = ConsoleRequest(
                store: storeOptions.store, rep: repOptions.rep, demo: demo, theme: theme,
                noColor: noColor, manager: manager)
            // The CLI runs on the main thread; curses and the console are confined to it.
            let end = try MainActor.assumeIsolated { try ConsoleLauncher.run(request, environment: CLIContext().app) }
            switch end {
            case .quit(let afterword): if let afterword { Output.out(afterword) }
            case .signal(let code): throw ExitCodeError(code)
            }
        }
    }
}
