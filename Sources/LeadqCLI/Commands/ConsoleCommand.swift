import ArgumentParser
import Foundation
import LeadqConsole
import LeadqCurses
import LeadqDemo
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqUI

/// `leadq` with no subcommand: the full-screen console for one rep.
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "The full-screen console (what `leadq` runs by default).",
        discussion: "Press ? inside for every key. --demo opens a freshly generated demo store as ana.")
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var repOptions: RepOptions
    @Flag(name: .long, help: "Open a freshly generated demo store (in a temporary directory unless --store is given).") var demo = false
    @Option(name: .long, help: "Theme: default, light, high-contrast, mono, or one of yours in $XDG_CONFIG_HOME/leadq/themes.") var theme: String?
    @Flag(name: .customLong("no-color"), help: "No colours (also when NO_COLOR is set).") var noColor = false
    @Flag(name: .long, help: "The team view: every rep's queue and the unassigned pool (the default for managers).") var manager = false

    func run() throws {
        try guarded {
            let ctx = CLIContext()
            var path = ctx.storePath(storeOptions.store)
            var rep = ctx.actor(repOptions.rep)
            if demo {
                path = storeOptions.store ?? NSTemporaryDirectory() + "leadq-demo-\(getpid())"
                let (settings, leads) = DemoStore(leads: 300, seed: 42, now: try ctx.now()).generate()
                try FileStore.create(at: path, settings: settings, leads: leads)
                if repOptions.rep == nil { rep = DemoStore.defaultRep }
            }
            let store = try FileStore.open(path)
            guard let me = store.settings.rep(rep) else {
                let team = store.settings.reps.map(\.id).joined(separator: ", ")
                throw Refusal("'\(rep)' is not on this store's team (\(team.isEmpty ? "nobody yet" : team)); pass --rep or set LEADQ_REP")
            }
            let loader = ThemeLoader(environment: ctx.environment)
            let themeName = theme ?? store.settings.theme
            var warning: String?
            var chosen = Theme.builtinDefault
            do { chosen = try loader.load(themeName) } catch { warning = "Theme not loaded, using the default: \(error)" }
            let now = try ctx.now()
            let teamView = manager || me.role == .manager
            let config = ConsoleConfig(rep: rep, repName: me.name, storeLabel: demo ? "demo store \(path)" : path,
                                       utcOffset: ctx.utcOffset(at: now), zone: ctx.zone, themeNames: loader.availableNames(), manager: teamView)
            var state = ConsoleState(config: config, settings: store.settings, size: Size(width: 80, height: 24), now: now,
                                     theme: warning == nil ? themeName : "default")
            state.keymap = try KeymapFile.load(environment: ctx.environment)
            // The team's SLA breaches first: the nearest (or longest passed) deadline on top.
            if teamView { state.queue.setOrder(.deadline) }
            let fixedNow = ctx.environment["LEADQ_NOW"].flatMap { $0.isEmpty ? nil : Instant(iso8601: $0) }
            let options = CursesOptions(environment: ctx.environment, noColor: noColor, theme: chosen)
            let initial = state
            do {
                // The CLI runs on the main thread; curses and the console are confined to it.
                try MainActor.assumeIsolated {
                    let session = ConsoleSession(store: store, rep: rep, manager: teamView)
                    try withCursesScreen(options) { screen in
                    let app = ConsoleApp(state: initial, terminal: screen, session: session,
                                         clock: { fixedNow ?? SystemClock.now() }, boxStyle: screen.boxStyle,
                                         loadTheme: { try loader.load($0) })
                    if let warning { app.dispatch(.failed(warning)) }
                    try app.run()
                    }
                }
            } catch let e as CursesError {
                throw CLIError.usage("the console needs a terminal: \(e)")
            }
            if demo { Output.out("The demo store stays at \(path) (leadq queue --store \(path) --rep \(rep)).") }
        }
    }
}
