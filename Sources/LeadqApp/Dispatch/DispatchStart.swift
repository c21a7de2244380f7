import Foundation
import LeadqDomain
import LeadqStore

extension Dispatcher {
    /// How often a dispatcher waiting for the lease tries again (seconds): a holder that dies is
    /// replaced within this.
    public static let leaseRetry = 1.0

    /// Opens the store at `location` for the dispatcher, on the environment's clock (the test clock
    /// file included) and zone, and takes the lease: at once, or with `wait` as soon as its holder
    /// lets go (`waiting` hears who holds it, once per holder). Nil when told to stop first; a
    /// store held by another dispatcher without `wait` is refused (one dispatcher a store).
    public static func open(
        _ location: String, environment: AppEnvironment, wait: Bool, stop: () -> Bool,
        waiting: (LockHolder?) -> Void, log: @escaping (DispatchNote) -> Void
    ) throws -> Dispatcher? {
        try environment.checkClock()
        let store = try StoreLocator.open(location)
        var told: LockHolder?? = .none
        while true {
            switch try store.takeDispatchLease() {
            case .taken(let lease):
                return try Dispatcher(
                    store: store, lease: lease, clock: environment.liveClock(), zone: environment.zone, log: log)
            case .held(let holder):
                guard wait else { throw heldRefusal(holder, store: store.location) }
                if told != .some(holder) {
                    waiting(holder)
                    told = .some(holder)
                }
                if stop() { return nil }
                usleep(useconds_t(leaseRetry * 1_000_000))
            }
        }
    }

    /// Another dispatcher holds `store`'s lease.
    static func heldRefusal(_ holder: LockHolder?, store: String) -> Refusal {
        let who = holder.map { "\($0)" } ?? "another process"
        return Refusal("\(store) already has a dispatcher: \(who) holds its lease; --wait takes over when it stops")
    }
}
