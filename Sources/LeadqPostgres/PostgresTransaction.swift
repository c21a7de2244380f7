#if Postgres
import LeadqDomain
import LeadqStore
import PostgresNIO

/// The events one write will save, decided against the lead rows it locks plus the events staged
/// before them. Only `PostgresStore.transact` creates one, inside a database transaction that holds
/// the store shared from its first lead, or whole (see `SchemaNumbers`).
public final class PostgresTransaction: LeadTransaction {
    unowned let store: PostgresStore
    public private(set) var context: Context
    public private(set) var events: [Event] = []
    /// Each lead as it will be after the staged events.
    private(set) var staged: [String: Lead] = [:]
    /// Rows read (and locked) so far, nil for an id with no row.
    private var locked: [String: Lead?] = [:]
    /// When each lead was locked, the first at 0.
    private var lockOrder: [String: Int] = [:]
    /// Numbers drawn under the shared hold and not used yet, oldest first, each with how many
    /// leads were locked before it was drawn: only an event on one of those may take it, or a lead
    /// drawn later could get an event numbered below one another write gave it meanwhile.
    private var pool: [(seq: Int64, locks: Int)] = []
    /// Numbers drawn and passed over, given back at COMMIT: nobody writes them.
    private(set) var unused: [Int64] = []
    /// Every number drawn under the shared hold.
    private(set) var drawnNumbers: [Int64] = []
    /// Under the whole store's lock: the last event number and lead number handed out before it,
    /// and how many events were numbered after them here (claimed at COMMIT, in one piece).
    private(set) var counters: (seq: Int64, lead: Int64)?
    private(set) var numberedHere = 0
    private(set) var nextNumber = 0
    private var managerChecked = false
    /// Why taking the store failed where that can't throw (`nextLeadID`); the write fails with it.
    private(set) var failure: (any Error)?

    init(store: PostgresStore, context: Context) {
        self.store = store
        self.context = context
    }

    /// Takes the whole store, once, caught up with every other writer; the settings as they are now.
    func holdWholeStore() throws {
        if counters != nil { return }
        guard let taken = try store.holdStore(.whole).counters else { return }
        counters = taken
        nextNumber = Int(taken.lead) + 1
        context.settings = store.settings
        unused += pool.map(\.seq)
        pool = []
    }

    /// The next event's number, for an event on `lead` (nil: a lead this write creates).
    private func nextSeq(for lead: String?) throws -> Int64 {
        if let counters {
            numberedHere += 1
            return counters.seq + Int64(numberedHere)
        }
        let after = events.last?.seq ?? 0
        let order = lead.flatMap { lockOrder[$0] } ?? -1
        if let i = pool.firstIndex(where: { $0.seq > after && $0.locks > order }) {
            let n = pool[i].seq
            unused += pool[..<i].map(\.seq)
            pool.removeFirst(i + 1)
            return n
        }
        // None drawn since this lead was locked: one now, after every lock this write holds.
        let n = try drawn(try store.inWrite([PostgresTransaction.draw])[0])
        unused += pool.map(\.seq)
        pool = []
        return n
    }

    private static let draw: PostgresQuery = "SELECT leadq_next_seq(1, 0)"

    private func drawn(_ rows: [PostgresRow]) throws -> Int64 {
        guard let n = try rows.first?.decode(Int64.self) else {
            throw StoreError.database(
                store: store.location, reason: "the server handed out no event number", consequence: "nothing was saved"
            )
        }
        drawnNumbers.append(n)
        return n
    }

    public var nextLeadID: String {
        do { try holdWholeStore() } catch {
            if failure == nil { failure = error }
        }
        return LeadID.make(nextNumber)
    }

    public func lead(_ id: String) throws -> Lead? {
        if let l = staged[id] { return l }
        return try lockedRow(id)
    }

