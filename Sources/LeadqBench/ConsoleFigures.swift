import Foundation
import LeadqConsole
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import LeadqUI

/// What is measured inside one process: the console's own code on a real store, through
/// `ConsoleSession` and `ConsoleApp` exactly as `leadq` runs them, with a scripted terminal.
@MainActor
struct ConsoleFigures {
    let now: Instant
    /// The terminal the console draws on (the tmux figures use the same size).
    let size: Size

    /// A console as `leadq` (the console command) sets one up, on an open store.
    func app(_ store: any LeadStore, rep: String, manager: Bool, terminal: ScriptedTerminal) throws -> ConsoleApp {
        guard let me = store.settings.rep(rep) else { throw BenchError("\(rep) is not on the store's team") }
        let config = ConsoleConfig(
            rep: rep, repName: me.name, storeLabel: store.location, utcOffset: 0,
            themeNames: ["default"], manager: manager)
        let state = ConsoleState(config: config, settings: store.settings, size: size, now: now, theme: "default")
        let session = ConsoleSession(store: store, rep: rep, manager: manager)
        let fixed = now
        let app = ConsoleApp(
            state: state, terminal: terminal, session: session, clock: { fixed },
            loadTheme: { _ in Theme.builtinDefault })
        // The order a manager's console opens on, sent as `ConsoleLauncher` sends it.
        if manager { app.dispatch(.configured(keymap: Keymap(), order: .deadline)) }
        return app
    }

    /// Runs the console's loop until the terminal's script ends.
    func run(_ app: ConsoleApp) throws {
        do { try app.run() } catch is TerminalSignal {}
    }

    // MARK: - start

    /// The console's start without a terminal: open the store, then load, sort and draw the queue.
    func start(_ path: String, rep: String, manager: Bool) throws -> (open: Double, firstFrame: Double) {
        let t0 = Monotonic.seconds()
        let store = try FileStore.open(path)
        let open = Monotonic.ms(since: t0)
        let t1 = Monotonic.seconds()
        let term = ScriptedTerminal(size: size, pace: .backToBack) { _ in nil }
        let console = try app(store, rep: rep, manager: manager, terminal: term)
        try console.start()
        let frame = Monotonic.ms(since: t1)
        return (open, frame)
    }

    // MARK: - saving

    /// One action saved durably inside a running console: `ConsoleSession.perform` (the writer lock,
    /// catching up, the rules, one append and one fsync, then the state) for each rep's own leads,
    /// their queue loaded first as their console has it. Each lead gets accepted (if still
    /// assigned), a logged call, then a rejection, until every kind has `samples`.
    func saves(_ path: String, samples: Int) throws -> [String: Samples] {
        try saves(try FileStore.open(path), samples: samples)
    }

    /// The same on any store (the PostgreSQL figures).
    func saves(_ store: any LeadStore, samples: Int) throws -> [String: Samples] {
        var out: [String: Samples] = [:]
        func full(_ kind: String) -> Bool { (out[kind]?.count ?? 0) >= samples }
        func timed(_ kind: String, _ session: ConsoleSession, _ command: Command, _ lead: Lead) throws -> Lead {
            // What `ConsoleSession.perform` runs for the console's selected lead, as the rep saw it.
            let t0 = Monotonic.seconds()
            let change = try session.store.perform(
                command, on: lead.id, as: session.rep, at: now, expecting: lead.version)
            out[kind, default: Samples()].add(Monotonic.ms(since: t0))
            return change.lead
        }
        for rep in BenchStores.workers(store) where !(full("accept") && full("contact") && full("reject")) {
            let session = ConsoleSession(store: store, rep: rep)
            for var lead in try session.store.leads(ownedBy: rep).sorted(by: { LeadID.precedes($0.id, $1.id) }) {
                if lead.stage == .assigned && !full("accept") { lead = try timed("accept", session, .accept, lead) }
                if !lead.profile.doNotContact && !full("contact") {
                    lead = try timed(
                        "contact", session,
                        .contact(channel: .call, outcome: .noAnswer, direction: .outbound, note: ""), lead)
                }
                if !full("reject") { _ = try timed("reject", session, .reject(reason: "no-budget", note: ""), lead) }
            }
        }
        return out
    }

    // MARK: - keys

    /// Key → redrawn frame through the console's loop, each key typed once the last is drawn (or on
    /// a schedule, `pace`): scrolling (j, k, page down/up, first/last) and typing a filter (letters,
    /// backspace, Esc).
    func keys(_ path: String, rep: String, manager: Bool, samples: Int, pace: ScriptedTerminal.Pace = .backToBack)
        throws -> [String: Samples]
    {
        let store = try FileStore.open(path)
        let scroll: [Key] =
            Array(repeating: .char("j"), count: 12) + [.pageDown, .pageDown, .pageDown]
            + Array(repeating: .char("k"), count: 6) + [.pageUp, .char("G"), .char("k"), .char("k"), .char("g")]
        let filter: [Key] =
            [.char("/")] + "mar".map { .char($0) } + [.backspace, .backspace, .backspace]
            + "tech".map { .char($0) } + [.backspace, .escape]
        var block: [ScriptKey] = []
        while block.count < 2 * samples {
            block += scroll.map { ScriptKey($0, "scroll") }
            block += filter.map { ScriptKey($0, "filter") }
        }
        let script = block
        let term = ScriptedTerminal(size: size, pace: pace) { i in i < script.count ? script[i] : nil }
        try run(try app(store, rep: rep, manager: manager, terminal: term))
        return term.latencies
    }

