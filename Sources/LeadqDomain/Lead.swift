/// A lead: its profile, its full history, and the work state folded from that history.
public struct Lead: Equatable, Sendable {
    public var id: String
    public var profile: Profile
    public private(set) var history: [Entry]
    /// Derived from `history` by `Work.fold`; never stored separately from it.
    public private(set) var work: Work
    /// Sequence number of the last event applied to this lead; used to detect concurrent changes.
    public private(set) var version: Int64

    public init(id: String, profile: Profile, history: [Entry], version: Int64? = nil) {
        self.id = id
        self.profile = profile
        self.history = history
        self.work = Work.fold(history)
        self.version = version ?? history.last?.seq ?? 0
    }

    /// Applies an event that is already decided. No validation here: this is the replay path.
    public mutating func apply(_ event: Event) {
        // The journal's events carry the profile they leave; an entry alone (a domain test, an undo
        // being decided) carries only its changes.
        if let p = event.profile {
            profile = p
        } else {
            applyProfileChanges(of: event.entry)
        }
        history.append(event.entry)
        // An entry folds on top of the work so far, unless undo is involved: an undo changes what
        // counts, and a history holding one (only a damaged one could have an undo naming a later
        // entry) is folded again from the start, as replay would.
        if history.contains(where: { if case .undo = $0.op { true } else { false } }) {
            work = Work.fold(history)
        } else {
            withUnsafePointer(to: event.entry) { work.step($0) }
        }
        version = max(version, event.entry.seq)
    }

    /// The lead with its work but without its history: what a list of tens of thousands of leads
    /// keeps of each (the history is read again when the lead is opened). Never saved or decided on.
    public var withoutHistory: Lead {
        var l = self
        l.history = []
        return l
    }

    /// `withoutHistory`, with `work` standing for what was folded from it (`listed`).
    func withoutHistory(work: Work) -> Lead {
        var l = withoutHistory
        l.work = work
        return l
    }

    /// Whether the history was left out (`withoutHistory`): every saved lead has at least one entry.
    public var historyLeftOut: Bool { history.isEmpty }

    public var stage: Stage { work.stage }
    public var owner: String? { work.owner }
    public var score: Int { profile.score }

    /// The entries that undo took back.
    public var undoneSeqs: Set<Int64> { Work.undoneTargets(history) }

    /// The last entry that still counts (not undone, not an undo), if any.
    public var lastEffectiveEntry: Entry? {
        let undone = undoneSeqs
        return history.last { e in
            if case .undo = e.op { return false }
            return !undone.contains(e.seq)
        }
    }
}

/// A contact as logged on the lead.
public struct LoggedContact: Equatable, Sendable {
    public var id: Int64
    public var at: Instant
    public var by: String
    public var contact: Contact
}

public struct FollowUp: Equatable, Sendable {
    public enum Status: String, Sendable {
        case open, done, dropped, replaced
        /// The lead left the rep's queue (rejected, qualified, nurtured) before it was done.
        case cancelled
    }
    public var id: Int64
    public var due: Instant
    public var what: String
    public var createdAt: Instant
    public var createdBy: String
    /// Scheduled by the cadence after an unanswered contact.
    public var automatic: Bool
    /// The channel the cadence's step asks for, if it names one.
    public var channel: Channel?
    public var status: Status = .open
    public var closedAt: Instant?
    public var closedBy: String?
    public var note = ""

    public var isOpen: Bool { status == .open }
}

/// The state of the work on a lead, as folded from its history.
public struct Work: Equatable, Sendable {
    public var stage: Stage = .new
    public var owner: String?
    public var enteredAt: Instant?
    /// When the lead last entered the pool: created, or released from nurture.
    public var pooledAt: Instant?
    /// Whether the lead was released from nurture since it was created (its inquiry is old news).
    public var released = false
    /// Whether the current assignment took the lead from the pool (not from another rep).
    public var fromPool = false
    /// The rep who had the lead last, kept after it left their queue.
    public var lastOwner: String?
    public var assignedAt: Instant?
    /// The sequence number of the current assignment: what came after it in the journal belongs to
    /// it, whatever the writers' clocks said.
    public var assignedSeq: Int64?
    public var assignedBy: String?
    /// The routing rule behind the current assignment, if routing made it.
    public var rule: String?
    public var acceptedAt: Instant?
    /// When and by whom the lead was rejected, qualified or nurtured.
    public var closedAt: Instant?
    public var closedBy: String?
    /// Reason code and note of the last rejection or clawback.
    public var reason = ""
    public var note = ""
    public var contacts: [LoggedContact] = []
    public var followUps: [FollowUp] = []
    public var lastActivityAt: Instant?
    /// When the lead was qualified, and when its opportunity was won or lost, for how much (cents).
    public var qualifiedAt: Instant?
    public var outcomeAt: Instant?
    public var amount: Int64?
    /// The lead this one was merged into, and the leads merged into this one.
    public var mergedInto: String?
    public var absorbed: [String] = []

