import Foundation
import LeadqApp
import LeadqDemo
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Synchronization

/// The PostgreSQL issue's figures, measured on the file store and on PostgreSQL in turn, on the
/// same demo store and the same `leadq`, so the two columns differ only by the store.
extension Runner {
    enum Kind: String, CaseIterable {
        case files, postgresql
    }

    func storesSideBySide(_ size: Int) throws {
        let (settings, leads) = DemoStore(leads: size, seed: options.seed, now: options.now).generate()
        for kind in Kind.allCases {
            let t0 = Monotonic.seconds()
            let place = try fresh(kind, label: "side-\(size)", settings: settings, leads: leads)
            defer { drop(place) }
            say(size, "\(kind.rawValue): \(size) leads created in \(fixed(Monotonic.seconds() - t0, 1)) s")
            try sideQueue(place, kind, size)
            try sideConsole(place, kind, size)
            try sideSaves(place, kind, size)
            try sideTeam(place, kind, size)
        }
        for kind in Kind.allCases { try sideImport(kind, size) }
    }

    /// A new store of this kind: a directory in the work folder, or a schema of its own on the server.
    func fresh(_ kind: Kind, label: String, settings: Settings, leads: [Lead]) throws -> String {
        let place: String
        switch kind {
        case .files: place = "\(options.work)/\(label)-\(UInt32.random(in: 0...UInt32.max))"
        case .postgresql: place = try BenchPostgres.freshURL(label)
        }
        try StoreLocator.create(place, settings: settings, leads: leads)
        return place
    }

    func drop(_ place: String) {
        guard !options.keep else { return }
        if StoreLocator.isDatabase(place) { try? StoreLocator.remove(place) } else { stores.discard(place) }
    }

    func sideQueue(_ place: String, _ kind: Kind, _ size: Int) throws {
        let q = try timed(options.iterations) { _ in ["queue", "--store", place, "--rep", Figures.rep] }
        record(SideFigures.queue(kind), size, q.ms, in: \.stores)
    }

    func sideConsole(_ place: String, _ kind: Kind, _ size: Int) throws {
        let tmux = TmuxConsole(binary: options.leadq, env: env, size: options.size)
        let expect = try firstScreen(place, rep: Figures.rep, manager: false)
        let runs = try tmux.measure(
            store: place, args: ["--rep", Figures.rep], expect: expect, runs: options.iterations)
        record(SideFigures.consoleStart(kind), size, Samples(runs.map(\.startMs)), in: \.stores)
    }

    func sideSaves(_ place: String, _ kind: Kind, _ size: Int) throws {
        let s = try console.saves(try StoreLocator.open(place), samples: options.samples)
        var all = Samples()
        for kind in ["accept", "reject", "contact"] { all.add(contentsOf: s[kind] ?? Samples()) }
        record(SideFigures.save(kind), size, all, in: \.stores)
    }

    /// `SideFigures.teamSize` reps' terminals at once, each with a connection (an open store) of its
    /// own, acting on leads of its own queue as fast as it can: throughput and each action's time.
    func sideTeam(_ place: String, _ kind: Kind, _ size: Int) throws {
        let plan = try TeamPlan(store: try StoreLocator.open(place), workers: SideFigures.teamSize)
        let perWorker = max(10, options.samples / 5)
        let outcome = try TeamRun.run(place: place, plan: plan, actions: perWorker, now: options.now)
        record(SideFigures.teamRate(kind), size, Samples([outcome.perSecond]), in: \.stores)
        record(SideFigures.teamLatency(kind), size, outcome.latencies, in: \.stores)
    }

