import LeadqDemo

/// Groups of figures `--only` can pick.
enum Group: String, CaseIterable, Sendable {
    case saves, keys, compaction, processes, console, imports, taskwarrior, postgres
}

/// Every figure the suite reports, by id: what it is, its target, how it is judged.
enum Figures {
    static let rep = DemoStore.defaultRep
    static let manager = DemoStore.manager

    static let consoleStart = Figure(
        "console-start", "console start → first full queue screen (`leadq --rep \(rep)` in tmux)",
        target: "≤ 250 ms", check: .median(250))
    static let queue = Figure(
        "queue", "`leadq queue --rep \(rep)` as a one-shot process", target: "≤ 150 ms", check: .median(150))
    static func save(_ kind: String) -> Figure {
        Figure(
            "save-\(kind)", "one action saved durably inside a running console: \(kind)",
            target: "median ≤ 1 ms, p99 ≤ 5 ms", check: .medianAndP99(1, 5))
    }
    static let accept = Figure(
        "accept", "one-shot CLI action (`leadq accept ID --rep \(rep)`)", target: "≤ 100 ms", check: .median(100))
    static let keyScroll = Figure(
        "key-scroll", "key → redrawn frame: scrolling (j k PgDn PgUp g G)", target: "≤ 8 ms", check: .median(8))
    static let keyFilter = Figure(
        "key-filter", "key → redrawn frame: filter keystroke (/ letters Backspace Esc)", target: "≤ 8 ms",
        check: .median(8))
    static let keySearch = Figure(
        "key-search", "key → redrawn frame: a search over every lead (/ Tab, then typing and erasing queries)",
        target: "≤ 50 ms", check: .medianAndP99(50, 50))
    static let searchIndex = Figure(
        "search-index", "the search index of every lead, built on a background thread at the console's first search")
    static let rss = Figure(
        "rss", "peak memory (VmHWM) of the console, after scrolling, a filter and the detail pane",
        target: "≤ 150 MiB", unit: .mib, check: .median(150))
    static let rssStats = Figure(
        "rss-stats", "the same after its stats page too (every lead read on a background thread)",
        target: "≤ 150 MiB", unit: .mib, check: .median(150))
    static let importRows = Figure(
        "import", "import of a Salesforce CSV, one row per lead (`leadq import`, a process)",
        target: "≤ 3 s (100k rows)", unit: .seconds, check: .median(3))
    static let demo = Figure(
        "demo", "`leadq demo --leads N --seed S`: the store the other figures use, made", unit: .seconds)
    static let demoRSS = Figure(
        "demo-rss", "peak memory of `leadq demo --leads N`", target: "≤ 150 MiB (100k), ≤ 300 MiB (1M)", unit: .mib)
    static let report = Figure(
        "report", "`leadq report` of the whole team, every section (a process)", target: "≤ 15 s (1M)",
        unit: .seconds)
    static let reportRSS = Figure(
        "report-rss", "peak memory of `leadq report`", target: "≤ 300 MiB (1M)", unit: .mib)
    static let reportRep = Figure(
        "report-rep", "`leadq report --rep \(rep)`: one rep's figures (a process)", unit: .seconds)
    static let compaction = Figure(
        "compaction", "compaction in the console: the longest any key waited (worst per compaction)",
        target: "≤ 50 ms", check: .every(50))

