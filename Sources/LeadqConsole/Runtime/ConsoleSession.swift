import Foundation
import LeadqApp
import LeadqDomain
import LeadqMetrics
import LeadqStore

/// The console's view of the store: the rep's queue, other processes' changes, saving, and
/// compaction in the background when the journal has grown.
@MainActor
public final class ConsoleSession {
    public let workspace: Workspace
    public var store: any LeadStore { workspace.store }
    public var rep: String { workspace.actor }
    private let compaction = CompactionState()

    public init(workspace: Workspace, manager: Bool = false) {
        // A key press waits at most this long for another process's write; then the action is
        // refused, naming who holds the store, and the keyboard stays live.
        workspace.store.lockTimeout = 0.5
        self.workspace = workspace
        self.manager = manager
    }

    /// A session on an open store for `rep` (tests, the benchmarks), in UTC unless told.
    public convenience init(
        store: any LeadStore, rep: String, manager: Bool = false, zone: Zone = .utc,
        clock: @escaping () -> Instant = { SystemClock.now() }
    ) {
        self.init(workspace: Workspace(store: store, actor: rep, zone: zone, clock: clock), manager: manager)
    }

    /// Builds a report on a background thread from its own view of the store: reading every lead
    /// takes about a second at 100k, which the keyboard must never wait for.
    public func startStats(_ r: StatsRequest) {
        let reopen = store.reopen
        let actor = rep
        let zone = workspace.zone
        let progress = LoadProgress()
        // One rep's figures skip the leads that never name them, so only the team's reading has a total.
        statsProgress = (progress, r.rep == nil ? store.leadCount : 0)
        statsJob.start {
            // Its own view of the store, on this thread: the same report the CLI's `leadq report` makes.
            let ws = Workspace(store: try reopen.open(), actor: actor, zone: .fixed(r.utcOffset), clock: { r.now })
            let f = try ws.report(
                ReportRequest(unit: r.unit, filter: ReportFilter(rep: r.rep)), at: r.now,
                andDay: DayFigures(dayOf: r.now, zone: zone), of: r.rep, progress: { progress.add($0) })
            return StatsAnswer(report: f.report, today: f.day)
        }
    }

    /// The finished report (or the error), once.
    public func takeStats() -> JobResult<StatsAnswer>? { statsJob.take() }

    public let manager: Bool
    private let statsJob = BackgroundJob<StatsAnswer>()
    /// How many leads the stats reading now running has read, of how many.
    private var statsProgress: (read: LoadProgress, of: Int)?
    public var statsRead: (read: Int, of: Int)? { statsProgress.map { ($0.read.read, $0.of) } }
    let agendaJob = BackgroundJob<Agenda>()
    private let sortJob = BackgroundJob<SortedRows>()
    /// How many of the agenda's leads the reading now running has read.
    var agendaProgress: LoadProgress?
    /// The agenda last handed to the reducer, freed off the main thread when it is read again.
    var shownAgenda: Agenda?
    let finder = SessionSearch()

    public func queue(order: QueueOrder = .scoreAge) throws -> LoadedQueue {
        try ConsoleSession.queue(of: store, rep: rep, manager: manager, order: order)
    }

    /// A manager's view keeps every queue and the pool (680,000 leads at a million) as a table
    /// of briefs, the store's where it keeps them (a row reads its lead when first drawn), else
    /// made here from each lead without its history and the profile fields no row reads
    /// (`Lead.listed`); the detail pane reads its one lead whole (`openedLead`). The table is
    /// made and sorted here, off the main thread. `read` counts the leads as they come, for the
    /// loading line.
    nonisolated static func queue(
        of store: any LeadStore, rep: String, manager: Bool, order: QueueOrder, read: LoadProgress? = nil
    ) throws -> LoadedQueue {
        guard manager else { return .leads(try store.leads(ownedBy: rep)) }
        let settings = store.settings
        var open = try store.openLeadBriefs(
            settings: settings, keep: { $0.listed(for: settings) }, progress: { read?.set($0) })
        // Taken out, so the table holds the columns alone: a lead changed since the snapshot, added
        // whole, would otherwise copy every column first (at a million leads, 190 → 310 MB).
        let briefs = open.briefs
        open.briefs = BriefColumns()
        let table = LeadTable(briefs: briefs, lines: open.lines, whole: open.whole, settings: settings)
        return .table(table, order: order, sorted: try sortedOnEveryCore(table.columns, table.liveRows, by: order))
    }

    /// The rows sorted in parts at once, then merged: at a million leads the sort was an eighth of
    /// the CPU of the manager's start, all on one core while the others waited.
    nonisolated static func sortedOnEveryCore(
        _ columns: BriefColumns, _ rows: [Int32], by order: QueueOrder
    ) throws -> [Int32] {
        let parts =
            rows.count < QueueModel.sortedAsideFrom ? 1 : max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
        let size = (rows.count + parts - 1) / parts
        let runs = try Concurrent.run(parts) { i in
            columns.sortedRun(rows[min(rows.count, i * size)..<min(rows.count, (i + 1) * size)], by: order)
        }
        return columns.merged(runs)
    }

    /// Sorts a long list in a new order on a thread of its own, on every core.
    public func startSort(_ r: SortRequest) {
        sortJob.start {
            // The parts never throw; were they to, one core sorts them all, so the sort always ends.
            let rows =
                (try? ConsoleSession.sortedOnEveryCore(r.columns, r.rows, by: r.order))
                ?? r.columns.sorted(r.rows, by: r.order)
            return SortedRows(rows: rows, order: r.order, number: r.number)
        }
    }

