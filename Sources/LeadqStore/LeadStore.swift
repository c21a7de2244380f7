import LeadqDomain

/// What the application needs from a store, whatever holds the leads (a directory of JSON files, a
/// PostgreSQL database). Every implementation passes the same conformance tests.
///
/// A store is the only door to saved leads: reads answer from the state as of `lastSeq`, writes go
/// through `transact`, which decides against the caught-up state under the store's own lock and
/// reports success only once the events are durable.
public protocol LeadStore: AnyObject, KnownLeads {
    /// Where it is, for messages (never with a password).
    var location: String { get }
    var settings: Settings { get }
    /// The sequence number of the last event this process has seen.
    var lastSeq: Int64 { get }
    /// How many leads the store holds.
    var leadCount: Int { get }
    /// Things recovered from while opening, worth telling the user.
    var warnings: [String] { get }
    /// Why this process may not write, or nil.
    var readOnlyReason: String? { get }
    /// At most this long a write waits for another writer (seconds); nil: the settings' timeout.
    var lockTimeout: Double? { get set }
    /// Told who holds the store once a write has waited a second for it, then every few seconds.
    var onLockWait: ((LockWait) -> Void)? { get set }

    func lead(_ id: String) throws -> Lead?
    /// A rep's queue (assigned and accepted), unordered.
    func leads(ownedBy rep: String) throws -> [Lead]
    /// Every lead in someone's queue, unordered.
    func activeLeads() throws -> [Lead]
    /// The unassigned pool (stage `new`).
    func unassigned() throws -> [Lead]
    /// Every lead in a queue or the pool, one at a time, in no particular order, not kept by the
    /// store: for a view of the whole team, which keeps what it needs of each itself.
    func forEachOpenLead(_ body: (Lead) throws -> Void) throws
    /// The same leads, where the store keeps briefs of them as briefs (see `LeadBrief`), made with
    /// `settings`: a store whose briefs were made with other settings hands those leads over whole,
    /// each passed through `keep` first. `progress` hears how many are read, now and then.
    func openLeadBriefs(settings: Settings, keep: (Lead) -> Lead, progress: (Int) -> Void) throws -> OpenLeadBriefs
    func unassignedIDs() throws -> Set<String>
    /// How many queue leads each rep holds.
    func openCounts() throws -> [String: Int]
    /// Every lead in id order, for reports and exports, without keeping them.
    func forEachLead(_ body: (Lead) throws -> Void) throws
    /// Every lead once, read in parts at the same time where the store can (a part per core): each
    /// part's leads go through `add` with that part's own accumulator, begun as `empty`, and the
    /// accumulators come back. For figures that add up over the whole store (reports), which don't
    /// depend on the order of the leads: no order is promised. With `reps` given, a lead whose
    /// record names none of them (no event by them, never in their queue) may be left out: the
    /// figures of a few reps need no other lead, and `add` still decides what counts. Of each
    /// profile only the `keeping` members need be read (a store may leave the rest at their
    /// defaults): figures read a few. Each lead is handed over, for `add` to keep or pass on
    /// without a copy.
    func forEachLead<Part: Sendable>(
        inParts empty: Part, naming reps: [String]?, keeping: ProfileMembers,
        add: @Sendable (inout Part, consuming Lead) throws -> Void
    ) throws -> [Part]
    /// Every lead's id and current profile in id order, as `forEachLead` gives them: for the search
    /// index, which needs no history (a store may skip decoding it).
    func forEachProfile(_ body: (_ id: String, _ profile: Profile) throws -> Void) throws
    /// The leads holding an entry numbered in `range` (what one write changed).
    func leads(withEntriesIn range: ClosedRange<Int64>) throws -> [Lead]
    /// The undoable actions `actor` took, newest first.
    func recentActions(of actor: String) -> [RecentAction]

    /// Runs `body` against the caught-up state with the writer's lock held; the events it stages are
    /// saved together, durably, or not at all. With `applyHere` false a process that saves a big
    /// batch and ends (an import) doesn't fold it into its own state.
    @discardableResult
    func transact<T>(
        as actor: String, at now: Instant, utcOffset: Int64, applyHere: Bool,
        _ body: (any LeadTransaction) throws -> T
    ) throws -> (result: T, events: [Event])

