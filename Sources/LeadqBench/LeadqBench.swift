import ArgumentParser
import Foundation
import LeadqDomain
import LeadqTestSupport
import LeadqUI

@main
enum Main {
    static func main() {
        let args = CommandLine.arguments
        if args.count > 2 && args[1] == Measured.flag { Measured.child(Array(args.dropFirst(2))) }
        LeadqBench.main()
    }
}

/// `leadq-bench`: the figures of BENCHMARKS.md, measured on generated stores.
struct LeadqBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leadq-bench",
        abstract: "Measure leadq against its speed targets on generated stores of 1k, 10k and 100k leads.",
        discussion: """
            Run the release build (swift build -c release && .build/release/leadq-bench): it times the `leadq` next to it. \
            In-process figures run the console's own code on the store; the rest run `leadq` as processes, the console in \
            tmux. Stores are generated fresh in the work directory (as `leadq demo --leads N --seed S` with LEADQ_NOW \
            fixed) and removed afterwards. Prints each figure's median and p99 per size as markdown tables.
            """)

    @Option(name: .long, help: "Store sizes, comma-separated.") var sizes = "1000,10000,100000"
    @Option(name: .long, help: "Runs of each process figure (one untimed run first).") var iterations = 10
    @Option(name: .long, help: "Samples of each in-process figure (keys, saves).") var samples = 300
    @Option(name: .long, help: "Compactions measured per size.") var compactions = 3
    @Flag(name: .long, help: "Seconds, not minutes: 1k leads, few samples. Figures printed, nothing judged.")
    var smoke = false
    @Flag(name: .long, help: "Also time taskwarrior (`task`) on the same leads, side by side.") var taskwarrior = false
    @Flag(
        name: .long,
        help:
            "Also measure the PostgreSQL store next to the file store (a build with --traits Postgres; LEADQ_TEST_PG or a throwaway cluster)."
    )
    var postgres = false
    @Option(
        name: .long,
        help: "Only these groups: saves, keys, compaction, processes, console, imports, taskwarrior, postgres.")
    var only: String?
    @Option(name: .long, help: "Also write the markdown report to this file.") var out: String?
    @Option(name: .long, help: "Where stores are generated (default: a new directory in $TMPDIR).") var work: String?
    @Flag(name: .long, help: "Keep the work directory and every store made in it.") var keep = false
    @Option(name: .long, help: "The leadq binary to time (default: the one next to leadq-bench).") var leadq: String?
    @Option(
        name: .long,
        help: "Measure the manager's console only at sizes up to this (at 1M it holds most of a GiB).")
    var managerUpTo = 1_000_000
    @Option(name: .long, help: "Demo store seed.") var seed: UInt64 = 42
    @Option(name: .long, help: "Reps in every demo store (default: leadq demo's, one per 2,500 leads, 6 to 200).")
    var reps: Int?
    @Option(name: .long, help: "The fixed clock (LEADQ_NOW) of every store and process.") var now =
        "2026-11-23T10:00:00Z"

    func validate() throws {
        guard parsedSizes.count == sizeList.count, !parsedSizes.isEmpty, parsedSizes.allSatisfy({ $0 >= 300 }) else {
            throw ValidationError(
                "--sizes: store sizes of at least 300 leads, comma-separated (e.g. 1000,10000,100000)")
        }
        guard iterations >= 1, samples >= 1, compactions >= 1 else {
            throw ValidationError("--iterations, --samples and --compactions must be at least 1")
        }
        guard Instant(iso8601: now) != nil else { throw ValidationError("--now: not a time: \(now)") }
        if let reps, !(6...2_000).contains(reps) { throw ValidationError("--reps must be between 6 and 2000") }
        if let only {
            for g in only.split(separator: ",") where Group(rawValue: String(g)) == nil {
                throw ValidationError(
                    "--only: no group '\(g)' (saves, keys, compaction, processes, console, imports, taskwarrior, postgres)"
                )
            }
        }
    }

    private var sizeList: [Substring] { sizes.split(separator: ",") }
    private var parsedSizes: [Int] { sizeList.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func run() throws {
        let binary =
            leadq
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("leadq").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw ValidationError(
                "no leadq binary at \(binary): build it (swift build -c release) or pass --leadq PATH")
        }
        var groups = Set(
            only.map { $0.split(separator: ",").compactMap { Group(rawValue: String($0)) } } ?? Group.allCases)
        if !taskwarrior && only == nil { groups.remove(.taskwarrior) }
        if !postgres && only == nil { groups.remove(.postgres) }
        if groups.contains(.postgres) { _ = try BenchPostgres.server() }
        let twVersion = groups.contains(.taskwarrior) ? Taskwarrior.version : nil
        if groups.contains(.taskwarrior) && twVersion == nil {
            throw ValidationError("--taskwarrior: `task` is not installed (apt-get install taskwarrior)")
        }
        if groups.contains(.console) && !Tmux.available {
            throw ValidationError("the console figures need tmux (apt-get install tmux)")
        }
        let dir = work ?? NSTemporaryDirectory() + "leadq-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { if !keep { try? FileManager.default.removeItem(atPath: dir) } }

        let options = Runner.Options(
            sizes: smoke ? [1000] : parsedSizes, iterations: smoke ? 3 : iterations, samples: smoke ? 30 : samples,
            compactions: smoke ? 1 : compactions, groups: groups, work: dir, keep: keep, leadq: binary,
            managerUpTo: managerUpTo, seed: seed, reps: reps,
            now: Instant(iso8601: now)!, nowText: now, size: Size(width: 120, height: 40))
        let loadBefore = Machine.load
        // Read before the run: the checkout may move on while it measures.
        let commit = Machine.commit
        let started = Monotonic.seconds()
        let results = try MainActor.assumeIsolated {
            let runner = Runner(options)
            try runner.run()
            return runner.results
        }
        var report = results
        // A smoke run or a debug build shows that every figure can be measured, not whether it is fast.
        report.judged = !smoke && !Machine.isDebugBuild
        report.notes = notes(
            options, binary: binary, commit: commit, taskwarrior: twVersion, loadBefore: loadBefore,
            minutes: (Monotonic.seconds() - started) / 60)
        let text = report.markdown(order: LeadqBench.order)
        print(text, terminator: "")
        if let out { try text.write(toFile: out, atomically: true, encoding: .utf8) }
    }

    /// The order of the rows: the issue's target table first.
    static let order =
        [
            "console-start", "queue", "save-accept", "save-reject", "save-contact", "accept", "key-scroll",
            "key-filter",
            "rss", "rss-stats", "import", "compaction", "report", "report-rss", "demo-rss", "report-rep", "demo",
            "start-open", "start-frame", "tmux-overhead", "mgr-start", "floor-rss", "queue-rss", "accept-rss",
            "key-accept",
            "key-contact",
            "key-reject", "mgr-key-scroll", "mgr-key-filter", "mgr-rss", "mgr-rss-stats", "import-rss",
            "compaction-scroll",
            "compaction-dialog", "compaction-action", "compaction-seconds", "compaction-snapshots", "compact-cli",
            "queue-journal", "accept-journal",
            "peer-queue", "peer-next", "peer-accept", "peer-done", "peer-queue-rss", "peer-next-rss", "peer-accept-rss",
            "peer-done-rss", "peer-import", "peer-task-import",
        ] + SideFigures.order

    func notes(
        _ o: Runner.Options, binary: String, commit: String?, taskwarrior: String?, loadBefore: String, minutes: Double
    )
        -> [String]
    {
        let date = ISO8601DateFormatter().string(from: Date())
        var n = [
            "Run \(date) on \(Machine.cpu), \(Machine.memory), \(Machine.kernel); stores on \(Machine.fileSystem(o.work)).",
            "Load average (1, 5, 15 min) \(loadBefore) before and \(Machine.load) after; the run took \(fixed(minutes, 1)) min.",
            (Machine.isDebugBuild ? "**Debug build: these figures say nothing about speed.**" : "Release build.")
                + " Timed: \(binary)\(commit.map { ", the checkout at commit \($0) when the run began" } ?? "").",
            "Stores: `leadq demo --leads N --seed \(o.seed)\(o.reps.map { " --reps \($0)" } ?? "")` with LEADQ_NOW=\(o.now.iso8601) (rep \(Figures.rep), manager \(Figures.manager)); \(o.iterations) runs per process figure after one untimed run, \(o.samples) samples per in-process figure, \(o.compactions) compaction(s) per size; terminal \(o.size.width)×\(o.size.height).",
            "Cells are median / p99 (nearest rank: with under 100 samples, the largest); a single sample is shown alone.",
        ]
        if o.groups.contains(.console), let big = o.sizes.first(where: { $0 > o.managerUpTo }) {
            n.append(
                "The manager's console is measured up to \(o.managerUpTo) leads (`--manager-up-to`), not at \(big)."
            )
        }
        if o.groups.contains(.postgres) {
            n.append(
                "PostgreSQL: \(BenchPostgres.shown) on this machine, each store in a schema of its own; the team figure's \(SideFigures.teamSize) terminals are threads of one process with an open store (a connection) each, acting as the store's reps in turn (several terminals per rep, on disjoint leads of that rep's queue)."
            )
        }
        if let taskwarrior {
            n.append(
                "taskwarrior \(taskwarrior) with its default settings (confirmation, hooks and the news nag off), one pending task per lead."
            )
        }
        return n
    }
}
