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
    private let clock: () -> Instant

    public init(store: any LeadStore, actor: String, zone: Zone, clock: @escaping () -> Instant) {
        self.store = store
        self.actor = actor
        self.zone = zone
        self.clock = clock
    }

    /// Opens the store at `location` for `actor`. The clock and zone come from the environment.
    public static func open(_ location: String, actor: String, environment: AppEnvironment) throws -> Workspace {
        try environment.checkClock()
        if actor == DispatchActor.id {
            throw Refusal("'\(actor)' is the dispatcher's name (its actions are its own); act as yourself with --rep")
        }
        let store = try StoreLocator.open(location)
        let fixed = environment.fixedNow()
        let ws = Workspace(store: store, actor: actor, zone: environment.zone, clock: { fixed ?? SystemClock.now() })
        ws.dayMonthOrder = environment.dayMonthOrder(store.settings)
        return ws
    }

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
