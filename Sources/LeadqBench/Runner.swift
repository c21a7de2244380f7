import Foundation
import LeadqApp
import LeadqConsole
import LeadqDemo
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import LeadqUI

/// Measures every figure for each size and collects them.
@MainActor
final class Runner {
    let options: Options
    var results: Results
    var stores: BenchStores
    let console: ConsoleFigures

    struct Options {
        var sizes: [Int]
        var iterations: Int
        var samples: Int
        var compactions: Int
        var groups: Set<Group>
        var work: String
        var keep: Bool
        var leadq: String
        var managerUpTo: Int
        var seed: UInt64
        var reps: Int?
        var now: Instant
        var nowText: String
        var size: Size
    }

    init(_ o: Options) {
        options = o
        results = Results(sizes: o.sizes)
        stores = BenchStores(
            root: o.work, seed: o.seed, reps: o.reps, leadq: o.leadq, env: ["LEADQ_NOW": o.nowText, "TZ": "UTC"],
            keep: o.keep)
        console = ConsoleFigures(now: o.now, size: o.size)
    }

    var env: [String: String] { ["LEADQ_NOW": options.nowText, "TZ": "UTC"] }

    func say(_ size: Int, _ text: String) {
        FileHandle.standardError.write(Data("[\(Results.label(size))] \(text)\n".utf8))
    }

    func record(_ f: Figure, _ size: Int, _ s: Samples, in list: WritableKeyPath<Results, [Figure]> = \.targets) {
        results.record(f, size: size, s, in: list)
        guard let m = s.median else { return }
        let p99 = s.p99.map { " / p99 \(f.unit.format($0))" } ?? ""
        say(size, "\(f.what): \(f.unit.format(m))\(p99) \(f.unit.suffix) (n=\(s.count))")
    }

    func run() throws {
        for size in options.sizes {
            let base = try stores.base(size)
            if let made = base.made {
                record(Figures.demo, size, Samples([made.seconds]), in: \.more)
                record(Figures.demoRSS, size, Samples([Double(made.maxRSSKiB) / 1024]))
            }
            let g = options.groups
            if g.contains(.saves) { try saves(size) }
            if g.contains(.keys) { try keys(size) }
            if g.contains(.processes) || g.contains(.taskwarrior) { try processes(size) }
            if g.contains(.processes) { try reports(size) }
            if g.contains(.console) { try tmuxConsole(size) }
            if g.contains(.imports) || g.contains(.taskwarrior) { try imports(size) }
            if g.contains(.compaction) { try compaction(size) }
            if g.contains(.taskwarrior) { try taskwarrior(size) }
            if g.contains(.postgres) { try storesSideBySide(size) }
            stores.discard(base.path)
        }
    }

    // MARK: - in-process

    func saves(_ size: Int) throws {
        let path = try stores.copy(size, label: "saves")
        defer { stores.discard(path) }
        let s = try console.saves(path, samples: options.samples)
        for kind in ["accept", "reject", "contact"] { record(Figures.save(kind), size, s[kind] ?? Samples()) }

        let keysPath = try stores.copy(size, label: "action-keys")
        defer { stores.discard(keysPath) }
        let k = try console.actionKeys(keysPath, rep: Figures.rep, samples: options.samples)
        for (kind, keys) in [("accept", "a"), ("contact", "c c n Enter"), ("reject", "r b")] {
            record(Figures.key(kind, keys), size, k[kind] ?? Samples(), in: \.more)
        }
    }

    func keys(_ size: Int) throws {
        let path = try stores.base(size).path
        var open = Samples()
        var frame = Samples()
        for _ in 0..<max(3, options.iterations) {
            let t = try console.start(path, rep: Figures.rep, manager: false)
            open.add(t.open)
            frame.add(t.firstFrame)
        }
        record(Figures.startOpen, size, open, in: \.more)
        record(Figures.startFrame, size, frame, in: \.more)
        let rep = try console.keys(path, rep: Figures.rep, manager: false, samples: options.samples)
        record(Figures.keyScroll, size, rep["scroll"] ?? Samples())
        record(Figures.keyFilter, size, rep["filter"] ?? Samples())
        record(Figures.keySearch, size, try console.searchKeys(path, rep: Figures.rep, samples: options.samples))
        var index = Samples()
        for _ in 0..<max(3, options.iterations) { index.add(try console.searchIndex(path)) }
        record(Figures.searchIndex, size, index, in: \.more)
        let mgr = try console.keys(path, rep: Figures.manager, manager: true, samples: options.samples)
        record(Figures.managerScroll, size, mgr["scroll"] ?? Samples(), in: \.more)
        record(Figures.managerFilter, size, mgr["filter"] ?? Samples(), in: \.more)
        // Back to back, a long list's filter search ends between keys; typed this fast, keys land
        // while it runs and wait for its slice.
        let typed = try console.keys(
            path, rep: Figures.manager, manager: true, samples: options.samples, pace: .every(ms: 50))
        record(Figures.managerFilterTyped, size, typed["filter"] ?? Samples(), in: \.more)
    }

