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

    /// Decides a command; on success stages its event and returns the change, on refusal throws it.
    @discardableResult
    public func perform(_ command: Command, on id: String, expecting: Int64? = nil) throws -> Change {
        guard var lead = try lead(id) else { throw StoreError.unknownLead(id) }
        switch Rules.decide(command, on: lead, expecting: expecting, in: context) {
        case .failure(let refusal):
            throw refusal
        case .success(let op):
            let event = Event(lead: id, entry: Entry(seq: nextSeq, at: context.now, by: context.actor, op: op))
            lead.apply(event)
            staged[id] = lead
            events.append(event)
            return Change(event: event, lead: lead)
        }
    }

    /// Decides a command, returning the refusal instead of throwing it.
    public func attempt(_ command: Command, on id: String, expecting: Int64? = nil) throws -> Result<Change, Refusal> {
        do { return .success(try perform(command, on: id, expecting: expecting)) } catch let r as Refusal { return .failure(r) }
    }

    /// The id the next `create` will give, so a caller can refer to leads it is about to create.
    public var nextLeadID: String { LeadID.make(nextNumber) }

    /// Leads enter and change their profile only through a manager (imports run as one): the store
    /// refuses anyone else, not just the CLI.
    private func requireManager(_ doing: String) throws {
        guard let rep = context.settings.rep(context.actor) else {
            throw Refusal("'\(context.actor)' is not on the team in this store's settings; use --rep or add them to settings.json")
        }
        guard rep.role == .manager else { throw Refusal("only a manager can \(doing); \(rep.id) is a \(rep.role.rawValue)") }
    }

    /// Adds a new lead; returns its id.
    @discardableResult
    public func create(_ profile: Profile) throws -> Change {
        try requireManager("add leads")
        let id = LeadID.make(nextNumber)
        nextNumber += 1
        let event = Event(lead: id, entry: Entry(seq: nextSeq, at: context.now, by: context.actor, op: .created), profile: profile)
        var lead = Lead(id: id, profile: profile, history: [])
        lead.apply(event)
        staged[id] = lead
        events.append(event)
        return Change(event: event, lead: lead)
    }

    /// Replaces a lead's profile (an import refreshing its fields); the rep's work is untouched.
    @discardableResult
    public func update(_ id: String, profile: Profile, fields: [String]) throws -> Change {
        try requireManager("change a lead's profile")
        guard var lead = try lead(id) else { throw StoreError.unknownLead(id) }
        let event = Event(lead: id, entry: Entry(seq: nextSeq, at: context.now, by: context.actor, op: .updated(fields: fields)), profile: profile)
        lead.apply(event)
        staged[id] = lead
        events.append(event)
        return Change(event: event, lead: lead)
    }
}