    func sideImport(_ kind: Kind, _ size: Int) throws {
        let csv = SalesforceCSV(rows: size, seed: options.seed, now: options.now)
        let file = "\(options.work)/salesforce-side-\(size).csv"
        try Data(csv.bytes()).write(to: URL(fileURLWithPath: file))
        defer { stores.discard(file) }
        var s = Samples()
        for i in 0..<max(1, min(options.iterations, 3)) {
            let place = try fresh(kind, label: "side-import-\(size)-\(i)", settings: csv.settings(), leads: [])
            defer { drop(place) }
            s.add(try leadq(["import", file, "--store", place, "--rep", Figures.manager]).seconds)
            let n = try StoreLocator.open(place).leadCount
            guard n == size else { throw BenchError("the import into \(kind) made \(n) leads from \(size) rows") }
            // A big import into the file store starts `leadq compact` detached: let it finish.
            let deadline = Monotonic.seconds() + 120
            while kind == .files, Monotonic.seconds() < deadline, Runner.compacting(place) { usleep(20_000) }
        }
        record(SideFigures.importRows(kind), size, s, in: \.stores)
    }
}

/// Which leads each of the team's terminals works: every rep's queue split among the terminals
/// acting as that rep, so no two terminals touch one lead.
struct TeamPlan: Sendable {
    struct Worker: Sendable {
        let rep: String
        let leads: [String]
    }
    let workers: [Worker]

    init(store: any LeadStore, workers count: Int) throws {
        let reps = BenchStores.workers(store)
        guard !reps.isEmpty else { throw BenchError("the store has no reps") }
        var slices: [[String]] = Array(repeating: [], count: count)
        var repOf: [String] = []
        for i in 0..<count { repOf.append(reps[i % reps.count]) }
        for (r, rep) in reps.enumerated() {
            let mine = (0..<count).filter { $0 % reps.count == r }
            guard !mine.isEmpty else { continue }
            let ids = try store.leads(ownedBy: rep).filter { !$0.profile.doNotContact }.map(\.id)
                .sorted(by: LeadID.precedes)
            for (k, id) in ids.enumerated() { slices[mine[k % mine.count]].append(id) }
        }
        workers = (0..<count).map { Worker(rep: repOf[$0], leads: slices[$0]) }
    }
}

/// The team's terminals as threads, started together.
enum TeamRun {
    struct Outcome {
        let perSecond: Double
        let latencies: Samples
    }

    static func run(place: String, plan: TeamPlan, actions: Int, now: Instant) throws -> Outcome {
        let times = Mutex<[Double]>([])
        let failures = Mutex<[String]>([])
        let ready = DispatchGroup()
        let done = DispatchGroup()
        let go = DispatchSemaphore(value: 0)
        for worker in plan.workers {
            ready.enter()
            done.enter()
            Thread.detachNewThread {
                defer { done.leave() }
                do {
                    let store = try StoreLocator.open(place)
                    ready.leave()
                    go.wait()
                    let mine = try act(store, worker, actions: actions, now: now)
                    times.withLock { $0 += mine }
                } catch {
                    failures.withLock { $0.append("\(worker.rep): \(error)") }
                }
            }
        }
        ready.wait()
        let t0 = Monotonic.seconds()
        for _ in plan.workers { go.signal() }
        done.wait()
        let wall = Monotonic.seconds() - t0
        if let first = failures.withLock({ $0.first }) { throw BenchError("a terminal of the team failed: \(first)") }
        let all = times.withLock { $0 }
        return Outcome(perSecond: Double(all.count) / wall, latencies: Samples(all))
    }

    /// Logs calls on the worker's leads in turn (accepting one first if it is still assigned).
    static func act(_ store: any LeadStore, _ w: TeamPlan.Worker, actions: Int, now: Instant) throws -> [Double] {
        guard !w.leads.isEmpty else { return [] }
        var out: [Double] = []
        var i = 0
        while out.count < actions {
            let id = w.leads[i % w.leads.count]
            i += 1
            // A console has the lead in memory already: the read is not part of the action.
            let stage = try store.lead(id)?.stage
            let t0 = Monotonic.seconds()
            let command: Command =
                stage == .assigned
                ? .accept : .contact(channel: .call, outcome: .noAnswer, direction: .outbound, note: "")
            try store.perform(command, on: id, as: w.rep, at: now)
            out.append(Monotonic.ms(since: t0))
        }
        return out
    }
}