    /// The sorted rows, once.
    public func takeSorted() -> JobResult<SortedRows>? { sortJob.take() }

    /// The selected lead read whole, when the queue keeps it without its history (nil otherwise).
    public func openedLead(for entry: Lead, have: Lead?) -> Lead? {
        guard entry.historyLeftOut else { return nil }
        if let have, have.id == entry.id, have.version >= entry.version { return nil }
        return try? store.lead(entry.id)
    }

    /// What other processes saved since the last look, sorted into queue arrivals and departures;
    /// and the store's connection lost or made again (then caught up from the last event seen).
    public func poll() throws -> [Msg] {
        guard store.changesWaiting else { return [] }
        let r: Refresh
        do { r = try store.refresh() } catch {
            guard let why = store.offline else { throw error }
            let text = "\(store.location): \(why)"
            defer { offlineText = text }
            return text == offlineText ? [] : [.connection(offline: text)]
        }
        var out: [Msg] = offlineText == nil ? [] : [.connection(offline: nil)]
        offlineText = nil
        let busy = r.lockHeld.map { w in
            "\(w.holder.map { "\($0)" } ?? "Another process") has held the store for \(w.seconds) s: actions wait for it"
        }
        if busy != busyText { out.append(.storeBusy(busy)) }
        busyText = busy
        // Kept until the leads are read: a connection lost between the two loses no change.
        unread.absorb(r)
        if let m = try changes(unread) { out.append(m) }
        unread = Refresh()
        return out
    }

    private var busyText: String?
    /// What the console was last told about the store being out of reach.
    private var offlineText: String?
    private var unread = Refresh()

    private func changes(_ r: Refresh) throws -> Msg? {
        if r.reloaded { return .reloaded(try queue()) }
        guard !r.changed.isEmpty else { return nil }
        var upserts: [Lead] = []
        var removals: [String] = []
        for id in r.changed {
            if let lead = try store.lead(id) { upserts.append(lead) } else { removals.append(id) }
        }
        finder.changed(upserts, removals: removals)
        return .changed(upserts: upserts, removals: removals)
    }

    /// Saves the rep's action on the lead as they saw it (`target`'s version).
    public func perform(_ command: Command, on target: Target, at now: Instant) throws -> SavedLead {
        let saved = SavedLead(try workspace.perform(command, on: target.id, expecting: target.version, at: now))
        finder.changed([saved.lead], removals: [])
        return saved
    }

    /// Takes back the rep's last action, whole: the action in words, and each lead it changed.
    public func undo(at now: Instant) throws -> (action: String, leads: [SavedLead]) {
        let undone = try workspace.undo(at: now)
        finder.changed(undone.changes.map(\.lead), removals: [])
        return (undone.action, undone.changes.map(SavedLead.init))
    }

    /// Starts a compaction on a background thread when the journal is long. It opens its own view
    /// of the store, so this thread is never blocked beyond the two brief locks compaction takes.
    public func compactIfDue() {
        guard store.compactionDue, store.isWritable, compaction.start() else { return }
        let reopen = store.reopen
        let state = compaction
        Thread.detachNewThread {
            let result: String?
            do {
                _ = try reopen.open().compact()
                result = nil
            } catch {
                result = "\(error)"
            }
            state.finish(error: result)
        }
    }

    /// An error from the last background compaction, once.
    public func compactionError() -> String? { compaction.takeError() }
}

public enum JobResult<T: Sendable>: Sendable {
    case done(T)
    case failed(String)
}

/// One piece of work on a background thread, its result picked up by the main thread.
final class BackgroundJob<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var generation = 0
    private var result: JobResult<T>?

    /// Starts `work`; a result from an earlier start that finishes later is dropped.
    func start(_ work: @escaping @Sendable () throws -> T) {
        lock.lock()
        generation += 1
        let mine = generation
        result = nil
        lock.unlock()
        Thread.detachNewThread {
            let r: JobResult<T>
            do { r = .done(try work()) } catch { r = .failed("\(error)") }
            self.lock.lock()
            if mine == self.generation { self.result = r }
            self.lock.unlock()
        }
    }

    func take() -> JobResult<T>? {
        lock.lock()
        defer { lock.unlock() }
        defer { result = nil }
        return result
    }
}

/// How many leads a load has read so far, set by the loading thread and read by the main one.
final class LoadProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func set(_ n: Int) {
        lock.lock()
        defer { lock.unlock() }
        count = n
    }

    func add(_ n: Int) {
        lock.lock()
        defer { lock.unlock() }
        count += n
    }

    var read: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}

/// Shared between the main thread and the compaction thread.
final class CompactionState: @unchecked Sendable {
    private let lock = NSLock()
    private var running = false
    private var error: String?

    func start() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if running { return false }
        running = true
        return true
    }

    func finish(error: String?) {
        lock.lock()
        defer { lock.unlock() }
        running = false
        self.error = error
    }

    func takeError() -> String? {
        lock.lock()
        defer { lock.unlock() }
        defer { error = nil }
        return error
    }
}

extension SavedLead {
    /// The store's report of a save, as the console's messages carry it.
    init(_ change: Change) {
        self.init(event: change.event, lead: change.lead)
    }
}
