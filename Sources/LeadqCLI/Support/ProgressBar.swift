import Foundation

/// A one-line progress bar for long imports, drawn on stderr only when both stdout and stderr are
/// terminals: piped or logged output never gets carriage returns and escape sequences.
struct ProgressBar {
    let enabled: Bool
    private var lastDrawn = -1
    private var label = ""

    init(enabled: Bool = isatty(1) == 1 && isatty(2) == 1) { self.enabled = enabled }

    /// Redraws when the whole percentage changes (at most 100 draws per phase).
    mutating func update(_ label: String, _ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let pct = min(100, done * 100 / total)
        guard pct != lastDrawn || label != self.label else { return }
        (lastDrawn, self.label) = (pct, label)
        let width = 30
        let filled = pct * width / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        Output.write(2, "\r\u{1B}[2K\(label) \(bar) \(pct)%")
    }

    mutating func status(_ text: String) {
        guard enabled else { return }
        label = text
        Output.write(2, "\r\u{1B}[2K\(text)")
    }

    /// Clears the line so the summary starts at column 0.
    mutating func finish() {
        guard enabled, lastDrawn >= 0 || !label.isEmpty else { return }
        Output.write(2, "\r\u{1B}[2K")
        lastDrawn = -1
        label = ""
    }
}

/// `LEADQ_TIMING=1`: how long each phase of a long command took, on stderr (for the benchmarks).
struct PhaseClock {
    let enabled: Bool
    private var last = PhaseClock.seconds()

    init(enabled: Bool) { self.enabled = enabled }

    static func seconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    mutating func mark(_ phase: String) {
        guard enabled else { return }
        let now = PhaseClock.seconds()
        Output.err(String(format: "timing: %@: %.3f s", phase, now - last))
        last = now
    }
}
