import Foundation
import LeadqApp
import LeadqDomain
import LeadqStore
import LeadqTestSupport

/// A clock the test moves.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Instant
    init(_ t: Instant) { value = t }
    var now: Instant {
        get {
            lock.lock()
            defer { lock.unlock() }
            return value
        }
        set {
            lock.lock()
            value = newValue
            lock.unlock()
        }
    }
}

/// Records every command the dispatcher runs; fails the first `failures` runs, and holds any run
/// while `gate` is closed.
final class RecordingRunner: CommandRunner, @unchecked Sendable {
    private let lock = NSLock()
    private var runs: [(argv: [String], payload: [String: Any])] = []
    private var failures: Int
    let gate = DispatchSemaphore(value: 0)
    var gated = false

    init(failures: Int = 0) { self.failures = failures }

    func run(_ argv: [String], input: [UInt8], timeout: Double) -> String? {
        if gated { gate.wait() }
        let payload = (try? JSONSerialization.jsonObject(with: Data(input))) as? [String: Any] ?? [:]
        lock.lock()
        defer { lock.unlock() }
        runs.append((argv, payload))
        guard failures > 0 else { return nil }
        failures -= 1
        return "exited with status 7: the pager is down"
    }

    var calls: [(argv: [String], payload: [String: Any])] {
        lock.lock()
        defer { lock.unlock() }
        return runs
    }

    var keys: [String] { calls.map { $0.payload["key"] as? String ?? "?" } }
}

/// A store of any kind with the fixture's team and one notify command, and a dispatcher on it.
struct DispatchHarness {
    let place: StorePlace
    let clock = TestClock(Fixture.t0)
    let runner: RecordingRunner
    var settings: Settings

    init(
        _ kind: StoreKind = StoreKinds.file, runner: RecordingRunner = RecordingRunner(),
        configure: (inout Settings) -> Void = { _ in }
    ) throws {
        self.runner = runner
        var s = Fixture.settings
        s.dispatch.notify = [NotifyCommand(command: ["page", "--team", "sales"])]
        configure(&s)
        settings = s
        place = try kind.place()
        _ = try place.create(settings: s, leads: [])
    }

    func open() throws -> any LeadStore { try place.open() }

    /// A dispatcher holding the lease, logging into `notes`.
    func dispatcher(_ notes: NoteLog = NoteLog()) throws -> Dispatcher {
        let store = try open()
        guard case .taken(let lease) = try store.takeDispatchLease() else { throw HarnessError("lease held") }
        let clock = self.clock
        return try Dispatcher(
            store: store, lease: lease, clock: { clock.now }, zone: Zone(name: "UTC") { _ in 0 }, runner: runner,
            log: notes.add)
    }

    /// A lead created in the pool by mia, now.
    func add(_ profile: Profile) throws -> String {
        try open().transact(as: "mia", at: clock.now) { tx in try tx.add(profile) }.result
    }

    func perform(_ command: Command, on id: String, as actor: String) throws {
        try open().perform(command, on: id, as: actor, at: clock.now)
    }

    func lead(_ id: String) throws -> Lead { try open().lead(id)! }

    /// The lead's history as "by op" lines, after its creation.
    func story(_ id: String) throws -> [String] {
        try lead(id).history.dropFirst().map { "\($0.by) \(Describe.op($0.op))" }
    }
}

final class NoteLog: @unchecked Sendable {
    private let lock = NSLock()
    private var all: [DispatchNote] = []
    func add(_ n: DispatchNote) {
        lock.lock()
        all.append(n)
        lock.unlock()
    }
    var notes: [DispatchNote] {
        lock.lock()
        defer { lock.unlock() }
        return all
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

extension Dispatcher {
    /// What the run loop does between ticks: catch up with other processes, then look.
    func lookAgain() throws {
        let r = try store.refresh()
        try look(changed: r.reloaded ? nil : r.changed)
    }

    /// Hands out what is owed, waits for the commands, and records how they went.
    func deliverAndWait() throws {
        try deliver()
        try settleDeliveries(waiting: 10)
    }
}
