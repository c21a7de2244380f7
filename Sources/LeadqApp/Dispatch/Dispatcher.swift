import Foundation
import LeadqCodec
import LeadqDomain
import LeadqStore

/// The workflow run by itself: one process per store holds the dispatcher's lease and, within a
/// second or two of any change (and whenever a clock falls due), routes what arrived in the pool,
/// claws back stale leads, releases nurture leads and raises alerts. Every action is an event by
/// `dispatch` naming its rule; every alert goes through the ledger the lease keeps, so each is sent
/// once across restarts.
public final class Dispatcher {
    public let store: any LeadStore
    let lease: any DispatchLease
    let clock: () -> Instant
    let zone: Zone
    let log: (DispatchNote) -> Void
    let notifier: Notifier
    var ledger: AlertLedger
    /// Whether the ledger in memory holds something the saved one doesn't (no command runs until
    /// it is saved: an alert must be on record as owed before anyone hears it).
    var unsaved = false
    /// When the cursor was last saved (it alone moving needn't be saved at every look).
    var cursorSavedAt: Instant?
    /// Nurture lead → when re-engagement releases it; rebuilt on a full look, kept by changes.
    var releases: [String: Instant] = [:]
    /// The next moment something falls due without any change in the store.
    public internal(set) var nextWake: Instant?
    /// (alert key, command) → the monotonic second before which a failed delivery isn't retried.
    var retryAt: [String: Double] = [:]
    var lastLook = -Double.infinity
    /// Set after a look failed (the store busy or full): when to try again.
    var retryLookAt: Double?

    /// A look at everything at least this often (seconds), whatever the schedule says.
    static let fullLookEvery = 300.0
    /// After a look failed, the next try comes this much later (seconds).
    static let retryLookAfter = 5.0

    /// - Parameters:
    ///   - clock: the time of every look; tests inject it.
    ///   - runner: runs the notify commands (tests inject one that records).
    public init(
        store: any LeadStore, lease: any DispatchLease, clock: @escaping () -> Instant, zone: Zone,
        runner: any CommandRunner = SpawnRunner(), log: @escaping (DispatchNote) -> Void
    ) throws {
        (self.store, self.lease, self.clock, self.zone, self.log) = (store, lease, clock, zone, log)
        notifier = Notifier(runner: runner)
        ledger = AlertLedger()
        if let bytes = try lease.loadState() {
            do { ledger = try AlertLedgerCodec.decode(bytes) } catch let e as JSONError {
                throw LedgerDamaged(store: store.location, reason: e.description)
            }
        }
        cursorSavedAt = ledger.cursor?.at
    }

    /// Looks, acts and alerts until `stop` says so (checked every `tick` seconds), then waits a
    /// little for commands still running and lets go of the lease.
    public func run(until stop: () -> Bool, tick: Double = 0.5) throws {
        defer { finish(waiting: 2) }
        try guardedLook(changed: nil)
        while !stop() {
            usleep(useconds_t(tick * 1_000_000))
            var changed: Set<String>? = []
            do {
                let r = try store.refresh()
                changed = r.reloaded ? nil : r.changed
            } catch let e as StoreError where Self.isPassing(e) {
                log(.problem(e.description))
                continue
            }
            do { try deliver() } catch let e as StoreError where Self.isPassing(e) { log(.problem(e.description)) }
            let mono = monotonic()
            let due = nextWake.map { clock() >= $0 } ?? false
            let retry = retryLookAt.map { mono >= $0 } ?? false
            if changed == nil || changed?.isEmpty == false || due || retry || mono - lastLook >= Self.fullLookEvery {
                try guardedLook(changed: mono - lastLook >= Self.fullLookEvery ? nil : changed)
            }
        }
    }

    /// One look and one round of deliveries, for cron: waits for the commands (up to their
    /// timeout); a failed one stays owed for the next run. A look the store kept from happening
    /// is an error here: cron has no next tick.
    public func once() throws {
        defer { finish(waiting: 0) }
        try look(changed: nil)
        try deliver()
        try settleDeliveries(waiting: Double(store.settings.dispatch.notifyTimeoutSeconds) + 2)
    }

    /// Waits up to `seconds` for the commands running now, then records how they went.
    public func settleDeliveries(waiting seconds: Double) throws {
        _ = notifier.waitIdle(seconds: seconds)
        try deliver(startingMore: false)
    }

    /// Waits up to `seconds` for running commands, records what they did, and lets go of the lease.
    func finish(waiting seconds: Double) {
        try? settleDeliveries(waiting: seconds)
        if unsaved { try? save() }
        lease.release()
    }

    /// A look that the store being busy, full or read-only for a moment doesn't end: it is said,
    /// and tried again shortly.
    func guardedLook(changed: Set<String>?) throws {
        lastLook = monotonic()
        do {
            try look(changed: changed)
            retryLookAt = nil
        } catch let e as StoreError where Self.isPassing(e) {
            log(.problem(e.description))
            retryLookAt = monotonic() + Self.retryLookAfter
        }
    }

    /// Errors the next look may not meet; damage and a missing store end the dispatcher.
    static func isPassing(_ e: StoreError) -> Bool {
        switch e {
        case .busy, .io, .readOnly: return true
        default: return false
        }
    }

    func monotonic() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    func save() throws {
        try lease.saveState(AlertLedgerCodec.encode(ledger))
        unsaved = false
        cursorSavedAt = ledger.cursor?.at
    }
}

/// The dispatcher's ledger can't be read: it refuses to guess what was already said.
public struct LedgerDamaged: Error, CustomStringConvertible {
    public var store: String
    public var reason: String
    public var description: String {
        "\(store): the dispatcher's ledger of alerts is damaged (\(reason)); nothing was dispatched. Remove it (dispatch-state.json in a file store) to start afresh: alerts still due are then said again"
    }
}