    /// An action's keys through the console's loop, the last key timed until the frame saying
    /// "saved": accept (`a`), a call with no answer (`c c n Enter`), a rejection (`r b`).
    func actionKeys(_ path: String, rep: String, samples: Int) throws -> [String: Samples] {
        let store = try FileStore.open(path)
        var pending: [ScriptKey] = []
        var rejects = 0
        weak var appRef: ConsoleApp?
        // Each lead in turn: accepted if still assigned, a call logged unless do-not-contact,
        // then rejected (it leaves the queue and the cursor lands on the next one).
        let term = ScriptedTerminal(size: size, pace: .backToBack) { _ in
            if pending.isEmpty, rejects < samples, let app = appRef, app.state.mode == .normal,
                let lead = app.state.selectedEntry?.lead
            {
                if lead.stage == .assigned { pending.append(ScriptKey(.char("a"), "accept")) }
                if !lead.profile.doNotContact {
                    pending += [
                        ScriptKey(.char("c"), nil), ScriptKey(.char("c"), nil), ScriptKey(.char("n"), nil),
                        ScriptKey(.enter, "contact"),
                    ]
                }
                pending += [ScriptKey(.char("r"), nil), ScriptKey(.char("b"), "reject")]
                rejects += 1
            }
            return pending.isEmpty ? nil : pending.removeFirst()
        }
        let app = try app(store, rep: rep, manager: false, terminal: term)
        appRef = app
        try run(app)
        if let s = app.state.status, s.kind == .error { throw BenchError("an action failed in the console: \(s.text)") }
        return term.latencies
    }

    // MARK: - compaction

    /// Stages `events` logged calls (inbound, so do-not-contact leads take them too) across every
    /// rep's queue, so the journal is long enough for the console to compact.
    static func fillJournal(_ path: String, events: Int, now: Instant) throws {
        let store = try FileStore.open(path)
        var staged = 0
        let reps = BenchStores.workers(store)
        var queues: [String: [String]] = [:]
        for rep in reps { queues[rep] = try store.leads(ownedBy: rep).map(\.id).sorted(by: LeadID.precedes) }
        let contact = Command.contact(channel: .email, outcome: .replied, direction: .inbound, note: "")
        while staged < events {
            let before = staged
            for rep in reps where staged < events {
                let ids = queues[rep] ?? []
                guard !ids.isEmpty else { continue }
                try store.transact(as: rep, at: now) { tx in
                    for id in ids.prefix(events - staged) {
                        if case .success = try tx.attempt(contact, on: id) { staged += 1 }
                    }
                }
            }
            guard staged > before else { throw BenchError("no lead in \(path) takes a logged contact") }
        }
    }

    struct CompactionRun {
        /// Every key typed from the console's start until the compaction finished.
        var latencies: [String: Samples]
        /// The largest of them.
        var worst: Double
        /// From the console's start until the new snapshot replaced the old one.
        var seconds: Double
        /// Snapshots that appeared while the console ran (the first compaction's, and any after it).
        var snapshotsWritten: Int
        /// The slowest keys: label, seconds after the console started, latency.
        var slowest: [(label: String, at: Double, ms: Double)]
    }

    /// The console on a store whose journal is due for compaction, keys typed every `everyMs`
    /// (scrolling, and a logged call every 16 keys, which takes the writer lock and fsyncs) while
    /// its background compaction runs; then `after` seconds more, to see whether it compacts again.
    func compaction(_ path: String, rep: String, everyMs: Double, after: Double, timeout: Double = 120) throws
        -> CompactionRun
    {
        let store = try FileStore.open(path)
        guard store.compactionDue else { throw BenchError("\(path) is not due for compaction") }
        let first = store.snapshotSeq
        let block: [ScriptKey] =
            Array(repeating: ScriptKey(.char("j"), "scroll"), count: 6)
            + Array(repeating: ScriptKey(.char("k"), "scroll"), count: 6)
            + [
                ScriptKey(.char("c"), "dialog"), ScriptKey(.char("c"), "dialog"), ScriptKey(.char("n"), "dialog"),
                ScriptKey(.enter, "action"),
            ]
        let t0 = Monotonic.seconds()
        var done: Double?
        var seen: Set<Int64> = []
        let term = ScriptedTerminal(size: size, pace: .every(ms: everyMs)) { i in
            // A look at the directory every 8 keys: done once only newer snapshots remain.
            if i % 8 == 0 {
                let seqs = ConsoleFigures.snapshotSeqs(path)
                seen.formUnion(seqs)
                if done == nil, !seqs.isEmpty, seqs.allSatisfy({ $0 > first }) { done = Monotonic.seconds() }
            }
            let now = Monotonic.seconds()
            if let d = done, now > d + after { return nil }
            if now - t0 > timeout { return nil }
            return block[i % block.count]
        }
        try run(try app(store, rep: rep, manager: false, terminal: term))
        guard let finished = done else {
            throw BenchError("the console's compaction did not finish within \(Int(timeout)) s")
        }
        var during: [String: Samples] = [:]
        for k in term.log where k.arrived <= finished { during[k.label, default: Samples()].add(k.ms) }
        let worst = during.values.compactMap(\.max).max() ?? 0
        let slowest = term.log.filter { $0.arrived <= finished }.sorted { $0.ms > $1.ms }.prefix(5)
            .map { (label: $0.label, at: $0.arrived - t0, ms: $0.ms) }
        return CompactionRun(
            latencies: during, worst: worst, seconds: finished - t0,
            snapshotsWritten: seen.filter { $0 > first }.count, slowest: slowest)
    }

    /// The sequence numbers of the snapshots in a store directory (`snapshot-000000001234.jsonl`).
    static func snapshotSeqs(_ dir: String) -> [Int64] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).compactMap { name in
            guard name.hasPrefix("snapshot-"), name.hasSuffix(".jsonl") else { return nil }
            return Int64(name.dropFirst("snapshot-".count).dropLast(".jsonl".count))
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
