import Foundation
import LeadqDomain
import LeadqStore
import LeadqUI

/// Runs the console: keys and the clock become messages, `Console.update` turns them into state
/// and effects, effects go to the store or the terminal, and the state is drawn. One thread.
@MainActor
public final class ConsoleApp {
    /// Changed only by `dispatch`, through the reducer.
    private var model: ReducedState
    public var state: ConsoleState { model.state }
    let terminal: any Terminal
    public let session: ConsoleSession
    let clock: () -> Instant
    let loadTheme: (String) throws -> Theme
    /// Keeps the rep's choice of theme for the next start.
    let rememberTheme: (String) throws -> Void
    let boxStyle: BoxStyle
    /// How often other processes' changes are looked for.
    let pollMs: Int

    public init(
        state: ConsoleState, terminal: any Terminal, session: ConsoleSession, clock: @escaping () -> Instant,
        boxStyle: BoxStyle = .unicode, pollMs: Int = 100, loadTheme: @escaping (String) throws -> Theme,
        rememberTheme: @escaping (String) throws -> Void = { _ in }
    ) {
        self.model = ReducedState(state)
        self.terminal = terminal
        self.session = session
        self.clock = clock
        self.boxStyle = boxStyle
        self.pollMs = pollMs
        self.loadTheme = loadTheme
        self.rememberTheme = rememberTheme
    }

    /// Loads the queue and shows the first screen. With `inBackground` the queue is read on a
    /// thread of its own while the terminal stays answerable (`loadQueue`); a scripted terminal
    /// (tests, the benchmarks) reads it here, leaving every key to the loop.
    public func start(inBackground: Bool = false) throws {
        let loaded = inBackground ? try loadQueue() : try session.queue(order: state.queue.order)
        guard let leads = loaded else { return }
        dispatch(.started(leads, size: terminal.size, now: clock()))
        if let why = session.store.readOnlyReason { dispatch(.readOnly(why)) }
        let warnings = session.store.warnings
        if !warnings.isEmpty { dispatch(.warnings(warnings)) }
        render()
    }

    /// The loop, until the rep quits (or a termination signal arrives, thrown by the terminal).
    public func run(loadingInBackground: Bool = false) throws {
        try start(inBackground: loadingInBackground)
        while !state.quitting { try turn() }
    }

    /// One turn of the loop: the keys typed, then the store and the clock when due, then a draw if
    /// anything changed. A store that announces others' writes is asked every `announcedMs` whether
    /// one came (which costs no trip to it), so they show within a quarter second; a store that
    /// can't is looked at every `pollMs`.
    public func turn() throws {
        let announced = session.store.announcesChanges
        // A long list's filter goes on between keys, a slice a turn: a key waits one slice at most.
        let filtering = state.queue.filtering
        var changed = false
        // A sort under way is looked for often, so its order shows as soon as it is done.
        let sorting = state.queue.sorting != nil
        let wait =
            filtering ? 0 : sorting ? ConsoleApp.sortLookMs : announced ? min(pollMs, ConsoleApp.announcedMs) : pollMs
        if let key = try terminal.readKey(timeoutMs: wait) {
            handle(key)
            // Drain keys already typed before drawing, so fast typing never lags behind.
            while !state.quitting, let more = try terminal.readKey(timeoutMs: 0) { handle(more) }
            changed = true
        } else if filtering {
            changed = filterSlice()
        }
        // The sort's work never throws (`startSort`).
        if sorting, case .done(let rows)? = session.takeSorted() {
            dispatch(.sorted(rows))
            changed = true
        }
        let due = Date().timeIntervalSince(lastPoll) * 1000 >= Double(pollMs)
        if due || (announced && session.store.changesWaiting) {
            lastPoll = Date()
            // A look that found nothing (most of them: a directory is looked at ten times a
            // second) draws nothing.
            let before = dispatched
            step()
            changed = changed || dispatched != before
        }
        if changed { render() }
    }