    public var openFollowUps: [FollowUp] { followUps.filter(\.isOpen).sorted { ($0.due, $0.id) < ($1.due, $1.id) } }
    /// The first of `openFollowUps`, found without building it: a lead's status asks three times.
    public var nextFollowUp: FollowUp? {
        followUps.lazy.filter(\.isOpen).min { ($0.due, $0.id) < ($1.due, $1.id) }
    }

    /// Contacts logged since the current assignment, in journal order (a contact's id is its seq).
    public var contactsSinceAssignment: [LoggedContact] {
        guard let a = assignedSeq else { return contacts }
        return contacts.filter { $0.id > a }
    }

    /// The first touch of the current assignment: the first contact logged after it, at its time,
    /// or at the assignment's if the contact's writer had a clock behind.
    public var firstContactAt: Instant? {
        let a = assignedSeq ?? Int64.min
        guard let first = contacts.first(where: { $0.id > a }) else { return nil }
        return clampedToAssignment(first.at)
    }

    /// A time of work on the current assignment, never before the assignment itself.
    public func clampedToAssignment(_ t: Instant) -> Instant {
        guard let a = assignedAt else { return t }
        return max(t, a)
    }

    static func undoneTargets(_ history: [Entry]) -> Set<Int64> {
        var s = Set<Int64>()
        for e in history { if case .undo(let t) = e.op { s.insert(t) } }
        return s
    }

    /// Folds a history into the work state; entries taken back by undo are skipped.
    public static func fold(_ history: [Entry]) -> Work {
        let undone = undoneTargets(history)
        var w = Work()
        // Room for every contact and follow-up at once: grown an entry at a time, a lead's arrays
        // were several allocations each, a million times over in a report.
        var (contacts, followUps) = (0, 0)
        for e in history {
            switch e.op {
            case .contact(let c):
                contacts += 1
                if c.followUpDue != nil { followUps += 1 }
            case .scheduleFollowUp: followUps += 1
            default: break
            }
        }
        w.contacts.reserveCapacity(contacts)
        w.followUps.reserveCapacity(followUps)
        // Asked only when something was undone: an empty set still hashes each seq it is asked for.
        // Each entry read where it lies, by its address: handed over as a value, even from the
        // array's buffer, it was copied (a retain of each of its strings) and freed again.
        history.withUnsafeBufferPointer { entries in
            guard let first = entries.baseAddress else { return }
            for i in entries.indices where undone.isEmpty || !undone.contains(entries[i].seq) { w.step(first + i) }
        }
        return w
    }

    private mutating func close(_ e: UnsafePointer<Entry>, to stage: Stage) {
        self.stage = stage
        owner = nil
        closedAt = e.pointee.at
        closedBy = e.pointee.by
        for i in followUps.indices where followUps[i].isOpen {
            closeFollowUp(i, as: .cancelled, e)
        }
    }

    private mutating func closeFollowUp(_ i: Int, as status: FollowUp.Status, _ e: UnsafePointer<Entry>) {
        followUps[i].status = status
        followUps[i].closedAt = e.pointee.at
        followUps[i].closedBy = e.pointee.by
    }

    /// The other lead's contacts join this one's (in journal order) and its open follow-ups stay open here.
    private mutating func absorb(_ from: String, _ other: Work) {
        absorbed.append(from)
        contacts = (contacts + other.contacts).sorted { $0.id < $1.id }
        followUps += other.followUps.filter(\.isOpen)
    }

