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

    /// Walks `lead`'s entries from the start (reset first), leaving out those undo took back.
    mutating func walk(_ lead: borrowing Lead) {
        reset(sourceCreated: lead.profile.createdAt)
        let undone = lead.undoneSeqs
        // Each entry read where it lies, by its address: handed over as a value, even from the
        // array's buffer, it was copied (a retain of each of its strings) and freed again.
        lead.history.withUnsafeBufferPointer { entries in
            guard let first = entries.baseAddress else { return }
            for i in entries.indices where undone.isEmpty || !undone.contains(entries[i].seq) { step(first + i) }
        }
    }

    mutating func step(_ e: UnsafePointer<Entry>) {
        let at = e.pointee.at
        let rep = open.map { spells[$0].rep }
        switch e.pointee.op {
        case .created, .assign, .release, .contact, .completeFollowUp:
            moved(e, rep: rep)
        case .accept, .reject, .qualify, .won, .lost, .merged, .clawback, .nurture:
            decided(e)
        case .updated, .undo, .scheduleFollowUp, .dropFollowUp, .setAside, .settings, .absorb, .note:
            break
        }
        if let r = rep, e.pointee.op.isRepWork { actions.append((at, r)) }
    }

    /// Entries that start or touch a spell without deciding anything.
    private mutating func moved(_ e: UnsafePointer<Entry>, rep: String?) {
        let at = e.pointee.at
        switch e.pointee.op {
        case .created:
            created = created ?? at
            pooled = (at, false)
            enter(.new, at, owner: nil)
        case .assign(let to, _):
            if let i = open { spells[i].handedOverAt = at }
            var spell = Spell(rep: to, start: at)
            if stage == .new, let p = pooled {
                spell.inquiryAt = !p.released && sourceCreated.seconds > 0 ? min(sourceCreated, p.at) : p.at
            }
            spells.append(spell)
            open = spells.count - 1
            enter(.assigned, at, owner: to)
        case .release:
            pooled = (at, true)
            enter(.new, at, owner: nil)
        case .contact:
            // The first contact after the assignment in the journal, at no earlier time than it
            // (a writer's clock behind can't make the response time negative).
            if let i = open, spells[i].firstContactAt == nil {
                spells[i].firstContactAt = max(at, spells[i].start)
            }
        case .completeFollowUp:
            if let r = rep { done.append((at, r)) }
        default:
            break
        }
    }

    /// Entries that decide the lead's fate (or its opportunity's).
    private mutating func decided(_ e: UnsafePointer<Entry>) {
        let at = e.pointee.at
        switch e.pointee.op {
        case .accept:
            guard let i = open else { break }
            spells[i].acceptedAt = at
            decisions.append(LeadTimeline.Decision(outcome: .accepted, at: at, rep: spells[i].rep, reason: ""))
            reached.insert(.accepted)
            enter(.accepted, at, owner: owner)
        case .reject(let reason, _):
            close(to: .rejected, .rejected, reason: reason, at)
        case .qualify:
            close(to: .qualified, .qualified, reason: "", at)
            opportunity = LeadTimeline.Opportunity(qualifiedAt: at)
        case .won(let amount, _), .lost(_, let amount, _):
            let outcome: Outcome = e.pointee.op.name == "won" ? .won : .lost
            reached.insert(outcome)
            opportunity?.closedAt = at
            opportunity?.outcome = outcome
            opportunity?.amount = amount
            enter(outcome == .won ? .won : .lost, at, owner: nil)
        case .merged:
            if let i = open {
                spells[i].closedAt = at
                spells[i].closedTo = .merged
            }
            open = nil
            merged = true
            enter(.merged, at, owner: nil)
        case .clawback(let reason, _, _):
            close(to: .nurture, .nurture, reason: reason, at)
        case .nurture:
            // Routing sent it from the pool: the lead reached nurture, but no rep decided anything.
            reached.insert(.nurture)
            enter(.nurture, at, owner: nil)
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

    private mutating func close(to next: Stage, _ outcome: Outcome, reason: String, _ at: Instant) {
        reached.insert(outcome)
        if let i = open {
            spells[i].closedAt = at
            spells[i].closedTo = next
            decisions.append(LeadTimeline.Decision(outcome: outcome, at: at, rep: spells[i].rep, reason: reason))
        }
        enter(next, at, owner: nil)
        open = nil
    }
}
