import LeadqTestSupport
import LeadqUI

/// A key for the scripted terminal, with the name its latency is recorded under (nil: not recorded).
struct ScriptKey {
    var key: Key
    var label: String?
    init(_ key: Key, _ label: String?) { (self.key, self.label) = (key, label) }
}

/// A terminal for `ConsoleApp.run` that types a script and times every key until the frame that
/// shows it, through the console's real loop (keys, the clock and store polling, drawing).
///
/// `.backToBack` types each key once the previous one is drawn: key → frame with nothing queued.
/// `.every(ms)` types on a wall-clock schedule whatever the console is doing, as a person does:
/// a key that arrives while the loop is busy (saving, polling, waiting on a lock) counts from its
/// arrival, so stalls show up in its latency.
@MainActor
final class ScriptedTerminal: Screen, KeySource {
    enum Pace {
        case backToBack
        case every(ms: Double)
    }

    private(set) var size: Size
    private let pace: Pace
    /// The next key to type, given how many were typed; nil ends the run.
    private let script: (Int) -> ScriptKey?
    private var typed = 0
    private var upcoming: ScriptKey?
    private var started: Double?
    /// Typed and read by the console, not yet drawn.
    private var waiting: [(label: String, arrived: Double)] = []
    private var previous: CellBuffer?
    private(set) var latencies: [String: Samples] = [:]
    /// Each key with its label, arrival and latency, in typing order.
    private(set) var log: [(label: String, arrived: Double, ms: Double)] = []
    /// Cells the diffs would have written: keeps the diff from being optimised away, and shows
    /// how much each frame changed.
    private(set) var cellsWritten = 0
    private(set) var frames = 0

    init(size: Size, pace: Pace, script: @escaping (Int) -> ScriptKey?) {
        self.size = size
        self.pace = pace
        self.script = script
    }

    func draw(_ frame: CellBuffer) {
        for run in frame.diff(from: previous) { cellsWritten += run.cells.count }
        previous = frame
        frames += 1
        let now = Monotonic.seconds()
        for w in waiting {
            let ms = (now - w.arrived) * 1000
            latencies[w.label, default: Samples()].add(ms)
            log.append((w.label, w.arrived, ms))
        }
        waiting.removeAll()
    }

    func bell() {}
    func apply(_ theme: Theme) { previous = nil }
    func suspend() {}
    func resume() { previous = nil }

    func readKey(timeoutMs: Int?) throws -> Key? {
        if upcoming == nil {
            // The end of the script ends the console's loop, as a termination signal would.
            guard let next = script(typed) else { throw TerminalSignal(signal: 15, name: "the end of the script") }
            upcoming = next
        }
        let key = upcoming!
        switch pace {
        case .backToBack:
            // Only when the console waits for a key: nothing is typed ahead.
            guard timeoutMs != 0 else { return nil }
            return take(key, arrived: Monotonic.seconds())
        case .every(let interval):
            let t0 = started ?? Monotonic.seconds()
            started = t0
            let due = t0 + Double(typed) * interval / 1000
            let now = Monotonic.seconds()
            if due <= now { return take(key, arrived: due) }
            if timeoutMs == 0 { return nil }
            sleep(until: timeoutMs.map { min(due, now + Double($0) / 1000) } ?? due)
            return Monotonic.seconds() >= due ? take(key, arrived: due) : nil
        }
    }

    private func take(_ k: ScriptKey, arrived: Double) -> Key {
        typed += 1
        upcoming = nil
        if let label = k.label { waiting.append((label, arrived)) }
        return k.key
    }

    private func sleep(until t: Double) {
        let s = t - Monotonic.seconds()
        if s > 0 { usleep(UInt32(s * 1e6)) }
    }
}

#if canImport(Glibc)
import Glibc
#endif
