import LeadqDemo

/// The PostgreSQL issue's targets, one row per store so the two read side by side.
enum SideFigures {
    /// Reps' terminals acting at once in the team figure.
    static let teamSize = 50

    static func consoleStart(_ k: Runner.Kind) -> Figure {
        Figure(
            "side-console-start-\(k)", "\(k): console start → first full queue screen (tmux)", target: "≤ 300 ms",
            check: .median(300))
    }
    static func queue(_ k: Runner.Kind) -> Figure {
        Figure(
            "side-queue-\(k)", "\(k): `leadq queue --rep \(Figures.rep)`", target: "≤ 200 ms", check: .median(200))
    }
    static func save(_ k: Runner.Kind) -> Figure {
        Figure(
            "side-save-\(k)", "\(k): an action saved inside a console (accept, call, reject)",
            target: "median ≤ 2 ms, p99 ≤ 10 ms", check: .medianAndP99(2, 10))
    }
    static func teamRate(_ k: Runner.Kind) -> Figure {
        Figure(
            "side-team-rate-\(k)", "\(k): \(teamSize) terminals acting at once, actions per second",
            target: "≥ 1,000 /s", unit: .count, check: .atLeast(1000))
    }
    static func teamLatency(_ k: Runner.Kind) -> Figure {
        Figure(
            "side-team-latency-\(k)", "\(k): \(teamSize) terminals acting at once, each action's time",
            target: "p99 ≤ 25 ms", check: .p99(25))
    }
    static func importRows(_ k: Runner.Kind) -> Figure {
        Figure(
            "side-import-\(k)", "\(k): import of a Salesforce CSV (`leadq import`, a process)", target: "≤ 10 s (100k)",
            unit: .seconds, check: .median(10))
    }

    static var order: [String] {
        ["side-console-start", "side-queue", "side-save", "side-team-rate", "side-team-latency", "side-import"]
            .flatMap { id in Runner.Kind.allCases.map { "\(id)-\($0)" } }
    }
}
