#if Postgres
import LeadqDomain
import LeadqStore
import PostgresNIO

/// The events one write will save, decided against the lead rows it locks plus the events staged
/// before them. Only `PostgresStore.transact` creates one, inside a database transaction that holds
/// the counters row.
public final class PostgresTransaction: LeadTransaction {
    unowned let store: PostgresStore
    public let context: Context
    public private(set) var events: [Event] = []
    /// Each lead as it will be after the staged events.
    private(set) var staged: [String: Lead] = [:]
    /// Rows read (and locked) so far, nil for an id with no row.
    private var locked: [String: Lead?] = [:]
    /// The last event number and lead number saved before this write.
    private let base: Int64
    private(set) var nextNumber: Int
    private var managerChecked = false

    init(store: PostgresStore, context: Context, lastSeq: Int64, lastLead: Int64) {
        self.store = store
        self.context = context
        self.base = lastSeq
        self.nextNumber = Int(lastLead) + 1
    }

    private var nextSeq: Int64 { base + Int64(events.count) + 1 }
    public var nextLeadID: String { LeadID.make(nextNumber) }

    public func lead(_ id: String) throws -> Lead? {
        if let l = staged[id] { return l }
        return try lockedRow(id)
    }

    /// The lead's row, locked until the transaction ends: no other writer changes it meanwhile.
    private func lockedRow(_ id: String) throws -> Lead? {
        if let known = locked[id] { return known }
        let rows = try store.link.query("SELECT leadq_lock_lead(\(Rows.text(id)))", "nothing was saved")
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
            var event = Event(lead: id, entry: Entry(seq: nextSeq, at: context.now, by: context.actor, op: op))
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
        let id = LeadID.make(nextNumber)
        nextNumber += 1
        let event = Event(
            lead: id, entry: Entry(seq: nextSeq, at: context.now, by: context.actor, op: .created), profile: profile)
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
            lead: id, entry: Entry(seq: nextSeq, at: context.now, by: context.actor, op: .update(changes)),
            profile: profile)
        lead.apply(event)
        staged[id] = lead
        events.append(event)
        return Change(event: event, lead: lead)
    }
}
#endif