    /// The events that belong to no lead (changes of settings, repair's store-wide notes), in order.
    func storeEvents() throws -> [Event]
    /// Replaces the team's settings and saves a store-wide `settings` event saying `note`, together.
    /// Only a manager, on the team as the store has it at that moment, may: else the `Refusal`.
    @discardableResult
    func applySettings(_ new: Settings, note: String, as actor: String, at now: Instant) throws -> Event

    /// What other processes saved since the last look; never waits for a writer.
    func refresh() throws -> Refresh
    /// Whether other processes' writes are announced as they commit (see `Following.swift`).
    var announcesChanges: Bool { get }
    /// Whether `refresh()` may find something new, or should try to reach the store again.
    var changesWaiting: Bool { get }
    /// Why the store can't be reached now, or nil while it can.
    var offline: String? { get }
    /// Reads every record and checks it; throws the first damage found.
    func verify() throws -> VerifyReport
    /// Whether enough has happened since the last compaction to do one.
    var compactionDue: Bool { get }
    /// How many events a compaction would fold now.
    var eventsSinceSnapshot: Int64 { get }
    /// Opens another view of the same store, for work on another thread (a report, a compaction).
    var reopen: StoreOpener { get }
    /// Folds what happened since the last compaction into the store's compact form, from a view of
    /// its own; nil when there is nothing to do or another process is at it.
    func compact() throws -> CompactionReport?

    /// Takes the dispatcher's lease unless another process holds it; never waits. Exactly one
    /// dispatcher works a store at a time (see `DispatchLease`).
    func takeDispatchLease() throws -> LeaseAttempt

    /// Who is acting: on a store with logins, the member (or the owner) that logged in.
    var login: Login { get }
    /// Adds `rep` to the team in the settings and, on a store with logins, maps a login role to
    /// them: `role` names an existing one, nil makes one named like the rep. Only the store's owner may.
    func addMember(_ rep: Rep, role: String?) throws -> MemberAdded
}

extension LeadStore {
    public func forEachOpenLead(_ body: (Lead) throws -> Void) throws {
        for lead in try activeLeads() { try body(lead) }
        for lead in try unassigned() { try body(lead) }
    }

    public func openLeadBriefs(
        settings: Settings, keep: (Lead) -> Lead, progress: (Int) -> Void
    ) throws -> OpenLeadBriefs {
        var out = OpenLeadBriefs()
        try forEachOpenLead {
            out.whole.append(keep($0))
            if out.whole.count % 4096 == 0 { progress(out.whole.count) }
        }
        return out
    }

    public func forEachProfile(_ body: (_ id: String, _ profile: Profile) throws -> Void) throws {
        try forEachLead { try body($0.id, $0.profile) }
    }

    /// Every profile whole.
    public func forEachLead<Part: Sendable>(
        inParts empty: Part, naming reps: [String]?, add: @Sendable (inout Part, consuming Lead) throws -> Void
    ) throws -> [Part] {
        try forEachLead(inParts: empty, naming: reps, keeping: .all, add: add)
    }

    /// One part, read in turn, every lead (each profile whole): for a store that can't split its reading.
    public func forEachLead<Part: Sendable>(
        inParts empty: Part, naming reps: [String]?, keeping: ProfileMembers,
        add: @Sendable (inout Part, consuming Lead) throws -> Void
    ) throws -> [Part] {
        var part = empty
        try forEachLead { try add(&part, $0) }
        return [part]
    }
}

/// Opens a store again, from any thread.
public struct StoreOpener: Sendable {
    public let open: @Sendable () throws -> any LeadStore
    public init(_ open: @escaping @Sendable () throws -> any LeadStore) { self.open = open }
}

/// The leads an import may match, by the key their source system gave them or by email.
public protocol KnownLeads {
    /// How many leads the store holds.
    var leadCount: Int { get }
    func leadIDs(originKey: String) throws -> [String]
    func leadIDs(email: String) throws -> [String]
    func indexedProfile(_ id: String) throws -> Profile?
    /// Every lead's id and profile as the index holds them, in no particular order: for the lookups
    /// the index has no key for (an import's name-and-company duplicates).
    func forEachIndexedProfile(_ body: (String, Profile) throws -> Void) throws
    /// Builds what the lookups need before a long write takes the lock (an import), so the lock is
    /// held only for the write itself.
    func prepareProfileIndex() throws
    /// Lets go of it once the import is planned.
    func releaseProfileIndex()
    /// Whether a write may take a `StreamedBatch` (`LeadTransaction.addStreamed`): an import then
    /// spools its new leads' events a chunk at a time instead of holding every new lead.
    var streamsImports: Bool { get }
}

