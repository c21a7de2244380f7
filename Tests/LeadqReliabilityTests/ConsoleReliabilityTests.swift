import Foundation
import LeadqConsole
import LeadqDemo
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import LeadqUI
import Testing

/// The console, driven through its runtime on an in-memory screen, against a real store: other
/// processes writing meanwhile, a disk that fills up, and leads full of hostile text.
@MainActor @Suite(.serialized) struct ConsoleReliabilityTests {
    let dir = TempDirectory("leadq-console-rel")
    var path: String { dir.path + "/store" }
    let now = Instant(iso8601: "2026-11-23T10:00:00Z")!

    func console(fs: FileSystem = PosixFileSystem(), size: Size = Size(width: 120, height: 32)) throws -> (
        ConsoleApp, MemoryScreen
    ) {
        let store = try FileStore.open(path, fs: fs)
        let screen = MemoryScreen(width: size.width, height: size.height)
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

    func press(_ app: ConsoleApp, _ keys: Key...) {
        for k in keys { app.dispatch(.key(k)) }
        app.render()
    }

    var status: (ConsoleApp) -> String { { $0.state.status?.text ?? "" } }

    /// While eight processes log contacts on ana's leads (and one compacts), the console polls and
    /// ana works her queue. Every change the others saved shows up; every action of hers was made
    /// against the version she saw, so one that raced another process is refused and says so,
    /// instead of overwriting it; at the end the console's queue is exactly what the files hold.
    @Test func aConsoleOpenWhileOtherProcessesWriteShowsTheirChangesAndOverwritesNothing() throws {
        let (settings, leads) = DemoStore(leads: 200, seed: 42, now: now).generate()
        try FileStore.create(at: path, settings: settings, leads: leads)
        let (app, _) = try console()
        let targets = app.state.queue.visible
        #expect(targets.count >= 8)
        let stop = dir.path + "/stop"
        let compactor = try ChildProcess(ChildProcess.crashChild, ["compact-loop", "--store", path, "--stop", stop])
        let workers = try (0..<8).map { w in
            try ChildProcess(
                ChildProcess.crashChild,
                [
                    "worker", "--store", path, "--id", String(w), "--actions", String(RunLength.pick(30, 300)),
                    "--leads", targets.shuffled().prefix(3).joined(separator: ","), "--as", "mia",
                ])
        }
        var (saved, refusedStale, polls) = workTheQueue(app, whileRunning: workers)
        #expect(FileManager.default.createFile(atPath: stop, contents: nil))
        compactor.wait(timeout: 60)
        let acked = acknowledged(by: workers)
        app.step()
        // With the others done (a short run may leave ana few turns, all of them raced), her next
        // action has nothing to race: it must be saved.
        if let id = app.state.queue.visible.first, let entry = app.state.queue[id] {
            press(app, .char("g"))
            if entry.lead.stage == .assigned { press(app, .char("a")) } else { press(app, .char("f"), .char("1")) }
            // Over her own follow-up the console asks first (issue 14): she says yes.
            if case .confirmReplace = app.state.mode { press(app, .char("y")) }
            #expect(status(app).contains("· saved"), "\(status(app))")
            if status(app).contains("· saved") { saved += 1 }
            if app.state.mode != .normal { app.dispatch(.key(.escape)) }
        }
        // Nothing another process saved was overwritten or lost.
        let audit = try StoreAudit(path)
        for (seq, lead, e) in acked {
            if let why = audit.mismatch(seq, lead: lead, e) { Issue.record("acknowledged \(why)") }
        }
        try expectQueueIsTheStores(app)
        #expect(saved > 0)
        RunLength.report(
            "console with 8 writers",
            "\(acked.count) events by other processes all present and shown; ana saved \(saved) actions over \(polls) polls, \(refusedStale) refused as changed meanwhile"
        )
    }

    /// Ana works while the workers run: accepts what is assigned, logs a call on what is accepted.
    /// Returns how many of her actions were saved, how many refused as raced, and the polls.
    func workTheQueue(_ app: ConsoleApp, whileRunning workers: [ChildProcess]) -> (
        saved: Int, refusedStale: Int, polls: Int
    ) {
        var saved = 0
        var refusedStale = 0
        var polls = 0
        var running = true
        while running {
            app.step()
            polls += 1
            let visible = app.state.queue.visible
            if !visible.isEmpty {
                let i = Int.random(in: 0..<visible.count)
                press(app, .char("g"))
                for _ in 0..<i { app.dispatch(.key(.char("j"))) }
                guard let id = app.state.selected, let entry = app.state.queue[id] else { continue }
                if entry.lead.stage == .assigned { press(app, .char("a")) } else { press(app, .char("f"), .char("1")) }
                let said = status(app)
                if app.state.mode != .normal { app.dispatch(.key(.escape)) }
                if said.contains("· saved") { saved += 1 }
                if said.contains("changed meanwhile") {
                    refusedStale += 1
                    #expect(said.contains("Nothing was saved"))
                }
            }
            running = workers.contains {
                $0.killedBySignal == nil && !$0.exitedNormally && !$0.pump(until: ChildProcess.monotonic() + 0.005)
            }
        }
        return (saved, refusedStale, polls)
    }

    /// Every event the workers reported saved, once they have all ended (normally).
    func acknowledged(by workers: [ChildProcess]) -> [(Int64, String, ChildLog.Expected)] {
        var acked: [(Int64, String, ChildLog.Expected)] = []
        for w in workers {
            w.wait()
            #expect(w.exitedNormally, "\(w.stderr)")
            var intents: [Int: [ChildLog.Expected]] = [:]
            for line in w.lines {
                switch ChildLog.parse(line) {
                case .intent(let n, _, let e): intents[n] = e
                case .ack(let n, let s): for (x, e) in zip(s, intents[n] ?? []) { acked.append((x.seq, x.lead, e)) }
                default: break
                }
            }
        }
        return acked
    }

    /// The console shows exactly what the files hold.
    func expectQueueIsTheStores(_ app: ConsoleApp) throws {
        let truth = try FileStore.open(path).leads(ownedBy: "ana")
        #expect(Set(app.state.queue.entries.values.map(\.id)) == Set(truth.map(\.id)))
        for l in truth {
            let shown = app.state.queue[l.id]?.lead
            #expect(
                shown == l,
                "\(l.id) on screen differs from the store: version \(String(describing: shown?.version)) vs \(l.version), \(String(describing: shown?.history.count)) vs \(l.history.count) entries"
            )
        }
    }

