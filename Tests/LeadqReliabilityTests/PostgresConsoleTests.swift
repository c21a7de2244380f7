#if Postgres
import Foundation
import LeadqConsole
import LeadqDemo
import LeadqDomain
import LeadqStore
import LeadqTestSupport
import LeadqUI
import Testing

/// The console on PostgreSQL, driven turn by turn through its runtime on an in-memory screen:
/// other machines' changes arrive by NOTIFY, and a lost connection (ended by an administrator, a
/// server restart) leaves it up, offline, refusing to save, until it connects again and catches up.
@MainActor @Suite(.serialized, .enabled(if: StoreKinds.skipped == nil, "no PostgreSQL server for the tests"))
struct PostgresConsoleTests {
    let now = Instant(iso8601: "2026-11-23T10:00:00Z")!
    /// What the runtime's loop waits for a key between turns on a store that announces changes.
    let turnMs: UInt32 = 50

    func console(_ place: StorePlace) throws -> (ConsoleApp, MemoryScreen) {
        let store = try place.open()
        let screen = MemoryScreen(width: 120, height: 32)
        let config = ConsoleConfig(
            rep: "ana", repName: "Ana Souza", storeLabel: "test", utcOffset: 0, themeNames: ["default"])
        let state = ConsoleState(
            config: config, settings: store.settings, size: screen.size, now: now, theme: "default")
        let fixed = now
        let app = ConsoleApp(
            state: state, terminal: screen, session: ConsoleSession(store: store, rep: "ana"), clock: { fixed },
            loadTheme: { _ in .builtinDefault })
        try app.start()
        return (app, screen)
    }

    func demo(_ place: StorePlace) throws {
        let (settings, leads) = DemoStore(leads: 60, seed: 42, now: now).generate()
        _ = try place.create(settings: settings, leads: leads)
    }

    /// Turns the loop as the runtime does until `done` holds; the seconds it took, or nil.
    func turns(within seconds: Double, until done: (ConsoleApp) -> Bool, _ app: ConsoleApp) throws -> Double? {
        let start = ChildProcess.monotonic()
        while ChildProcess.monotonic() - start < seconds {
            try app.turn()
            if done(app) { return ChildProcess.monotonic() - start }
            usleep(turnMs * 1000)
        }
        return nil
    }

    func leadq(_ args: [String], _ place: StorePlace) throws -> LeadqProcess.Result {
        try LeadqProcess.run(args + ["--store", place.location], env: ["LEADQ_NOW": now.iso8601])
    }

    /// Puts the cursor on ana's first assigned lead and presses accept.
    func acceptFirstAssigned(_ app: ConsoleApp) -> String? {
        guard
            let lead = app.state.queue.visible.compactMap({ app.state.queue[$0]?.lead }).first(where: {
                $0.stage == .assigned
            })
        else { return nil }
        app.dispatch(.key(.char("g")))
        while app.state.selected != lead.id { app.dispatch(.key(.char("j"))) }
        app.dispatch(.key(.char("a")))
        app.render()
        return lead.id
    }

    /// Another process logs a call on one of ana's leads: her console shows it within a quarter
    /// second of that process saying it saved, without asking the server anything meanwhile.
    @Test func anotherProcesssChangeShowsWithinAQuarterSecond() throws {
        let place = try PostgresHarness.kind.place()
        try demo(place)
        let (app, screen) = try console(place)
        #expect(!app.session.store.changesWaiting, "idle, it has nothing to ask the server")
        let id = try #require(app.state.queue.visible.first)
        let before = app.state.queue[id]?.lead.version
        let child = try ChildProcess(
            ChildProcess.crashChild,
            ["worker", "--store", place.location, "--id", "0", "--actions", "1", "--leads", id, "--as", "mia"])
        var (acked, shown): (Double?, Double?) = (nil, nil)
        let deadline = ChildProcess.monotonic() + 20
        while shown == nil && ChildProcess.monotonic() < deadline {
            // The loop's wait for a key, spent reading what the other process says.
            let turnEnds = ChildProcess.monotonic() + Double(turnMs) / 1000
            child.pump(until: turnEnds) { $0.contains { $0.hasPrefix("ack ") } }
            if acked == nil, child.lines.contains(where: { $0.hasPrefix("ack ") }) { acked = ChildProcess.monotonic() }
            let left = turnEnds - ChildProcess.monotonic()
            if left > 0 { usleep(UInt32(left * 1e6)) }
            try app.turn()
            if app.state.queue[id]?.lead.version != before { shown = ChildProcess.monotonic() }
        }
        child.wait()
        // The console may show the change before its "ack" line is read from the other process's
        // pipe: then it showed no later than the save was known here.
        if acked == nil, shown != nil, child.lines.contains(where: { $0.hasPrefix("ack ") }) { acked = shown }
        let saved = try #require(acked, "the other process never saved: \(child.lines) \(child.stderr)")
        let seen = try #require(shown, "the change never showed")
        let ms = Int(max(0, seen - saved) * 1000)
        #expect(ms < 250, "shown \(ms) ms after the other process saved")
        #expect(app.state.queue[id]?.lead.work.contacts.last?.contact.note == "w0.0")
        #expect(screen.snapshot().contains(id))
        RunLength.report("postgres console", "another process's change shown \(ms) ms after it was saved")
    }

