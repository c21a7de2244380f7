import Foundation
import LeadqDomain

/// One alert handed to one command, and how it went.
public struct Delivery: Sendable {
    public var key: String
    /// The command's id in the ledger (its argument vector, joined).
    public var command: String
    /// nil when the command succeeded.
    public var failure: String?
}

/// Runs notify commands off the dispatcher's thread, a few at a time, so a slow or hanging command
/// never holds up routing; the dispatcher collects what finished at its next look.
final class Notifier: @unchecked Sendable {
    static let maxRunning = 4
    private let runner: any CommandRunner
    private let queue = DispatchQueue(label: "leadq.notify", attributes: .concurrent)
    private let lock = NSLock()
    private var running: Set<String> = []
    private var finished: [Delivery] = []
    private let idle = DispatchGroup()

    init(runner: any CommandRunner) { self.runner = runner }

    static func slot(_ key: String, _ command: String) -> String { key + "\u{0}" + command }

    /// Starts a delivery unless the same one is running (or finished and not collected yet) or too
    /// many are; false if it didn't start.
    func start(key: String, command: String, argv: [String], payload: [UInt8], timeout: Double) -> Bool {
        let slot = Self.slot(key, command)
        lock.lock()
        guard running.count < Self.maxRunning, running.insert(slot).inserted else {
            lock.unlock()
            return false
        }
        lock.unlock()
        idle.enter()
        queue.async { [self] in
            let failure = runner.run(argv, input: payload, timeout: timeout)
            lock.lock()
            // The slot stays taken until `collect` hands the outcome over: freed here, a delivery
            // finishing while the dispatcher records the ones before it was started again.
            finished.append(Delivery(key: key, command: command, failure: failure))
            lock.unlock()
            idle.leave()
        }
        return true
    }

    /// What finished since the last call, in the order it finished; their slots are free again.
    func collect() -> [Delivery] {
        lock.lock()
        defer { lock.unlock() }
        let done = finished
        finished = []
        for d in done { running.remove(Self.slot(d.key, d.command)) }
        return done
    }

    /// Waits until nothing runs, at most `seconds`; false if something still does.
    func waitIdle(seconds: Double) -> Bool {
        idle.wait(timeout: .now() + seconds) == .success
    }
}