    func compaction(_ size: Int) throws {
        // One journal long enough to be due, copied for each compaction.
        let filled = try stores.copy(size, label: "journal")
        defer { stores.discard(filled) }
        let due = try FileStore.open(filled).settings.compactAfterEvents
        try ConsoleFigures.fillJournal(filled, events: due, now: options.now)
        var worst = Samples()
        var seconds = Samples()
        var snapshots = Samples()
        var keys: [String: Samples] = [:]
        for _ in 0..<options.compactions {
            let path = try stores.copy(from: filled, label: "compaction")
            defer { stores.discard(path) }
            let r = try console.compaction(path, rep: Figures.rep, everyMs: 10, after: 2)
            say(
                size,
                "compaction done \(fixed(r.seconds, 2)) s after the console started; slowest keys: "
                    + r.slowest.map { "\($0.label) at \(fixed($0.at, 2)) s: \(fixed($0.ms, 1)) ms" }.joined(
                        separator: ", "))
            worst.add(r.worst)
            seconds.add(r.seconds)
            snapshots.add(Double(r.snapshotsWritten))
            for (k, v) in r.latencies { keys[k, default: Samples()].add(contentsOf: v) }
        }
        record(Figures.compaction, size, worst)
        for kind in ["scroll", "dialog", "action"] {
            record(Figures.compactionKeys(kind), size, keys[kind] ?? Samples(), in: \.more)
        }
        record(Figures.compactionSeconds, size, seconds, in: \.more)
        record(Figures.compactionSnapshots, size, snapshots, in: \.more)
        // What one-shot commands cost just before the console would compact: they replay the journal.
        let q = try timed(options.iterations) { _ in ["queue", "--store", filled, "--rep", Figures.rep] }
        record(Figures.queueJournal(due), size, q.ms, in: \.more)
        // An action on such a store starts `leadq compact` detached and returns: each on its own copy,
        // the next timed once that compaction is done.
        let assigned = try assignedLeads(filled)
        let first = try FileStore.open(filled).snapshotSeq
        var a = Samples()
        for i in 0...options.iterations {
            let path = try stores.copy(from: filled, label: "accept-journal")
            defer { stores.discard(path) }
            let out = try leadq(["accept", assigned[i], "--store", path, "--rep", Figures.rep])
            if i > 0 { a.add(out.seconds * 1000) }
            let deadline = Monotonic.seconds() + 120
            while Monotonic.seconds() < deadline, !ConsoleFigures.snapshotSeqs(path).allSatisfy({ $0 > first }) {
                usleep(20_000)
            }
        }
        record(Figures.acceptJournal(due), size, a, in: \.more)
        var cli = Samples()
        for _ in 0..<options.compactions {
            let path = try stores.copy(from: filled, label: "compact-cli")
            defer { stores.discard(path) }
            cli.add(try leadq(["compact", "--store", path]).seconds)
        }
        record(Figures.compactCLI, size, cli, in: \.more)
    }

    // MARK: - processes

    /// Runs the release `leadq` with the fixed clock; fails on a non-zero exit.
    @discardableResult
    func leadq(_ args: [String]) throws -> Spawn.Outcome {
        let out = try Measured.run([options.leadq] + args, env: env)
        guard out.status == 0 else {
            throw BenchError("leadq \(args.joined(separator: " ")) exited with \(out.status)")
        }
        return out
    }

    /// `runs` timed runs after one untimed one (the binary and the store into the page cache).
    func timed(_ runs: Int, _ args: (Int) throws -> [String]) throws -> (ms: Samples, rss: Samples) {
        var ms = Samples()
        var rss = Samples()
        for i in 0...runs {
            let out = try leadq(try args(i))
            if i > 0 {
                ms.add(out.seconds * 1000)
                rss.add(Double(out.maxRSSKiB) / 1024)
            }
        }
        return (ms, rss)
    }