    /// The lead's row, locked until the transaction ends: no other writer changes it meanwhile.
    /// Under the shared hold a number is drawn with it, in the same trip, for the event the
    /// write most likely stages on it; the first lead also takes the hold and catches up.
    private func lockedRow(_ id: String) throws -> Lead? {
        if let known = locked[id] { return known }
        let lock: PostgresQuery = "SELECT leadq_lock_lead(\(Rows.text(id)))"
        let order = lockOrder.count
        let rows: [PostgresRow]
        if store.writeMode == .none {
            let answers = try store.holdStore(.shared, then: [lock, PostgresTransaction.draw]).extra
            rows = answers[0]
            pool.append((try drawn(answers[1]), order + 1))
            context.settings = store.settings
        } else {
            do {
                let answers = try store.inWrite(counters == nil ? [lock, PostgresTransaction.draw] : [lock])
                rows = answers[0]
                if counters == nil { pool.append((try drawn(answers[1]), order + 1)) }
            } catch let e as StoreError {
                // Another write holds the lead past the lock timeout, or holds the store while
                // waiting for a lead this write holds (a deadlock the server broke by ending this one).
                guard case .database(_, let reason, _) = e,
                    reason.contains("SQLSTATE 55P03") || reason.contains("SQLSTATE 40P01")
                else { throw e }
                throw StoreError.busy(
                    holder: nil, seconds: (store.lockLimitMs + 999) / 1000,
                    consequence: "nothing was saved in \(store.location)")
            }
        }
        lockOrder[id] = order
        let lead = try (try rows.first?.decode(String?.self) ?? nil).map { try Rows.lead($0, store.location) }
        locked[id] = lead
        return lead
    }

    private func take(_ id: String) throws -> (lead: Lead, wasStaged: Bool) {
        if let l = staged.removeValue(forKey: id) { return (l, true) }
        guard let l = try lockedRow(id) else { throw StoreError.unknownLead(id) }
        return (l, false)
    }

    public func lastChange(of id: String) throws -> Change {
        guard let event = events.last, event.lead == id, let lead = try lead(id) else {
            throw StoreError.unknownLead(id)
        }
        return Change(event: event, lead: lead)
    }

    public func stage(_ command: Command, on id: String, expecting: Int64?) throws -> Refusal? {
        var (lead, wasStaged) = try take(id)
        switch Rules.decide(command, on: lead, expecting: expecting, in: context) {
        case .failure(let refusal):
            if wasStaged { staged[id] = lead }
            return refusal
        case .success(let op):
            var event = Event(
                lead: id, entry: Entry(seq: try nextSeq(for: id), at: context.now, by: context.actor, op: op))
            let profileBefore = lead.profile
            lead.apply(event)
            // An undo of an update restores a profile: the event carries it, as an update's does.
            if case .undo = op, lead.profile != profileBefore { event.profile = lead.profile }
            staged[id] = lead
            events.append(event)
            return nil
        }
    }

    /// Leads enter and change their profile only through a manager: the store refuses anyone else.
    private func requireManager(_ doing: String) throws {
        if managerChecked { return }
        if let refusal = Managers.refusal(context.actor, to: doing, context.settings) { throw refusal }
        managerChecked = true
    }

    public func reserve(events more: Int) {
        events.reserveCapacity(events.count + more)
    }

    @discardableResult
    public func create(_ profile: Profile) throws -> Change {
        let id = try add(profile)
        return Change(event: events[events.count - 1], lead: staged[id]!)
    }

    @discardableResult
    public func add(_ profile: Profile) throws -> String {
        try requireManager("add leads")
        try holdWholeStore()
        let seq = try nextSeq(for: nil)
        let id = LeadID.make(nextNumber)
        nextNumber += 1
        let event = Event(
            lead: id, entry: Entry(seq: seq, at: context.now, by: context.actor, op: .created), profile: profile)
        var lead = Lead(id: id, profile: profile, history: [])
        lead.apply(event)
        staged[id] = lead
        locked[id] = .some(nil)
        events.append(event)
        return id
    }

    /// The same events, in the same order, as `add` then `stage(.assign(to:rule:))` for each.
    @discardableResult
    public func addAll(_ items: [(profile: Profile, assign: String?)], rule: String) throws -> [Refusal?] {
        try requireManager("add leads")
        reserve(events: items.count * 2)
        staged.reserveCapacity(staged.count + items.count)
        locked.reserveCapacity(locked.count + items.count)
        return try items.map { item in
            let id = try add(item.profile)
            guard let rep = item.assign else { return nil }
            return try stage(.assign(to: rep, rule: rule), on: id, expecting: nil)
        }
    }

    @discardableResult
    public func update(_ id: String, profile: Profile) throws -> Change? {
        try requireManager("change a lead's profile")
        var (lead, wasStaged) = try take(id)
        let changes = Profile.changes(from: lead.profile, to: profile)
        guard !changes.isEmpty else {
            if wasStaged { staged[id] = lead }
            return nil
        }
        let event = Event(
            lead: id, entry: Entry(seq: try nextSeq(for: id), at: context.now, by: context.actor, op: .update(changes)),
            profile: profile)
        lead.apply(event)
        staged[id] = lead
        events.append(event)
        return Change(event: event, lead: lead)
    }
}
#endif