extension KnownLeads {
    public var streamsImports: Bool { false }
}

/// The events one write will save, decided against the store's state plus the events staged before
/// them. Only `LeadStore.transact` hands one out.
public protocol LeadTransaction: AnyObject {
    var context: Context { get }
    /// The events staged so far.
    var events: [Event] { get }
    /// The id the next created lead gets.
    var nextLeadID: String { get }
    /// The lead as it will be once the staged events are saved.
    func lead(_ id: String) throws -> Lead?
    /// Decides a command and stages its event; returns the refusal if the rules say no.
    func stage(_ command: Command, on id: String, expecting: Int64?) throws -> Refusal?
    /// Room for `more` events, so a big batch doesn't grow its list by doubling.
    func reserve(events more: Int)
    /// Creates a lead in the pool (managers only).
    func create(_ profile: Profile) throws -> Change
    /// `create` without the change handed back; returns the new lead's id.
    @discardableResult
    func add(_ profile: Profile) throws -> String
    /// Creates leads and assigns those that name a rep, in one pass (an import); one refusal or nil
    /// per item.
    func addAll(_ items: [(profile: Profile, assign: String?)], rule: String) throws -> [Refusal?]
    /// Changes a lead's profile to `profile`, recording what changed; nil when nothing did.
    @discardableResult
    func update(_ id: String, profile: Profile) throws -> Change?
    /// The change the last staged event made.
    func lastChange(of id: String) throws -> Change
    /// Whether `addStreamed` may be used.
    var acceptsStreamed: Bool { get }
    /// A place for new leads' events, filled a chunk at a time before they are added
    /// (`addStreamed`); nothing is staged until then.
    func makeSpool() throws -> any StreamedSpool
    /// New leads' events from a spool, written as the store writes; the first thing a write
    /// stages. Their leads can't be read back in this transaction (`lead(_:)` gives nil).
    func addStreamed(_ batch: StreamedBatch) throws
    /// Decides a command on a lead of the streamed batch left in the pool as it was created
    /// (routing on arrival), and stages its event; returns the refusal if the rules say no.
    func stageOnStreamed(_ command: Command, id: String) throws -> Refusal?
}

extension LeadTransaction {
    public func stage(_ command: Command, on id: String) throws -> Refusal? {
        try stage(command, on: id, expecting: nil)
    }

    /// Decides a command; on success stages its event and returns the change, on refusal throws it.
    @discardableResult
    public func perform(_ command: Command, on id: String, expecting: Int64? = nil) throws -> Change {
        if let refusal = try stage(command, on: id, expecting: expecting) { throw refusal }
        return try lastChange(of: id)
    }

    /// Decides a command, returning the refusal instead of throwing it.
    public func attempt(_ command: Command, on id: String, expecting: Int64? = nil) throws -> Result<Change, Refusal> {
        if let refusal = try stage(command, on: id, expecting: expecting) { return .failure(refusal) }
        return .success(try lastChange(of: id))
    }
}

extension LeadStore {
    public var isWritable: Bool { readOnlyReason == nil }
    /// A store without logins trusts the name it is given.
    public var login: Login { .anyone }

    @discardableResult
    public func transact<T>(
        as actor: String, at now: Instant, utcOffset: Int64 = 0,
        _ body: (any LeadTransaction) throws -> T
    ) throws -> (result: T, events: [Event]) {
        try transact(as: actor, at: now, utcOffset: utcOffset, applyHere: true, body)
    }

    /// Decides one command and saves it. Throws the `Refusal` if the rules say no.
    @discardableResult
    public func perform(
        _ command: Command, on id: String, as actor: String, at now: Instant,
        expecting: Int64? = nil, utcOffset: Int64 = 0
    ) throws -> Change {
        try transact(as: actor, at: now, utcOffset: utcOffset) { tx in
            try tx.perform(command, on: id, expecting: expecting)
        }.result
    }
}