    func processes(_ size: Int) throws {
        let floor = try Measured.run(["true"], env: [:])
        record(Figures.floorRSS, size, Samples([Double(floor.maxRSSKiB) / 1024]), in: \.more)
        let path = try stores.base(size).path
        let q = try timed(options.iterations) { _ in ["queue", "--store", path, "--rep", Figures.rep] }
        record(Figures.queue, size, q.ms)
        record(Figures.queueRSS, size, q.rss, in: \.more)
        let copy = try stores.copy(size, label: "accept")
        defer { stores.discard(copy) }
        let assigned = try assignedLeads(copy)
        let a = try timed(options.iterations) { i in ["accept", assigned[i], "--store", copy, "--rep", Figures.rep] }
        record(Figures.accept, size, a.ms)
        record(Figures.acceptRSS, size, a.rss, in: \.more)
        if options.groups.contains(.taskwarrior) {
            record(Figures.peerQueue, size, q.ms, in: \.peers)
            record(Figures.peerQueueRSS, size, q.rss, in: \.peers)
            record(Figures.peerAccept, size, a.ms, in: \.peers)
            record(Figures.peerAcceptRSS, size, a.rss, in: \.peers)
        }
    }

    /// The rep's leads still waiting to be accepted, one for each timed `leadq accept`.
    func assignedLeads(_ path: String) throws -> [String] {
        let ids = try FileStore.open(path).leads(ownedBy: Figures.rep).filter { $0.stage == .assigned }.map(\.id)
            .sorted(by: LeadID.precedes)
        guard ids.count > options.iterations else {
            throw BenchError(
                "\(Figures.rep) has \(ids.count) assigned leads in \(path); --iterations must be below that")
        }
        return ids
    }

    func imports(_ size: Int) throws {
        let csv = SalesforceCSV(rows: size, seed: options.seed, now: options.now)
        let file = "\(options.work)/salesforce-\(size).csv"
        try Data(csv.bytes()).write(to: URL(fileURLWithPath: file))
        defer { stores.discard(file) }
        var s = Samples()
        var rss = Samples()
        var compacted = Samples()
        for i in 0..<options.iterations {
            let path = "\(options.work)/import-\(size)-\(i)"
            try? FileManager.default.removeItem(atPath: path)
            try FileStore.create(at: path, settings: csv.settings())
            defer { stores.discard(path) }
            let start = Monotonic.seconds()
            let out = try leadq(["import", file, "--store", path, "--rep", Figures.manager])
            s.add(out.seconds)
            rss.add(Double(out.maxRSSKiB) / 1024)
            // A big import starts `leadq compact` detached: the next run starts once it is done.
            if try Runner.journalEvents(path) >= csv.settings().compactAfterEvents {
                let deadline = Monotonic.seconds() + 120
                while Monotonic.seconds() < deadline,
                    !ConsoleFigures.snapshotSeqs(path).contains(where: { $0 > 0 }) || Runner.compacting(path)
                {
                    usleep(20_000)
                }
                compacted.add(Monotonic.seconds() - start)
            }
            if i == 0 {
                let n = try FileStore.open(path).leadCount
                guard n == size else { throw BenchError("the import made \(n) leads from \(size) rows") }
            }
        }
        record(Figures.importRows, size, s)
        record(Figures.importRSS, size, rss, in: \.more)
        if !compacted.isEmpty { record(Figures.importCompacted, size, compacted, in: \.more) }
        if options.groups.contains(.taskwarrior) { record(Figures.peerImport, size, s, in: \.peers) }
    }

