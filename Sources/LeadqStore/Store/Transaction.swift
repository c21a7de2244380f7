import LeadqDomain

/// A lead as changed by a saved event.
public struct Change: Sendable {
    public var event: Event
    public var lead: Lead
    public init(event: Event, lead: Lead) { (self.event, self.lead) = (event, lead) }
}

/// The events one write will save, decided against the store's state plus the events staged before
/// them (so routing sees its own earlier assignments). Only `Store.transact` creates one.
public final class Transaction {
    unowned let store: Store
    public let context: Context
    public private(set) var events: [Event] = []
    /// Each lead as it will be after the staged events; the store takes these as they are.
    private(set) var staged: [String: Lead] = [:]
    private var nextNumber: Int
    /// `requireManager`'s answer: the actor and the settings are fixed for the transaction.
    private var managerChecked = false

    init(store: Store, context: Context) {
        self.store = store
        self.context = context
        self.nextNumber = store.maxLeadNumber + 1
    }

    private var nextSeq: Int64 { store.lastSeq + Int64(events.count) + 1 }

    /// The lead as it will be once the staged events are saved.
    public func lead(_ id: String) throws -> Lead? {
        if let l = staged[id] { return l }
        return try store.lead(id)
    }

    /// The lead to change, taken out of `staged` if it is there: left in, its history would be
    /// copied to be appended to (a big import stages 100,000 leads and changes each twice).
    private func take(_ id: String) throws -> (lead: Lead, wasStaged: Bool) {
        if let l = staged.removeValue(forKey: id) { return (l, true) }
        guard let l = try store.lead(id) else { throw StoreError.unknownLead(id) }
        return (l, false)
    }

    /// Decides a command; on success stages its event and returns the change, on refusal throws it.
    @discardableResult
    public func perform(_ command: Command, on id: String, expecting: Int64? = nil) throws -> Change {
        if let refusal = try stage(command, on: id, expecting: expecting) { throw refusal }
        return Change(event: events[events.count - 1], lead: staged[id]!)
    }

    /// Decides a command, returning the refusal instead of throwing it.
    public func attempt(_ command: Command, on id: String, expecting: Int64? = nil) throws -> Result<Change, Refusal> {
        if let refusal = try stage(command, on: id, expecting: expecting) { return .failure(refusal) }
        return .success(Change(event: events[events.count - 1], lead: staged[id]!))
    }

    /// Decides a command and stages its event; returns the refusal if the rules say no. Builds no
    /// `Change`: an import assigns tens of thousands of leads and looks at none of them.
    public func stage(_ command: Command, on id: String, expecting: Int64? = nil) throws -> Refusal? {
        var (lead, wasStaged) = try take(id)
        switch Rules.decide(command, on: lead, expecting: expecting, in: context) {
        case .failure(let refusal):
            if wasStaged { staged[id] = lead }
            return refusal
        case .success(let op):
            let event = Event(lead: id, entry: Entry(seq: nextSeq, at: context.now, by: context.actor, op: op))
            lead.apply(event)
            staged[id] = lead
            events.append(event)
            return nil
        }
    }

    /// The id the next `create` will give, so a caller can refer to leads it is about to create.
    public var nextLeadID: String { LeadID.make(nextNumber) }

    /// Leads enter and change their profile only through a manager (imports run as one): the store
    /// refuses anyone else, not just the CLI.
    private func requireManager(_ doing: String) throws {
        if managerChecked { return }
        guard let rep = context.settings.rep(context.actor) else {
            throw Refusal("'\(context.actor)' is not on the team in this store's settings; use --rep or add them to settings.json")
        }
        guard rep.role == .manager else { throw Refusal("only a manager can \(doing); \(rep.id) is a \(rep.role.rawValue)") }
        managerChecked = true
    }

    /// Room for `events` more events on about as many leads, so a big batch (an import) doesn't grow
    /// its tables by doubling and rehashing.
    public func reserve(events more: Int) {
        events.reserveCapacity(events.count + more)
        staged.reserveCapacity(staged.count + more)
    }

    /// The staged leads, handed over once the events are saved (the transaction is done by then).
    func takeStaged() -> [String: Lead] {
        defer { staged = [:] }
        return staged
    }

    /// Adds a new lead.
    @discardableResult
    public func create(_ profile: Profile) throws -> Change {
        let id = try add(profile)
        return Change(event: events[events.count - 1], lead: staged[id]!)
    }

    /// `create` without the change handed back; returns the new lead's id.
    @discardableResult
    public func add(_ profile: Profile) throws -> String {
        try requireManager("add leads")
        let id = LeadID.make(nextNumber)
        nextNumber += 1
        let event = Event(lead: id, entry: Entry(seq: nextSeq, at: context.now, by: context.actor, op: .created), profile: profile)
        var lead = Lead(id: id, profile: profile, history: [])
        lead.apply(event)
        staged[id] = lead
        events.append(event)
        return id
    }

    /// Replaces a lead's profile (an import refreshing its fields); the rep's work is untouched.
    @discardableResult
    public func update(_ id: String, profile: Profile, fields: [String]) throws -> Change {
        try requireManager("change a lead's profile")
        var (lead, _) = try take(id)
        let event = Event(lead: id, entry: Entry(seq: nextSeq, at: context.now, by: context.actor, op: .updated(fields: fields)), profile: profile)
        lead.apply(event)
        staged[id] = lead
        events.append(event)
        return Change(event: event, lead: lead)
    }
}
