import LeadqDomain
import LeadqMetrics
import LeadqStore
import LeadqUI

/// What happens to the console: keys, the clock, other processes' changes, the outcome of saves.
public enum Msg: Sendable {
    case key(Key)
    case tick(Instant)
    case resized(Size)
    /// Other processes changed these leads: still in the rep's queue (`upserts`) or gone from it.
    case changed(upserts: [Lead], removals: [String])
    /// The queue was reloaded from scratch (the store was compacted twice under us).
    case reloaded([Lead])
    /// Our action is saved (durably: the status line may now say so).
    case saved(Change)
    /// Our undo is saved: it took back one action, which may have changed several leads.
    case undone(Undone)
    /// The rules refused, or the store could not save: nothing was saved.
    case failed(String)
    /// The store can't be written from this session any more.
    case readOnly(String)
    /// Another process has held the store's lock for a while (what to say), or has let go (nil).
    case storeBusy(String?)
    case themeApplied(String)
    case statsReady(Report)
    case statsFailed(String)
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
}
