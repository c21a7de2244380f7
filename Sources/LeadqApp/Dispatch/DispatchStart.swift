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
    /// store held by another dispatcher without `wait` is `held`.
    public static func open(
        _ location: String, environment: AppEnvironment, wait: Bool, stop: () -> Bool,
        waiting: (LockHolder?) -> Void, log: @escaping (DispatchNote) -> Void
    ) throws -> DispatchOpening {
        try environment.checkClock()
        let store = try StoreLocator.open(location)
        var told: LockHolder?? = .none
        while true {
            switch try store.takeDispatchLease() {
            case .taken(let lease):
                let d = try Dispatcher(
                    store: store, lease: lease, clock: environment.liveClock(), zone: environment.zone, log: log)
                return .started(d)
            case .held(let holder):
                guard wait else { return .held(by: holder, store: store.location) }
                if told != .some(holder) {
                    waiting(holder)
                    told = .some(holder)
                }
                if stop() { return .stopped }
                usleep(useconds_t(leaseRetry * 1_000_000))
            }
        }
    }
}

/// What `Dispatcher.open` came to.
public enum DispatchOpening {
    case started(Dispatcher)
    case held(by: LockHolder?, store: String)
    case stopped
}
