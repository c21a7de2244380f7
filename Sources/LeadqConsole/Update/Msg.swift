import LeadqDomain
import LeadqMetrics
import LeadqUI

/// What happens to the console: keys, the clock, other processes' changes, the outcome of saves.
/// The runtime turns what the terminal, the clock and the store report into these; nothing else
/// changes the console's state.
public enum Msg: Sendable {
    case key(Key)
    case tick(Instant)
    case resized(Size)
    /// The session began: the queue as loaded, on a terminal of `size`, at `now`.
    case started(LoadedQueue, size: Size, now: Instant)
    /// The queue is still being read: what to say meanwhile (keys wait, except quitting).
    case loading(String)
    /// The rep's key bindings, and the order the queue opens in.
    case configured(keymap: Keymap, order: QueueOrder)
    /// The store opened with warnings; the status line shows the last.
    case warnings([String])
    /// Other processes changed these leads: still in the rep's queue (`upserts`) or gone from it.
    case changed(upserts: [Lead], removals: [String])
    /// The selected lead read whole for the detail pane (the queue keeps it without its history).
    case opened(Lead)
    /// The queue was reloaded from scratch (the store was compacted twice under us).
    case reloaded(LoadedQueue)
    /// Our action is saved (durably: the status line may now say so).
    case saved(SavedLead)
    /// Our undo is saved: it took back one action (`action`, in words), which may have changed
    /// several leads, in the order they were saved.
    case undone(action: String, leads: [SavedLead])
    /// The rules refused, or the store could not save: nothing was saved.
    case failed(String)
    /// The store can't be written from this session any more.
    case readOnly(String)
    /// Another process has held the store's lock for a while (what to say), or has let go (nil).
    case storeBusy(String?)
    /// The store can't be reached (why), or can again (nil) and has been caught up with.
    case connection(offline: String?)
    /// A compaction in the background failed (why); the journal is still whole, only longer.
    case compactionFailed(String)
    case themeApplied(String)
    case statsReady(Report)
    case statsFailed(String)
    /// How many of the store's leads the stats page's reading has read so far.
    case statsReading(Int, of: Int)
    /// Today's figures for the stats page's "today" line.
    case todayReady(DayFigures)
    /// What an all-leads search found.
    case found(SearchResult)
    /// A manager's agenda: how many of its leads are read so far, then the agenda, or why not.
    case agendaReading(Int)
    case agendaReady(Agenda)
    case agendaFailed(String)
    /// Nothing else to do: the filter's search of a long list goes on a slice.
    case filterSlice
    /// A long list sorted off the main thread in the order asked for (`Effect.sort`).
    case sorted(SortedRows)

    public static func started(leads: [Lead], size: Size, now: Instant) -> Msg {
        .started(.leads(leads), size: size, now: now)
    }

    public static func reloaded(_ leads: [Lead]) -> Msg {
        .reloaded(.leads(leads))
    }
}

/// The answer to a search: the best leads for `query`, how many match, or that the store is
/// still being indexed.
public struct SearchResult: Equatable, Sendable {
    public var query: String
    public var leads: [Lead]
    public var total: Int
    public var indexing: Bool

    public init(query: String, leads: [Lead], total: Int, indexing: Bool = false) {
        (self.query, self.leads, self.total, self.indexing) = (query, leads, total, indexing)
    }
}

/// One lead as a saved event left it: the store's report of a save, in the domain's terms.
public struct SavedLead: Equatable, Sendable {
    public var event: Event
    public var lead: Lead

    public init(event: Event, lead: Lead) {
        self.event = event
        self.lead = lead
    }
}

/// What the runtime must do for the model; the reducer itself never touches the store or terminal.
public enum Effect: Equatable, Sendable {
    case perform(Command, Target)
    case undo
    case bell
    case applyTheme(String)
    case redraw
    case quit
    /// Compute the stats page's report (off the keyboard's thread: it reads every lead).
    case computeStats(StatsRequest)
    /// Read a manager's agenda from these leads (off the keyboard's thread: there may be hundreds
    /// of thousands).
    case readAgenda(AgendaSources)
    /// Search every lead of the store.
    case search(String)
    /// Put this text on the terminal's clipboard (OSC 52).
    case copy(String)
    /// Sort a long list in a new order (off the keyboard's thread: 600,000 rows take 400 ms).
    case sort(SortRequest)
}
