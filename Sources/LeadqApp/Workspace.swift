import LeadqDomain
import LeadqStore

/// One person at work on one store: who acts, on which clock, in which time zone. Every use case the
/// CLI and the console offer is a method of it, so both go through the same door for every action.
public final class Workspace {
    public let store: any LeadStore
    public let actor: String
    public let zone: Zone
    /// How the dates people type with a slash read (`3/12`).
    public var dayMonthOrder = DayMonthOrder.dayMonth
    /// How many records of an import's file are read at a time, on a store that takes streamed batches.
    public var importChunkRows = 2_048
    private let clock: () -> Instant

    public init(store: any LeadStore, actor: String, zone: Zone, clock: @escaping () -> Instant) {
        self.store = store
        self.actor = actor
        self.zone = zone
        self.clock = clock
    }

    /// Opens the store at `location` for the one `requested` names (`--rep`, `LEADQ_REP`), or nil
    /// for whoever is logged in: a store's member login (PostgreSQL) acts only as itself; elsewhere
    /// the login name stands in. The clock and zone come from the environment.
    public static func open(_ location: String, actor requested: String?, environment: AppEnvironment) throws
        -> Workspace
    {
        try environment.checkClock()
        let named = requested ?? environment.actor(nil)
        if let refusal = DispatchActor.refusal(actingAs: named) { throw refusal }
        let store = try StoreLocator.open(location)
        let actor = try acting(requested, login: store.login, otherwise: named)
        let fixed = environment.fixedNow()
        let ws = Workspace(store: store, actor: actor, zone: environment.zone, clock: { fixed ?? SystemClock.now() })
        ws.dayMonthOrder = environment.dayMonthOrder(store.settings)
        return ws
    }

    /// Who acts: a member login is that member whatever was asked (naming another is refused);
    /// the owner and a store without logins act as the one named.
    static func acting(_ requested: String?, login: Login, otherwise named: String) throws -> String {
        guard case .member(_, let rep, _) = login else { return named }
        if let requested, let refusal = login.refusal(actingAs: requested) { throw refusal }
        return rep
    }

    /// After a write from the command line: when the journal is long, a compaction starts detached
    /// (`BackgroundCompaction`), so the command returns at once.
    public func compactIfDue() { BackgroundCompaction.startIfDue(store) }

    public var settings: Settings { store.settings }
    public func now() -> Instant { clock() }
    public func offset(at t: Instant) -> Int64 { zone.offset(at: t) }

    /// The lead, or the "no lead" error (bad input: an id that names nothing).
    public func lead(_ id: String) throws -> Lead {
        guard let lead = try store.lead(id) else { throw StoreError.unknownLead(id) }
        return lead
    }

    /// A lead's clocks as of now.
    public func status(_ lead: Lead, at now: Instant) -> LeadStatus {
        SLA.status(lead, now: now, settings: settings, utcOffset: offset(at: now))
    }
}
