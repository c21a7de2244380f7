import LeadqDomain

/// One lead's history as the reports read it: its assignment spells, its stays in each stage, its
/// outcomes. Built from the entries that still count: undone entries and the undos themselves are
/// skipped, and so is anything recorded after `now` (the report's "as of").
public struct LeadTimeline: Sendable {
    /// One stretch of a lead in one rep's queue: from an assignment to the next assignment (a
    /// reassignment hands it over) or to a rejection, qualification or clawback (it closes).
    public struct Spell: Equatable, Sendable {
        public var rep: String
        public var start: Instant
        public var acceptedAt: Instant?
        /// The first contact logged (either direction) while the lead was in this queue.
        public var firstContactAt: Instant?
        /// When the lead left this queue by rejection, qualification or clawback, and to which stage.
        public var closedAt: Instant?
        public var closedTo: Stage?
        /// When the lead was reassigned to someone else.
        public var handedOverAt: Instant?
        /// The inquiry its first-touch clock may count from: set when the assignment took the lead
        /// from the pool (the source's creation time, or the release that put it back there).
        public var inquiryAt: Instant?

        public var end: Instant? { closedAt ?? handedOverAt }
        /// When the rep decided on the handoff: accepted it, or closed it without accepting.
        public var decidedAt: Instant? { acceptedAt ?? closedAt }
        public func covers(_ t: Instant) -> Bool { t >= start && end.map { t < $0 } ?? true }
    }

    /// A finished stay in one stage. A stay ends when the lead changes stage or owner.
    public struct Stay: Equatable, Sendable {
        public var stage: Stage
        public var rep: String?
        public var start: Instant
        public var end: Instant
        public var duration: Int64 { end - start }
    }

    public enum Outcome: String, CaseIterable, Sendable {
        case accepted, rejected, qualified, nurture, won, lost
    }

    /// A set of outcomes as bits: a timeline is made for every lead a report reads, and a `Set`
    /// would allocate and hash for each.
    struct Outcomes: Equatable, Sendable {
        private var bits: UInt8 = 0
        private static func bit(_ o: Outcome) -> UInt8 {
            switch o {
            case .accepted: 1
            case .rejected: 2
            case .qualified: 4
            case .nurture: 8
            case .won: 16
            case .lost: 32
            }
        }
        mutating func insert(_ o: Outcome) { bits |= Outcomes.bit(o) }
        func contains(_ o: Outcome) -> Bool { bits & Outcomes.bit(o) != 0 }
    }

    /// The opportunity of a qualified lead: when it was qualified, and its outcome once recorded.
    public struct Opportunity: Equatable, Sendable {
        public var qualifiedAt: Instant
        public var closedAt: Instant?
        /// `.won` or `.lost`, once recorded.
        public var outcome: Outcome?
        public var amount: Int64?
    }

    /// An accept, rejection, qualification or clawback, counted for the rep whose queue the lead was in.
    public struct Decision: Equatable, Sendable {
        public var outcome: Outcome
        public var at: Instant
        public var rep: String
        /// The reason code of a rejection or clawback.
        public var reason: String
    }

    public var lead: Lead
    /// When the lead entered leadq (its `created` entry; the profile's `createdAt` if it has none).
    public var createdAt: Instant
    public private(set) var spells: [Spell] = []
    public private(set) var stays: [Stay] = []
    public private(set) var decisions: [Decision] = []
    /// Follow-ups marked done: when, and in whose queue.
    public private(set) var followUpsDone: [(at: Instant, rep: String)] = []
    /// Times a rep's work touched the lead (accept, reject, contact, follow-up, qualify, clawback), and whose queue it was in.
    public private(set) var actions: [(at: Instant, rep: String)] = []
    /// The stages the lead ever reached.
    public var reached: Set<Outcome> { Set(Outcome.allCases.filter(reachedOutcomes.contains)) }
    private(set) var reachedOutcomes = Outcomes()
    /// The lead's opportunity, once qualified.
    public private(set) var opportunity: Opportunity?
    /// Merged into another lead as a duplicate (as of now).
    public private(set) var merged = false

    public init(_ source: Lead, now: Instant) {
        var walk = TimelineWalk(sourceCreated: source.profile.createdAt)
        self.init(source, now: now, walking: &walk)
    }

    /// The same, walked with `walk` (reset first): a report keeps one walk for every lead, and
    /// its arrays' room with it.
    init(_ source: consuming Lead, now: Instant, walking walk: inout TimelineWalk) {
        if let cut = LeadTimeline.cut(source, asOf: now) { lead = cut } else { lead = source }
        walk.walk(lead)
        createdAt = walk.created ?? lead.profile.createdAt
        spells = walk.spells
        stays = walk.stays
        decisions = walk.decisions
        followUpsDone = walk.done
        actions = walk.actions
        reachedOutcomes = walk.reached
        opportunity = walk.opportunity
        merged = walk.merged
    }

    /// The lead as the store held it at `now`, when it has entries after `now`: those (and the undos
    /// among them) don't exist yet, nor do the profile changes they recorded. Nil when it has none,
    /// the lead as it is.
    static func cut(_ source: borrowing Lead, asOf now: Instant) -> Lead? {
        guard source.history.contains(where: { $0.at > now }) else { return nil }
        return Lead(id: source.id, profile: source.profile(asOf: now), history: source.history.filter { $0.at <= now })
    }

    /// Whether the lead had entered leadq by `t` (its `created` entry, else the profile's creation time).
    public static func exists(_ lead: Lead, asOf t: Instant) -> Bool {
        for e in lead.history {
            if case .created = e.op { return e.at <= t }
        }
        return lead.profile.createdAt <= t
    }

    /// The rep whose queue held the lead at `t`, if any.
    public func owner(at t: Instant) -> String? { LeadTimeline.owner(in: spells, at: t) }

    static func owner(in spells: [Spell], at t: Instant) -> String? {
        spells.last { $0.covers(t) }?.rep
    }
}

extension Op {
    /// Work a rep (or a manager on their behalf) does on a lead in a queue.
    var isRepWork: Bool {
        switch self {
        case .accept, .reject, .contact, .scheduleFollowUp, .completeFollowUp, .dropFollowUp, .qualify, .clawback:
            return true
        case .created, .updated, .assign, .nurture, .release, .undo, .setAside, .settings, .won, .lost, .merged,
            .absorb,
            .note:
            return false
        }
    }
}
