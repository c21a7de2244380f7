import Foundation
import LeadqApp
import LeadqCurses
import LeadqDemo
import LeadqDomain
import LeadqStore
import LeadqUI

/// What `leadq` (the console) was asked for on its command line.
public struct ConsoleRequest: Sendable {
    public var store: String?
    public var rep: String?
    public var demo = false
    public var theme: String?
    public var noColor = false
    public var manager = false

    public init(store: String?, rep: String?, demo: Bool, theme: String?, noColor: Bool, manager: Bool) {
        (self.store, self.rep, self.demo, self.theme, self.noColor, self.manager) = (
            store, rep, demo, theme, noColor, manager
        )
    }
}

/// How the console ended: the rep quit (with a line to print after, if any), or a signal ended it
/// once the terminal was restored.
public enum ConsoleEnd: Equatable, Sendable {
    case quit(afterword: String?)
    case signal(exitCode: Int32)
}

/// Puts the console together: the store and the rep, the theme, the key bindings, the terminal.
public enum ConsoleLauncher {
    @MainActor
    public static func run(_ request: ConsoleRequest, environment env: AppEnvironment) throws -> ConsoleEnd {
        let (ws, location) = try open(request, environment: env)
        let rep = ws.actor
        let settings = ws.settings
        guard let me = settings.rep(rep) else { throw Rules.notOnTeam(rep, listing: settings) }
        let loader = ThemeLoader(environment: env.variables)
        let (themeName, chosen, warning) = theme(request, loader, environment: env, team: settings.theme)
        let now = ws.now()
        let teamView = request.manager || me.role == .manager
        var config = ConsoleConfig(
            rep: rep, repName: me.name, storeLabel: request.demo ? "demo store \(location)" : location,
            utcOffset: ws.offset(at: now), zone: ws.zone, themeNames: loader.availableNames(), manager: teamView)
        config.dayMonthOrder = ws.dayMonthOrder
        var initial = ConsoleState(
            config: config, settings: settings, size: Size(width: 80, height: 24), now: now,
            theme: warning == nil ? themeName : "default")
        let keys = KeymapFile.load(environment: env.variables)
        // The team's SLA breaches first: the nearest (or longest passed) deadline on top.
        let order: QueueOrder = teamView ? .deadline : initial.queue.order
        var options = CursesOptions(environment: env.variables, noColor: request.noColor, theme: chosen)
        options.mouse = settings.console.mouse
        initial.colorOff = options.colorDisabled
        // The console is never freed: the process ends once it is done, and freeing a manager's
        // 60,000 leads would keep the terminal (then the shell's prompt) waiting a tenth of a second.
        var finished: ConsoleApp?
        defer { if let finished { _ = Unmanaged.passRetained(finished) } }
        do {
            let session = ConsoleSession(workspace: ws, manager: teamView)
            try withCursesScreen(options) { screen in
                let app = ConsoleApp(
                    state: initial, terminal: screen, session: session, clock: { ws.now() },
                    boxStyle: screen.boxStyle, loadTheme: { try loader.load($0) },
                    rememberTheme: { try ThemeChoice.save($0, environment: env.variables) })
                app.dispatch(.configured(keymap: keys.keymap, order: order))
                if !keys.warnings.isEmpty { app.dispatch(.warnings(keys.warnings)) }
                if let warning { app.dispatch(.failed(warning)) }
                finished = app
                try app.run(loadingInBackground: true)
            }
        } catch let e as CursesError {
            throw BadInput("the console needs a terminal: \(e)")
        } catch let e as TerminalSignal {
            return .signal(exitCode: e.exitCode)
        }
        return .quit(
            afterword: request.demo
                ? "The demo store stays at \(location) (leadq queue --store \(location) --rep \(rep))." : nil)
    }

    /// The store the console works on, opened for the rep asked for: with `--demo`, a new demo store
    /// (and its default rep unless one was named).
    static func open(_ request: ConsoleRequest, environment env: AppEnvironment) throws -> (Workspace, String) {
        try env.checkClock()
        var location = env.storeLocation(request.store)
        var requested = env.requestedActor(request.rep)
        if request.demo {
            location = request.store ?? NSTemporaryDirectory() + "leadq-demo-\(getpid())"
            try Maintenance.createDemo(at: location, leads: 300, seed: 42, now: try env.now(), replacing: false)
            if request.rep == nil { requested = DemoStore.defaultRep }
        }
        return (try Workspace.open(location, actor: requested, environment: env), location)
    }

    /// The theme the session starts with, loaded; a theme that doesn't load leaves the default and
    /// a warning for the status line.
    static func theme(
        _ request: ConsoleRequest, _ loader: ThemeLoader, environment env: AppEnvironment, team: String
    ) -> (name: String, theme: Theme, warning: String?) {
        let name = ThemeChoice.starting(
            flag: request.theme, remembered: ThemeChoice.load(environment: env.variables), team: team)
        do {
            return (name, try loader.load(name), nil)
        } catch {
            return (name, Theme.builtinDefault, "Theme not loaded, using the default: \(error)")
        }
    }
}
