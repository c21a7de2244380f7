/// Every number of domain.md is a default a team may change in its store's settings.
public struct Settings: Equatable, Sendable {
    public var decisionSLAHours: Int64 = 24
    public var firstTouchHotMinutes: Int64 = 5
    public var firstTouchMinutes: Int64 = 60
    /// Where the first-touch clock of an inbound lead starts: at the inquiry (domain.md) or at assignment.
    public var firstTouchFrom: ClockStart = .inquiry
    /// Sources whose leads never asked for anything (bought lists): their clock starts at assignment.
    public var outboundSources: [String] = ["cold-list"] { didSet { outboundKeys = Settings.keys(outboundSources) } }
    /// `outboundSources` as comparison keys: every lead's first-touch clock asks.
    private(set) var outboundKeys = Settings.keys(["cold-list"])
    /// A hot lead waiting unassigned this long (working time) is past due for routing.
    public var poolHotMinutes: Int64 = 5
    /// Whether the SLA clocks count only working time, and follow-ups land in it.
    public var businessHours = true
    public var workingHours = WorkingHours()
    public var hotScore = 80
    public var nurtureBelowScore = 30
    public var clawbackIdleDays: Int64 = 30
    /// A lead shows as due for clawback this many days before the policy takes it.
    public var clawbackWarnDays: Int64 = 5
    /// Re-engagement: a nurture lead comes back to the pool after resting this long, step by step
    /// (the first time after 30 days, the second after 60…); past the last step it stays.
    public var nurtureReleaseDays: [Int64] = [30, 60, 90]
    /// A released lead goes straight back to the rep who had it last (if present), not to the pool.
    public var releaseToPreviousOwner = false
    /// A `not-now` rejection sends the lead to nurture instead of closing it.
    public var notNowToNurture = false
    /// A nurture lead whose score turns hot comes back to the pool at once.
    public var releaseWhenHot = true
    public var followUpCadenceDays: [Int64] = [1, 3, 7, 14]
    public var recommendedAttempts = 6
    /// Cadences per trigger or source; the first that matches a lead is its cadence.
    public var playbooks: [Playbook] = [] {
        didSet { playbookTerms = playbooks.map { $0.when.map(ConditionTerms.init) } }
    }
    /// Each playbook's conditions with their terms normalised: every lead of a queue is matched.
    private(set) var playbookTerms: [[ConditionTerms]] = []
    /// How far ahead a follow-up may be scheduled: a typo like `+3000d` is caught, not kept for years.
    public var followUpHorizonDays: Int64 = 3_650
    /// How far back undo reaches: an older action is no longer "the last one".
    public var undoWindowHours: Int64 = 24
    public var reasons: [ReasonCode] = ReasonCode.defaultCatalog
    public var reps: [Rep] = [] { didSet { repIndex = Settings.index(reps) } }
    /// Where each rep id first appears in `reps`: rules look reps up for every action, and an
    /// import for every row.
    private var repIndex: [String: Int] = [:]
    public var scoring: [ScoringRule] = ScoringRule.defaults
    public var bellOnHot = true
    public var theme = "default"
    public var console = ConsolePreferences()
    public var groupShared = false
    public var compactAfterEvents = 20_000
    /// How long a write waits for another process holding the store's lock before giving up.
    public var lockTimeoutSeconds: Int64 = 30
    public var ownerMap: [OwnerMapping] = []
    public var routing: [RoutingRule] = []
    /// The team's time zone (an IANA name): CRM files that write local times are read in it.
    public var timeZone = "UTC"
    /// The zones the names above stand for, filled in by whoever reads the settings (a name without
    /// one here is UTC, or the fixed offset it spells): the domain has no time-zone database.
    public var zones = ZoneBook()
    /// What the dispatcher does on its own, and where its alerts go.
    public var dispatch = DispatchSettings()

    public init() {}

    public func rep(_ id: String) -> Rep? { repIndex[id].map { reps[$0] } }

    private static func keys(_ terms: [String]) -> Set<String> { Set(terms.map(TextNormal.key)) }

    private static func index(_ reps: [Rep]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (i, r) in reps.enumerated() where index[r.id] == nil { index[r.id] = i }
        return index
    }
    public func reason(_ code: String) -> ReasonCode? { reasons.first { $0.code == code } }
    public func isHot(_ score: Int) -> Bool { score >= hotScore }
    public var decisionSLA: Int64 { decisionSLAHours * Span.hour }
    public var clawbackIdle: Int64 { clawbackIdleDays * Span.day }
    public func firstTouchSLA(score: Int) -> Int64 {
        (isHot(score) ? firstTouchHotMinutes : firstTouchMinutes) * Span.minute
    }
}

/// Where a clock starts.
public enum ClockStart: String, CaseIterable, Sendable {
    case inquiry, assignment
}

/// A member of the team as the store knows them.
public struct Rep: Equatable, Sendable {
    public var id: String
    public var name: String
    public var team: String
    public var role: TeamRole
    public var away: Bool
    /// Most open (assigned + accepted) leads routing may give this rep; nil = no cap.
    public var cap: Int?
    /// The rep's time zone (an IANA name); nil: the team's.
    public var timeZone: String?

    public init(
        id: String, name: String, team: String = "", role: TeamRole = .rep, away: Bool = false, cap: Int? = nil,
        timeZone: String? = nil
    ) {
        (self.id, self.name, self.team, self.role, self.away, self.cap) = (id, name, team, role, away, cap)
        self.timeZone = timeZone
    }
}

/// Maps an owner as written in a CRM export (an id, an email or a name) to a rep.
public struct OwnerMapping: Equatable, Sendable {
    public var owner: String
    public var rep: String
    public init(owner: String, rep: String) { (self.owner, self.rep) = (owner, rep) }
}

/// One routing rule: leads matching `when` go to `rep`, or round-robin in `team`, or to nurture.
public struct RoutingRule: Equatable, Sendable {
    public enum Target: Equatable, Sendable {
        case rep(String)
        case team(String)
        case nurture
    }
    public var name: String
    public var when: [Condition]
    public var target: Target

    public struct Condition: Equatable, Sendable {
        public enum Field: String, CaseIterable, Sendable {
            case country, region, source, industry, trigger, content, origin, title
        }
        public var field: Field?
        public var anyOf: [String]
        /// Inclusive score bounds; nil = unbounded.
        public var scoreAtLeast: Int?
        public var scoreBelow: Int?
        public init(field: Field? = nil, anyOf: [String] = [], scoreAtLeast: Int? = nil, scoreBelow: Int? = nil) {
            (self.field, self.anyOf, self.scoreAtLeast, self.scoreBelow) = (field, anyOf, scoreAtLeast, scoreBelow)
        }
    }

    public init(name: String, when: [Condition], target: Target) {
        (self.name, self.when, self.target) = (name, when, target)
    }
}

/// An error in settings, naming the field by its path (`sla.decisionHours`, `reasons[3].key`).
public struct SettingsError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }
    public init(file: String, message: String) { (self.file, self.message) = (file, message) }
}

/// Zones by name, as the settings' reader looked them up. They follow from the names the settings
/// hold, so they take no part in comparing settings.
public struct ZoneBook: Equatable, Sendable {
    public var table: [String: Zone] = [:]
    public init() {}
    public subscript(name: String) -> Zone? {
        get { table[name] }
        set { table[name] = newValue }
    }
    public static func == (a: ZoneBook, b: ZoneBook) -> Bool { true }
}