    /// The administrator ends the console's connection while the database turns new ones away: the
    /// console says it is offline, refuses an action, and once it can connect again shows what
    /// was saved meanwhile and saves again.
    @Test func aTerminatedConnectionGoesOfflineRefusesThenCatchesUp() throws {
        let admin = try PostgresHarness.server.get()
        let (url, name) = try PostgresHarness.freshDatabase()
        let place = PostgresHarness.place(url: url)
        try demo(place)
        let writer = try place.open()
        let (app, screen) = try console(place)
        try PostgresRaw(url: admin).run("ALTER DATABASE \(name) ALLOW_CONNECTIONS false")
        try PostgresHarness.terminate(app.session.store, admin: admin)
        #expect(try turns(within: 5, until: { $0.state.offline != nil }, app) != nil)
        let said = app.state.status?.text ?? ""
        #expect(screen.snapshot().contains("Offline: \(app.session.store.location)"), "\(screen.snapshot())")
        #expect(said.contains("not currently accepting connections"), "\(said)")

        let refused = try #require(acceptFirstAssigned(app))
        #expect(app.state.status?.text.hasPrefix("Not saved: offline") == true, "\(app.state.status?.text ?? "")")
        _ = try writer.refresh()
        #expect(try writer.lead(refused)?.stage == .assigned, "saved while offline")

        let pool = try #require(try writer.unassigned().first?.id)
        try writer.perform(.assign(to: "ana", rule: nil), on: pool, as: "mia", at: now)
        try PostgresRaw(url: admin).run("ALTER DATABASE \(name) ALLOW_CONNECTIONS true")
        #expect(try turns(within: 15, until: { $0.state.offline == nil && $0.state.queue[pool] != nil }, app) != nil)
        #expect(try PostgresHarness.backendPID(app.session.store) > 0)

        let accepted = try #require(acceptFirstAssigned(app))
        #expect(app.state.status?.text.contains("· saved") == true, "\(app.state.status?.text ?? "")")
        #expect(try place.open().lead(accepted)?.stage == .accepted)
    }

    /// The network between the console and the server goes quiet (the server's host takes a new
    /// connection and never answers): the console says it is offline and keeps answering keys, every
    /// turn quick, instead of waiting for a connection; when the network is back it catches up.
    @Test func aServerThatNeverAnswersLeavesTheConsoleAnswering() throws {
        let admin = try PostgresHarness.server.get()
        let (socketURL, _) = try PostgresHarness.freshDatabase()
        let proxy = try SilentHostProxy(forwardingTo: try PostgresHarness.socketPath(of: socketURL))
        defer { proxy.stop() }
        let url = try PostgresHarness.overTCP(socketURL, port: proxy.port, schema: "quiet")
        let place = PostgresHarness.place(url: url)
        try demo(place)
        let (app, screen) = try console(place)
        proxy.silence()
        try PostgresHarness.terminate(app.session.store, admin: admin)
        #expect(try turns(within: 5, until: { $0.state.offline != nil }, app) != nil)
        #expect(screen.snapshot().contains("Offline:"), "\(screen.snapshot())")
        // Two seconds of turns and keys while every try to connect hangs: none waits for it.
        var slowest = 0.0
        let until = ChildProcess.monotonic() + 2
        while ChildProcess.monotonic() < until {
            let start = ChildProcess.monotonic()
            try app.turn()
            app.dispatch(.key(.char("j")))
            app.render()
            slowest = max(slowest, ChildProcess.monotonic() - start)
        }
        #expect(slowest < 0.5, "a turn took \(slowest) s while the server never answered")
        #expect(app.state.offline != nil)
        let refused = try #require(acceptFirstAssigned(app))
        #expect(app.state.status?.text.hasPrefix("Not saved: offline") == true, "\(app.state.status?.text ?? "")")

        proxy.speak()
        let direct = PostgresHarness.place(url: socketURL + "&schema=quiet")
        let writer = try direct.open()
        #expect(try writer.lead(refused)?.stage == .assigned, "saved while offline")
        let pool = try #require(try writer.unassigned().first?.id)
        try writer.perform(.assign(to: "ana", rule: nil), on: pool, as: "mia", at: now)
        #expect(try turns(within: 20, until: { $0.state.offline == nil && $0.state.queue[pool] != nil }, app) != nil)
        let accepted = try #require(acceptFirstAssigned(app))
        #expect(app.state.status?.text.contains("· saved") == true, "\(app.state.status?.text ?? "")")
        #expect(try direct.open().lead(accepted)?.stage == .accepted)
        RunLength.report("postgres console", "slowest turn while the server never answered: \(Int(slowest * 1000)) ms")
    }

    /// The server restarts under the console: offline while it is down, an action refused, then
    /// connected again with what another process saved after the restart.
    @Test func aServerRestartGoesOfflineThenCatchesUp() throws {
        let cluster = try PostgresCluster()
        defer { cluster.remove() }
        let place = PostgresHarness.place(url: cluster.url + "&schema=restart")
        try demo(place)
        let (app, screen) = try console(place)
        try cluster.stop()
        #expect(try turns(within: 5, until: { $0.state.offline != nil }, app) != nil)
        #expect(screen.snapshot().contains("Offline: \(app.session.store.location)"), "\(screen.snapshot())")
        let refused = try #require(acceptFirstAssigned(app))
        #expect(app.state.status?.text.hasPrefix("Not saved: offline") == true, "\(app.state.status?.text ?? "")")

        try cluster.start()
        #expect(try place.open().lead(refused)?.stage == .assigned, "saved while offline")
        let pool = try #require(try place.open().unassigned().first?.id)
        #expect(try leadq(["assign", pool, "--to", "ana", "--rep", "mia"], place).status == 0)
        #expect(try turns(within: 15, until: { $0.state.offline == nil && $0.state.queue[pool] != nil }, app) != nil)
        let accepted = try #require(acceptFirstAssigned(app))
        #expect(app.state.status?.text.contains("· saved") == true, "\(app.state.status?.text ?? "")")
        #expect(try place.open().lead(accepted)?.stage == .accepted)
    }
}
#endif