    static let startOpen = Figure("start-open", "console start in-process: open the store (header, trailer, journal)")
    static let startFrame = Figure(
        "start-frame", "console start in-process: load the rep's leads, sort, draw the first frame")
    static let tmuxOverhead = Figure(
        "tmux-overhead", "tmux's share of the start figure: respawn → a shell's word on screen")
    static func key(_ kind: String, _ keys: String) -> Figure {
        Figure("key-\(kind)", "key → \(kind) saved and redrawn, through the console's loop (\(keys))")
    }
    static let floorRSS = Figure(
        "floor-rss", "floor of the one-shot peak-memory figures: `true`, measured the same way", unit: .mib)
    static let queueRSS = Figure("queue-rss", "peak memory of `leadq queue`", unit: .mib)
    static let acceptRSS = Figure("accept-rss", "peak memory of `leadq accept`", unit: .mib)
    static let importRSS = Figure("import-rss", "peak memory of `leadq import`", unit: .mib)
    static let importCompacted = Figure(
        "import-compacted",
        "`leadq import` started → the detached `leadq compact` it starts has folded the import into a snapshot",
        unit: .seconds)
    static let managerStart = Figure(
        "mgr-start", "manager console (`leadq --rep \(manager)`: all queues and the pool) start → first screen")
    static let managerRSS = Figure(
        "mgr-rss", "peak memory of the manager console, after scrolling, a filter and the detail pane", unit: .mib)
    static let managerRSSStats = Figure("mgr-rss-stats", "the same after its team stats page too", unit: .mib)
    static let statsPage = Figure(
        "stats-page", "rep's console: `S` → the stats page's figures shown", target: "≤ 1 s (100k), ≤ 5 s (1M)")
    static let managerStatsPage = Figure(
        "mgr-stats-page", "manager console: `S` → the team stats page's figures shown",
        target: "≤ 1 s (100k), ≤ 5 s (1M)")
    static let managerIdle = Figure(
        "mgr-idle", "manager console: CPU while idle, % of one core over 2 s", target: "≤ 2%", unit: .count,
        check: .median(2))
    static let managerChange = Figure(
        "mgr-change", "manager console: another process's `leadq assign` → the header redrawn", target: "≤ 250 ms",
        check: .median(250))
    static let managerQuit = Figure(
        "mgr-quit", "manager console: `q` → its rows gone from the terminal", target: "≤ 100 ms", check: .median(100))
    static let managerQuitLoading = Figure(
        "mgr-quit-load",
        "manager console: `q` typed as it starts, during its load → its process ended, the terminal back",
        target: "≤ 100 ms", check: .median(100))
    static let managerScroll = Figure("mgr-key-scroll", "manager console: key → redrawn frame, scrolling")
    static let managerFilter = Figure("mgr-key-filter", "manager console: key → redrawn frame, filter keystroke")
    static let managerFilterTyped = Figure(
        "mgr-key-filter-typed", "manager console: the same keys typed every 50 ms (a filter's search under way)")
    static func compactionKeys(_ kind: String) -> Figure {
        Figure("compaction-\(kind)", "keys typed every 10 ms while the console compacts: \(kind)")
    }
    static func queueJournal(_ n: Int) -> Figure {
        Figure(
            "queue-journal",
            "`leadq queue --rep \(rep)` with \(n) events in the journal (the most before the console compacts)")
    }
    static func acceptJournal(_ n: Int) -> Figure {
        Figure(
            "accept-journal",
            "`leadq accept ID` with \(n) events in the journal (it then starts `leadq compact` detached)")
    }
    static let compactionSeconds = Figure(
        "compaction-seconds", "console start → its background compaction done", unit: .seconds)
    static let compactionSnapshots = Figure(
        "compaction-snapshots", "snapshots written by one console in its compaction and the 2 s after it", unit: .count)
    static let compactCLI = Figure("compact-cli", "`leadq compact` of the same journal, as a process", unit: .seconds)

    static let peerQueue = Figure("peer-queue", "list the queue: `leadq queue --rep \(rep)`")
    static let peerNext = Figure("peer-next", "list the queue: `task next`")
    static let peerAccept = Figure("peer-accept", "complete one: `leadq accept ID`")
    static let peerDone = Figure("peer-done", "complete one: `task UUID done`")
    static let peerQueueRSS = Figure("peer-queue-rss", "peak memory: `leadq queue`", unit: .mib)
    static let peerNextRSS = Figure("peer-next-rss", "peak memory: `task next`", unit: .mib)
    static let peerAcceptRSS = Figure("peer-accept-rss", "peak memory: `leadq accept`", unit: .mib)
    static let peerDoneRSS = Figure("peer-done-rss", "peak memory: `task done`", unit: .mib)
    static let peerImport = Figure("peer-import", "import every lead: `leadq import` (Salesforce CSV)", unit: .seconds)
    static let peerTaskImport = Figure("peer-task-import", "import every lead: `task import` (JSON)", unit: .seconds)
}