    /// A contact completes the follow-ups it answers and may schedule the cadence's next step.
    private mutating func logContact(_ c: Contact, _ e: UnsafePointer<Entry>) {
        contacts.append(LoggedContact(id: e.pointee.seq, at: e.pointee.at, by: e.pointee.by, contact: c))
        for id in c.completes {
            guard let i = followUps.firstIndex(where: { $0.id == id && $0.isOpen }) else { continue }
            closeFollowUp(i, as: .done, e)
            followUps[i].note = c.said
        }
        if let due = c.followUpDue {
            let what = c.followUpWhat ?? c.tryAgain
            followUps.append(
                FollowUp(
                    id: e.pointee.seq, due: due, what: what, createdAt: e.pointee.at, createdBy: e.pointee.by,
                    automatic: true,
                    channel: c.followUpChannel))
        }
    }

    /// The opportunity's outcome after qualified.
    private mutating func outcome(
        _ e: UnsafePointer<Entry>, won: Bool, amount: Int64?, reason r: String, note n: String
    ) {
        stage = won ? .won : .lost
        outcomeAt = e.pointee.at
        self.amount = amount
        reason = r
        note = n
    }

    private mutating func assign(_ e: UnsafePointer<Entry>, to: String, rule: String?) {
        fromPool = stage == .new
        lastOwner = to
        stage = .assigned
        owner = to
        assignedAt = e.pointee.at
        assignedSeq = e.pointee.seq
        assignedBy = e.pointee.by
        self.rule = rule
        acceptedAt = nil
        closedAt = nil
        closedBy = nil
        reason = ""
        note = ""
    }

    private mutating func release(_ e: UnsafePointer<Entry>) {
        pooledAt = e.pointee.at
        released = true
        stage = .new
        owner = nil
        assignedAt = nil
        assignedSeq = nil
        assignedBy = nil
        acceptedAt = nil
        rule = nil
    }

    fileprivate mutating func step(_ e: UnsafePointer<Entry>) {
        switch e.pointee.op {
        case .created:
            stage = .new
            enteredAt = e.pointee.at
            pooledAt = e.pointee.at
        case .updated, .undo, .setAside, .settings, .note:
            break
        case .assign(let to, let rule):
            assign(e, to: to, rule: rule)
        case .accept:
            stage = .accepted
            acceptedAt = e.pointee.at
        case .reject(let r, let n):
            close(e, to: .rejected)
            reason = r
            note = n
        case .contact(let c):
            logContact(c, e)
        case .scheduleFollowUp, .completeFollowUp, .dropFollowUp:
            followUpStep(e)
        case .qualify(let n):
            close(e, to: .qualified)
            qualifiedAt = e.pointee.at
            note = n
            reason = ""
        case .won(let amount, let n):
            outcome(e, won: true, amount: amount, reason: "", note: n)
        case .lost(let r, let amount, let n):
            outcome(e, won: false, amount: amount, reason: r, note: n)
        case .merged(let into):
            close(e, to: .merged)
            mergedInto = into
        case .absorb(let from, let entries):
            absorb(from, Work.fold(entries))
        case .clawback(let r, let n, _):
            close(e, to: .nurture)
            reason = r
            note = n
        case .nurture(let r):
            close(e, to: .nurture)
            rule = r
            reason = ""
            note = ""
        case .release:
            release(e)
        }
        if e.pointee.op.isActivity { lastActivityAt = e.pointee.at }
    }

    private mutating func followUpStep(_ e: UnsafePointer<Entry>) {
        switch e.pointee.op {
        case .scheduleFollowUp(let due, let what, let replaces):
            if let r = replaces, let i = followUps.firstIndex(where: { $0.id == r && $0.isOpen }) {
                closeFollowUp(i, as: .replaced, e)
            }
            followUps.append(
                FollowUp(
                    id: e.pointee.seq, due: due, what: what, createdAt: e.pointee.at, createdBy: e.pointee.by,
                    automatic: false))
        case .completeFollowUp(let id, let n):
            if let i = followUps.firstIndex(where: { $0.id == id && $0.isOpen }) {
                closeFollowUp(i, as: .done, e)
                followUps[i].note = n
            }
        case .dropFollowUp(let id):
            if let i = followUps.firstIndex(where: { $0.id == id && $0.isOpen }) {
                closeFollowUp(i, as: .dropped, e)
            }
        default:
            break
        }
    }
}