    /// The disk fills up while the console is open: it stays up, says why the action wasn't saved,
    /// shows the lead as it still is, and saves again once there is room.
    @Test func aFullDiskKeepsTheConsoleUpAndLosesNothing() throws {
        let (settings, leads) = DemoStore(leads: 60, seed: 42, now: now).generate()
        try FileStore.create(at: path, settings: settings, leads: leads)
        var full = false
        let fs = FaultyFileSystem()
        fs.plan = { call in
            full && (call.op == .write || (call.op == .open && call.how != "read")) ? .error(ENOSPC) : nil
        }
        let (app, screen) = try console(fs: fs)
        guard let id = app.state.queue.visible.first(where: { app.state.queue[$0]?.lead.stage == .assigned }) else {
            Issue.record("no assigned lead in ana's queue")
            return
        }
        while app.state.selected != id { press(app, .char("j")) }
        full = true
        press(app, .char("a"))
        #expect(
            status(app).contains("no space left on the disk (ENOSPC)") && status(app).contains("not saved"),
            "\(status(app))")
        #expect(screen.snapshot().contains("ENOSPC"))
        #expect(app.state.queue[id]?.lead.stage == .assigned)
        #expect(try FileStore.open(path).lead(id)?.stage == .assigned)
        #expect(!app.state.quitting)
        // Still usable: moving around, reading.
        press(app, .char("j"), .char("k"), .enter)
        full = false
        while app.state.selected != id { press(app, .char("j")) }
        press(app, .char("a"))
        #expect(status(app).contains("· saved"), "\(status(app))")
        #expect(try FileStore.open(path).lead(id)?.stage == .accepted)
    }

    /// Leads whose every field carries escape sequences, C1 controls, bidi overrides and the like,
    /// drawn in the queue, in the detail pane, and in the status line after an action: every cell on
    /// the screen is inert.
    @Test func hostileLeadsAreInertOnScreen() throws {
        let leads = Hostile.keys.indices.map { i in
            LeadScript(LeadID.make(i + 1), profile: Hostile.profile(i), firstSeq: Int64(i * 10 + 1)).assign("ana").lead
        }
        let s = try FileStore.create(at: path, settings: Fixture.settings, leads: leads)
        for (i, l) in leads.enumerated() {
            try s.perform(
                .contact(
                    channel: .call, outcome: .noAnswer, direction: .outbound, note: Hostile.payloads[Hostile.keys[i]]!),
                on: l.id, as: "ana", at: now)
        }
        let (app, screen) = try console()
        func check(_ what: String) {
            let text = screen.snapshot(trimTrailing: false)
            let bad = Hostile.unsafeScalars(text)
            #expect(bad.isEmpty, "\(what): \(Set(bad).sorted())")
        }
        check("queue")
        press(app, .enter)
        for _ in leads {
            check("detail of \(app.state.selected ?? "?")")
            press(app, .char("J"), .char("J"))
            check("detail scrolled")
            press(app, .char("j"))
        }
        press(app, .char("g"), .char("a"))
        #expect(status(app).contains("· saved"))
        check("status line after accepting")
        #expect(screen.snapshot().contains("␛"), "the hostile text should show as placeholders, not vanish")
    }
}
