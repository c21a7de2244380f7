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

    public enum Outcome: String, Sendable {
        case accepted, rejected, qualified, nurture, won, lost
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
    public private(set) var reached: Set<Outcome> = []
    /// The lead's opportunity, once qualified.
    public private(set) var opportunity: Opportunity?
    /// Merged into another lead as a duplicate (as of now).
    public private(set) var merged = false

    public init(_ source: Lead, now: Instant) {
        // Seeing the store as of `now`: later entries (and the undos among them) don't exist yet,
        // nor do the profile changes they recorded.
        lead =
            source.history.contains { $0.at > now }
            ? Lead(id: source.id, profile: source.profile(asOf: now), history: source.history.filter { $0.at <= now })
            : source
        let undone = lead.undoneSeqs
        var spells: [Spell] = []
        var stays: [Stay] = []
        var decisions: [Decision] = []
        var done: [(at: Instant, rep: String)] = []
        var actions: [(at: Instant, rep: String)] = []
        var reached: Set<Outcome> = []
        var created: Instant?
        var stage = Stage.new
        var stageStart: Instant?
        var owner: String?
        var open: Int?  // index of the running spell
        var pooled: (at: Instant, released: Bool)?
        var opportunity: Opportunity?
        var merged = false
        let sourceCreated = lead.profile.createdAt

        func enter(_ next: Stage, _ at: Instant, owner newOwner: String?) {
            if let s = stageStart { stays.append(Stay(stage: stage, rep: owner, start: s, end: at)) }
            stage = next
            stageStart = at
            owner = newOwner
        }
        func close(to next: Stage, _ outcome: Outcome, reason: String, _ e: Entry) {
            reached.insert(outcome)
            if let i = open {
                spells[i].closedAt = e.at
                spells[i].closedTo = next
                decisions.append(Decision(outcome: outcome, at: e.at, rep: spells[i].rep, reason: reason))
            }
            enter(next, e.at, owner: nil)
            open = nil
        }

        for e in lead.history where !undone.contains(e.seq) {
            let rep = open.map { spells[$0].rep }
            switch e.op {
            case .created:
                created = created ?? e.at
                pooled = (e.at, false)
                enter(.new, e.at, owner: nil)
            case .updated, .undo, .scheduleFollowUp, .dropFollowUp, .setAside, .absorb, .note:
                break
            case .assign(let to, _):
                if let i = open { spells[i].handedOverAt = e.at }
                var spell = Spell(rep: to, start: e.at)
                if stage == .new, let p = pooled {
                    spell.inquiryAt = !p.released && sourceCreated.seconds > 0 ? min(sourceCreated, p.at) : p.at
                }
                spells.append(spell)
                open = spells.count - 1
                enter(.assigned, e.at, owner: to)
            case .accept:
                guard let i = open else { break }
                spells[i].acceptedAt = e.at
                decisions.append(Decision(outcome: .accepted, at: e.at, rep: spells[i].rep, reason: ""))
                reached.insert(.accepted)
                enter(.accepted, e.at, owner: owner)
            case .reject(let reason, _):
                close(to: .rejected, .rejected, reason: reason, e)
            case .qualify:
                close(to: .qualified, .qualified, reason: "", e)
                opportunity = Opportunity(qualifiedAt: e.at)
            case .won(let amount, _), .lost(_, let amount, _):
                let outcome: Outcome = e.op.name == "won" ? .won : .lost
                reached.insert(outcome)
                opportunity?.closedAt = e.at
                opportunity?.outcome = outcome
                opportunity?.amount = amount
                enter(outcome == .won ? .won : .lost, e.at, owner: nil)
            case .merged:
                if let i = open {
                    spells[i].closedAt = e.at
                    spells[i].closedTo = .merged
                }
                open = nil
                merged = true
                enter(.merged, e.at, owner: nil)
            case .clawback(let reason, _, _):
                close(to: .nurture, .nurture, reason: reason, e)
            case .nurture:
                // Routing sent it from the pool: the lead reached nurture, but no rep decided anything.
                reached.insert(.nurture)
                enter(.nurture, e.at, owner: nil)
            case .release:
                pooled = (e.at, true)
                enter(.new, e.at, owner: nil)
            case .contact:
                // The first contact after the assignment in the journal, at no earlier time than it
                // (a writer's clock behind can't make the response time negative).
                if let i = open, spells[i].firstContactAt == nil {
                    spells[i].firstContactAt = max(e.at, spells[i].start)
                }
            case .completeFollowUp:
                if let r = rep { done.append((e.at, r)) }
            }
            if let r = rep, e.op.isRepWork { actions.append((e.at, r)) }
        }
        self.createdAt = created ?? lead.profile.createdAt
        self.spells = spells
        self.stays = stays
        self.decisions = decisions
        self.followUpsDone = done
        self.actions = actions
        self.reached = reached
        self.opportunity = opportunity
        self.merged = merged
    }

    /// Whether the lead had entered leadq by `t` (its `created` entry, else the profile's creation time).
    public static func exists(_ lead: Lead, asOf t: Instant) -> Bool {
        for e in lead.history {
            if case .created = e.op { return e.at <= t }
        }
        return lead.profile.createdAt <= t
    }

    /// The rep whose queue held the lead at `t`, if any.
    public func owner(at t: Instant) -> String? {
        spells.last { $0.covers(t) }?.rep
    }
}

extension Op {
    /// Work a rep (or a manager on their behalf) does on a lead in a queue.
    var isRepWork: Bool {
        switch self {
        case .accept, .reject, .contact, .scheduleFollowUp, .completeFollowUp, .dropFollowUp, .qualify, .clawback:
            return true
        case .created, .updated, .assign, .nurture, .release, .undo, .setAside, .won, .lost, .merged, .absorb, .note:
            return false
        }
    }
}