    /// The events in a store's first journal (its lines after the header).
    static func journalEvents(_ store: String) throws -> Int {
        let data = try Data(contentsOf: URL(fileURLWithPath: store + "/journal-000000000001.jsonl"))
        return data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } - 1
    }

    /// Whether a process holds the store's compaction lock.
    static func compacting(_ store: String) -> Bool {
        let fd = open(store + "/compact.lock", O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return true }
        flock(fd, LOCK_UN)
        return false
    }

    func tmuxConsole(_ size: Int) throws {
        let path = try stores.base(size).path
        let tmux = TmuxConsole(binary: options.leadq, env: env, size: options.size)
        record(Figures.tmuxOverhead, size, try tmux.overheadMs(runs: options.iterations), in: \.more)
        for (rep, manager) in [(Figures.rep, false), (Figures.manager, true)]
        where !manager || size <= options.managerUpTo {
            let expect = try firstScreen(path, rep: rep, manager: manager)
            // The manager's runs each see another process assign a pool lead: on a copy of the store.
            let store = manager ? try stores.copy(size, label: "manager") : path
            defer { if manager { stores.discard(store) } }
            let pool = manager ? try FileStore.open(store).unassignedIDs().sorted(by: LeadID.precedes) : []
            let (leadq, env) = (options.leadq, env)
            let change: ((Int) throws -> Void)? =
                manager
                ? { i in
                    let argv = [leadq, "assign", pool[i % pool.count], "--to", Figures.rep]
                    let out = try Spawn.run(
                        argv + ["--store", store, "--rep", Figures.manager], env: env, stdout: .capture)
                    guard out.status == 0 else { throw BenchError("\(argv.joined(separator: " ")) failed") }
                } : nil
            let runs = try tmux.measure(
                store: store, args: ["--rep", rep], expect: expect, runs: options.iterations, change: change)
            let start = Samples(runs.map(\.startMs))
            let rss = Samples(runs.map(\.rssScrolledMiB))
            let stats = Samples(runs.compactMap(\.rssStatsMiB))
            let page = Samples(runs.compactMap(\.statsMs))
            if runs.contains(where: { $0.statsMs == nil }) {
                say(
                    size,
                    "the stats page didn't show its figures within \(Int(TmuxConsole.statsTimeout)) s in some runs")
            }
            if manager {
                record(Figures.managerStatsPage, size, page, in: \.more)
                record(Figures.managerStart, size, start, in: \.more)
                record(Figures.managerRSS, size, rss, in: \.more)
                record(Figures.managerRSSStats, size, stats, in: \.more)
                record(Figures.managerIdle, size, Samples(runs.map(\.idlePercent)), in: \.more)
                record(Figures.managerChange, size, Samples(runs.compactMap(\.changeMs)), in: \.more)
                record(Figures.managerQuit, size, Samples(runs.map(\.quitMs)), in: \.more)
                let quitLoading = try tmux.quitWhileLoading(
                    store: store, args: ["--rep", rep], runs: options.iterations)
                record(Figures.managerQuitLoading, size, Samples(quitLoading), in: \.more)
            } else {
                record(Figures.consoleStart, size, start)
                record(Figures.rss, size, rss)
                record(Figures.rssStats, size, stats)
                record(Figures.statsPage, size, page, in: \.more)
            }
        }
    }

    /// The first page's first and last queue rows as the same console code draws them in this
    /// process: their longest stretches of ASCII (tmux and the cell buffer agree on those, whatever
    /// the terminal makes of wide characters).
    func firstScreen(_ path: String, rep: String, manager: Bool) throws -> TmuxConsole.FirstScreen {
        let store = try StoreLocator.open(path)
        let term = ScriptedTerminal(size: options.size, pace: .backToBack) { _ in nil }
        let app = try console.app(store, rep: rep, manager: manager, terminal: term)
        try app.start()
        let s = app.state
        let frame = ConsoleView.render(s)
        let rows = ScreenLayout(size: s.size, detailOpen: s.detailOpen).rows
        let shown = min(rows.height, s.queue.visible.count - s.top)
        guard shown > 0 else { throw BenchError("\(rep)'s queue is empty at \(path)") }
        func ascii(_ y: Int) -> String {
            frame.rowText(y).split(whereSeparator: { !$0.isASCII }).max { $0.count < $1.count }
                .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        }
        return TmuxConsole.FirstScreen(first: ascii(rows.y), last: ascii(rows.y + shown - 1))
    }

    // MARK: - taskwarrior

    func taskwarrior(_ size: Int) throws {
        let tw = Taskwarrior(dir: "\(options.work)/task-\(size)")
        defer { try? FileManager.default.removeItem(atPath: tw.dir) }
        let leads = DemoStore(leads: size, seed: options.seed, now: options.now).generate().leads
        record(Figures.peerTaskImport, size, Samples([try tw.create(leads).seconds]), in: \.peers)
        var next = Samples()
        var nextRSS = Samples()
        var done = Samples()
        var doneRSS = Samples()
        for i in 0...options.iterations {
            let out = try tw.task(["next"])
            if i > 0 {
                next.add(out.seconds * 1000)
                nextRSS.add(Double(out.maxRSSKiB) / 1024)
            }
        }
        for i in 0...options.iterations {
            let out = try tw.task([Taskwarrior.uuid(1 + i * max(1, size / (options.iterations + 1))), "done"])
            if i > 0 {
                done.add(out.seconds * 1000)
                doneRSS.add(Double(out.maxRSSKiB) / 1024)
            }
        }
        record(Figures.peerNext, size, next, in: \.peers)
        record(Figures.peerNextRSS, size, nextRSS, in: \.peers)
        record(Figures.peerDone, size, done, in: \.peers)
        record(Figures.peerDoneRSS, size, doneRSS, in: \.peers)
    }
}
