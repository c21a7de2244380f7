import LeadqDomain
import LeadqUI

/// What stays fixed for a console session.
public struct ConsoleConfig: Equatable, Sendable {
    public var rep: String
    public var repName: String
    /// The store as the header shows it (a path, or "demo").
    public var storeLabel: String
    public var utcOffset: Int64
    /// Theme names the picker offers.
    public var themeNames: [String]

    public init(rep: String, repName: String, storeLabel: String, utcOffset: Int64, themeNames: [String]) {
        (self.rep, self.repName, self.storeLabel, self.utcOffset, self.themeNames) = (rep, repName, storeLabel, utcOffset, themeNames)
    }
}

/// The bottom line: what just happened.
public struct StatusLine: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case info, ok, warn, error, hot }
    public var text: String
    public var kind: Kind
    public init(_ text: String, _ kind: Kind) { (self.text, self.kind) = (text, kind) }
}

/// The header's counts over the whole queue, recomputed each second and after each change.
public struct HeaderCounts: Equatable, Sendable {
    public var inQueue = 0
    public var breaches = 0
    public var followUpsDue = 0
    public var followUpsOverdue = 0
    public var clawbacksDue = 0
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
    public var size: Size
    public var now: Instant
    public var counts = HeaderCounts()
    public var theme: String
    public var quitting = false

    public init(config: ConsoleConfig, settings: Settings, keymap: Keymap = Keymap(), size: Size, now: Instant, theme: String) {
        self.config = config
        self.settings = settings
        self.keymap = keymap
        self.size = size
        self.now = now
        self.theme = theme
    }

    public var cursor: Int? {
        guard let s = selected else { return nil }
        return queue.visible.firstIndex(of: s)
    }

    public var selectedEntry: QueueEntry? { selected.flatMap { queue[$0] } }

    public func target() -> Target? {
        selectedEntry.map { Target(id: $0.lead.id, version: $0.lead.version, name: $0.lead.profile.name) }
    }
}
