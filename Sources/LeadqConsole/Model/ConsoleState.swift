import LeadqDomain
import LeadqUI

/// What stays fixed for a console session.
public struct ConsoleConfig: Equatable, Sendable {
    public var rep: String
    public var repName: String
    /// The store as the header shows it (a path, or "demo").
    public var storeLabel: String
    public var utcOffset: Int64
    /// The rep's time zone, for the times they type (each date read with its own offset).
    public var zone: Zone
    /// Theme names the picker offers.
    public var themeNames: [String]
    /// The manager's view: every rep's queue and the unassigned pool.
    public var manager: Bool
    /// How a typed `3/12` reads.
    public var dayMonthOrder = DayMonthOrder.dayMonth

    /// Without `zone`, typed times use `utcOffset` all year.
    public init(
        rep: String, repName: String, storeLabel: String, utcOffset: Int64, zone: Zone? = nil, themeNames: [String],
        manager: Bool = false
    ) {
        (self.rep, self.repName, self.storeLabel, self.utcOffset, self.themeNames, self.manager) = (
            rep, repName, storeLabel, utcOffset, themeNames, manager
        )
        self.zone = zone ?? .fixed(utcOffset)
    }
}

/// The bottom line: what just happened.
public struct StatusLine: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case info, ok, warn, error, hot }
    public var text: String
    public var kind: Kind
    /// The lead it is about, when it is news about one (a hot lead): said again if the lead leaves.
    public var lead: String?
    public init(_ text: String, _ kind: Kind, lead: String? = nil) {
        (self.text, self.kind, self.lead) = (text, kind, lead)
    }
}

/// The header's counts over the whole queue, recomputed each second and after each change.
public struct HeaderCounts: Equatable, Sendable {
    public var inQueue = 0
    public var breaches = 0
    public var followUpsDue = 0
    public var followUpsOverdue = 0
    public var clawbacksDue = 0
    /// Unassigned leads (manager view), and the hot ones among them waiting past `sla.poolHotMinutes`.
    public var pool = 0
    public var hotWaiting = 0

    mutating func add(_ c: AlarmCount) {
        inQueue += c.leads
        breaches += c.breaches
        followUpsOverdue += c.followUpsOverdue
        followUpsDue += c.followUpsDue
        clawbacksDue += c.clawbacksDue
    }

    mutating func add(_ st: LeadAlarms, _ sign: Int = 1) {
        inQueue += sign
        if st.anyBreach { breaches += sign }
        if st.followUpOverdue { followUpsOverdue += sign }
        if st.followUpDueToday { followUpsDue += sign }
        if st.clawbackDue { clawbacksDue += sign }
    }
}

/// Everything the console shows, as a value: `Console.update` changes it, `ConsoleView` draws it.
public struct ConsoleState: Equatable, Sendable {
    public var config: ConsoleConfig
    public var settings: Settings
    public var keymap: Keymap
    public var queue = QueueModel()
    /// The selected lead, by id, so the cursor stays on it when the queue re-sorts.
    public var selected: String?
    /// Index of the first queue row on screen.
    public var top = 0
    public var detailOpen = false
    public var detailScroll = 0
    public var mode: Mode = .normal
    public var status: StatusLine?
    /// Why this session can't save anything, if it can't (read-only store, disk problems).
    public var readOnly: String?
    /// Said in the status line while another process holds the store's lock; nil once it lets go.
    public var storeBusy: String?
    /// Why the store can't be reached (a lost connection to the database); nothing is saved
    /// meanwhile. Nil while it can.
    public var offline: String?
    /// The last lead the detail pane read whole (see `selectedLead`).
    public var opened: Lead?
    /// What is being read while the queue loads (shown in its place); nil once it has loaded.
    public var loading: String?
    public var size: Size
    public var now: Instant
    public var counts = HeaderCounts()
    /// Per rep (manager view): leads in queue and SLA breaches.
    public var teamCounts: [String: HeaderCounts] = [:]
    public var theme: String
    public var quitting = false
    public var page: Page = .queue
    public var stats = StatsModel()
    /// An all-leads search, while its results are shown.
    public var search: SearchState?
    /// The agenda page's cursor.
    public var agendaSelected = 0
    public var agenda = AgendaModel()
    /// Colours are off (NO_COLOR, --no-color): no theme is "current".
    public var colorOff = false

    public init(
        config: ConsoleConfig, settings: Settings, keymap: Keymap = Keymap(), size: Size, now: Instant, theme: String
    ) {
        self.config = config
        self.settings = settings
        self.keymap = keymap
        self.size = size
        self.now = now
        self.theme = theme
        stats.team = config.manager
    }

    public var cursor: Int? {
        guard let s = selected else { return nil }
        return queue.position(of: s)
    }

    public var selectedEntry: QueueEntry? { selected.flatMap { queue[$0] } }

    /// The selected lead as the detail pane shows it: read whole (`opened`) when the queue keeps
    /// it without its history (a manager's view).
    public var selectedLead: Lead? {
        guard let lead = selectedEntry?.lead else { return nil }
        guard lead.historyLeftOut, let whole = opened, whole.id == lead.id, whole.version >= lead.version else {
            return lead
        }
        return whole
    }

    /// Whether a lead belongs on this console: the rep's own queue, or (manager) any queue and the pool.
    public func shows(_ lead: Lead) -> Bool {
        config.manager ? (lead.stage.isActive || lead.stage == .new) : (lead.owner == config.rep && lead.stage.isActive)
    }

    /// What the rules need to word a refusal for this viewer, now.
    public var context: Context {
        Context(now: now, actor: config.rep, settings: settings, utcOffset: config.zone.offset(at: now))
    }

    public func target() -> Target? {
        selectedEntry.map { Target(id: $0.lead.id, version: $0.lead.version, name: $0.lead.profile.name) }
    }
}

/// The pages of the console.
public enum Page: Equatable, Sendable {
    case queue
    case stats
    /// Follow-ups: overdue, today, the next seven days.
    case agenda
}

/// A search over every lead of the store: what was asked, and what the queue showed before.
public struct SearchState: Equatable, Sendable {
    public var query: String
    /// How many leads match in all (the queue shows the best few hundred).
    public var total = 0
    /// The store is still being indexed; the results come once it is.
    public var indexing = false
    public var returnScope: QueueScope

    public init(query: String, returnScope: QueueScope) {
        self.query = query
        self.returnScope = returnScope
    }
}