    /// A slice of the filter's search; whether the screen changed: rows found where it had none,
    /// or the count once the search ends (a slice that finds rows below the screen draws nothing).
    func filterSlice() -> Bool {
        let before = state.queue.visible.count
        dispatch(.filterSlice)
        let screenEnd = state.top + Console.pageSize(state)
        return !state.queue.filtering || (before < screenEnd && state.queue.visible.count != before)
    }

    private var lastPoll = Date()
    /// Messages dispatched so far: whether a look at the store and the clock changed anything.
    private var dispatched = 0
    /// How often a store that announces changes is asked whether one came.
    static let announcedMs = 50
    /// How often a sort under way is looked at.
    static let sortLookMs = 5

    func handle(_ key: Key) {
        if key == .resize {
            dispatch(.resized(terminal.size))
        } else {
            dispatch(.key(key))
            readOpenedLead()
        }
    }

    /// The clock and the store: the work done between keys.
    public func step() {
        let now = clock()
        if now != state.now { dispatch(.tick(now)) }
        do {
            for msg in try session.poll() { dispatch(msg) }
        } catch {
            dispatch(.failed("Reading the store failed: \(error)"))
        }
        switch session.takeStats() {
        case .done(let r)?:
            dispatch(.statsReady(r.report))
            dispatch(.todayReady(r.today))
        case .failed(let e)?: dispatch(.statsFailed(e))
        case nil:
            if state.stats.computing, let p = session.statsRead, p.read != state.stats.read {
                dispatch(.statsReading(p.read, of: p.of))
            }
        }
        switch session.takeAgenda() {
        case .done(let a)?: dispatch(.agendaReady(a))
        case .failed(let e)?: dispatch(.agendaFailed(e))
        case nil:
            if state.agenda.reading != nil, let n = session.agendaRead, n != state.agenda.read {
                dispatch(.agendaReading(n))
            }
        }
        if let late = session.takeIndexReady() { dispatch(.found(late)) }
        session.compactIfDue()
        if let e = session.compactionError() { dispatch(.compactionFailed(e)) }
    }

    public func dispatch(_ msg: Msg) {
        dispatched &+= 1
        let effects = model.send(msg)
        for e in effects { run(e) }
    }

    func run(_ effect: Effect) {
        let now = clock()
        switch effect {
        case .perform(let command, let target):
            do {
                dispatch(.saved(try session.perform(command, on: target, at: now)))
            } catch {
                failed(error)
            }
        case .undo:
            do {
                let undone = try session.undo(at: now)
                dispatch(.undone(action: undone.action, leads: undone.leads))
            } catch {
                failed(error)
            }
        case .bell:
            terminal.bell()
        case .applyTheme(let name):
            do {
                terminal.apply(try loadTheme(name))
                dispatch(.themeApplied(name))
                try rememberTheme(name)
            } catch {
                dispatch(.failed("\(error)"))
            }
        case .redraw:
            // Re-applying the theme makes the next draw repaint every cell; a theme file removed
            // since it was chosen must not end the session.
            terminal.apply((try? loadTheme(state.theme)) ?? .builtinDefault)
        case .quit:
            // The reducer has already marked the state quitting; the loop ends on it.
            break
        case .computeStats(let request):
            session.startStats(request)
        case .readAgenda(let sources):
            session.startAgenda(sources)
        case .search(let query):
            dispatch(.found(session.search(query)))
        case .copy(let text):
            terminal.copyToClipboard(text)
        case .sort(let request):
            session.startSort(request)
        }
    }

    func failed(_ error: Error) {
        switch error {
        case let r as Refusal:
            dispatch(.failed(r.message))
        case let e as StoreError:
            dispatch(.failed(e.description))
            if let why = session.store.readOnlyReason { dispatch(.readOnly(why)) }
        default:
            dispatch(.failed("\(error)"))
        }
    }

    public func render() {
        readOpenedLead()
        terminal.draw(ConsoleView.render(state, boxStyle: boxStyle))
    }

    /// The detail pane's lead read whole when the queue keeps it without its history: before a
    /// draw, and after each key (the next key may scroll the pane).
    func readOpenedLead() {
        guard state.detailOpen, let lead = state.selectedEntry?.lead,
            let whole = session.openedLead(for: lead, have: state.opened)
        else { return }
        dispatch(.opened(whole))
    }
}
