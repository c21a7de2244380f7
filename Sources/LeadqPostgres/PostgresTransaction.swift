#if Postgres
import LeadqDomain
import LeadqStore
import PostgresNIO

/// The events one write will save, decided against the lead rows it locks plus the events staged
/// before them. Only `PostgresStore.transact` creates one, inside a database transaction holding
/// the counters row.
public final class PostgresTransaction: LeadTransaction {
    unowned let store: PostgresStore
    public let context: Context
    public private(set) var events: [Event] = []
    /// Each lead as it will be after the staged events.
    private(set) var staged: [String: Lead] = [:]
    /// Rows read (and locked) so far, nil for an id with no row.
    private var locked: [String: Lead?] = [:]
    /// The last event number and lead number saved before this write, once the counters are held.
    private(set) var counters: (seq: Int64, lead: Int64)?
    private(set) var nextNumber = 0
    private var managerChecked = false
    /// Why taking the counters failed where that can't throw (`nextLeadID`); the write fails with it.
    private(set) var failure: (any Error)?

    init(store: PostgresStore, context: Context, counters: (seq: Int64, lead: Int64)) {
        self.store = store
        self.context = context
        self.counters = counters
        nextNumber = Int(counters.lead) + 1
    }

    /// The counters this write holds (taken by `transact` before its body runs; taken here only by
    /// a transaction made without them).
    @discardableResult
    private func numbered() throws -> (seq: Int64, lead: Int64) {
        if let counters { return counters }
        let taken = try store.lockCounters()
        counters = taken
        nextNumber = Int(taken.lead) + 1
        return taken
    }

    private func nextSeq() throws -> Int64 { try numbered().seq + Int64(events.count) + 1 }

    public var nextLeadID: String {
        do { try numbered() } catch {
            if failure == nil { failure = error }
        }
        return LeadID.make(nextNumber)
    }

    public func lead(_ id: String) throws -> Lead? {
        if let l = staged[id] { return l }
        return try lockedRow(id)
    }

    /// The lead's row, locked until the transaction ends: no other writer changes it meanwhile.
    private func lockedRow(_ id: String) throws -> Lead? {
        if let known = locked[id] { return known }
        let rows: [PostgresRow]
        do { rows = try store.inWrite(["SELECT leadq_lock_lead(\(Rows.text(id)))"])[0] } catch let e as StoreError {
            // Another write holds the lead past the lock timeout, or holds the counters while
            // waiting for a lead this write holds (a deadlock the server broke by ending this one).
            guard case .database(_, let reason, _) = e,
                reason.contains("SQLSTATE 55P03") || reason.contains("SQLSTATE 40P01")
            else { throw e }
            throw StoreError.busy(
                holder: nil, seconds: (store.lockLimitMs + 999) / 1000,
                consequence: "nothing was saved in \(store.location)")
        }
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
            var event = Event(lead: id, entry: Entry(seq: try nextSeq(), at: context.now, by: context.actor, op: op))
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
        let seq = try nextSeq()
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
            lead: id, entry: Entry(seq: try nextSeq(), at: context.now, by: context.actor, op: .update(changes)),
            profile: profile)
        lead.apply(event)
        staged[id] = lead
        events.append(event)
        return Change(event: event, lead: lead)
    }
}
#endif
