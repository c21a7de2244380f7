import LeadqDomain

/// The walk through a lead's entries that builds its timeline: the stage and owner it is in, the
/// spell running, and everything the reports count, entry by entry.
struct TimelineWalk {
    typealias Spell = LeadTimeline.Spell
    typealias Outcome = LeadTimeline.Outcome

    var sourceCreated: Instant
    var spells: [Spell] = []
    var stays: [LeadTimeline.Stay] = []
    var decisions: [LeadTimeline.Decision] = []
    var done: [(at: Instant, rep: String)] = []
    var actions: [(at: Instant, rep: String)] = []
    var reached = LeadTimeline.Outcomes()
    var created: Instant?
    var opportunity: LeadTimeline.Opportunity?
    var merged = false
    private var stage = Stage.new
    private var stageStart: Instant?
    private var owner: String?
    /// The index of the running spell.
    private var open: Int?
    private var pooled: (at: Instant, released: Bool)?

    init(sourceCreated: Instant) { self.sourceCreated = sourceCreated }

    /// Empty again for another lead, its arrays keeping their room: a report walks a million
    /// leads, and each array grown from nothing was several allocations.
    mutating func reset(sourceCreated: Instant) {
        self.sourceCreated = sourceCreated
        spells.removeAll(keepingCapacity: true)
        stays.removeAll(keepingCapacity: true)
        decisions.removeAll(keepingCapacity: true)
        done.removeAll(keepingCapacity: true)
        actions.removeAll(keepingCapacity: true)
        (reached, created, opportunity, merged) = (LeadTimeline.Outcomes(), nil, nil, false)
        (stage, stageStart, owner, open, pooled) = (.new, nil, nil, nil, nil)
    }

    mutating func step(_ e: Entry) {
        let rep = open.map { spells[$0].rep }
        switch e.op {
        case .created, .assign, .release, .contact, .completeFollowUp:
            moved(e, rep: rep)
        case .accept, .reject, .qualify, .won, .lost, .merged, .clawback, .nurture:
            decided(e)
        case .updated, .undo, .scheduleFollowUp, .dropFollowUp, .setAside, .settings, .absorb, .note:
            break
        }
        if let r = rep, e.op.isRepWork { actions.append((e.at, r)) }
    }

    /// Entries that start or touch a spell without deciding anything.
    private mutating func moved(_ e: Entry, rep: String?) {
        switch e.op {
        case .created:
            created = created ?? e.at
            pooled = (e.at, false)
            enter(.new, e.at, owner: nil)
        case .assign(let to, _):
            if let i = open { spells[i].handedOverAt = e.at }
            var spell = Spell(rep: to, start: e.at)
            if stage == .new, let p = pooled {
                spell.inquiryAt = !p.released && sourceCreated.seconds > 0 ? min(sourceCreated, p.at) : p.at
            }
            spells.append(spell)
            open = spells.count - 1
            enter(.assigned, e.at, owner: to)
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
        default:
            break
        }
    }

    /// Entries that decide the lead's fate (or its opportunity's).
    private mutating func decided(_ e: Entry) {
        switch e.op {
        case .accept:
            guard let i = open else { break }
            spells[i].acceptedAt = e.at
            decisions.append(LeadTimeline.Decision(outcome: .accepted, at: e.at, rep: spells[i].rep, reason: ""))
            reached.insert(.accepted)
            enter(.accepted, e.at, owner: owner)
        case .reject(let reason, _):
            close(to: .rejected, .rejected, reason: reason, e)
        case .qualify:
            close(to: .qualified, .qualified, reason: "", e)
            opportunity = LeadTimeline.Opportunity(qualifiedAt: e.at)
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
        default:
            break
        }
    }

    private mutating func enter(_ next: Stage, _ at: Instant, owner newOwner: String?) {
        if let s = stageStart { stays.append(LeadTimeline.Stay(stage: stage, rep: owner, start: s, end: at)) }
        stage = next
        stageStart = at
        owner = newOwner
    }

    private mutating func close(to next: Stage, _ outcome: Outcome, reason: String, _ e: Entry) {
        reached.insert(outcome)
        if let i = open {
            spells[i].closedAt = e.at
            spells[i].closedTo = next
            decisions.append(LeadTimeline.Decision(outcome: outcome, at: e.at, rep: spells[i].rep, reason: reason))
        }
        enter(next, e.at, owner: nil)
        open = nil
    }
}
