import Foundation

/// How hard the suite pushes. Every `swift test` runs the short version (a few seconds); the full
/// run behind `LEADQ_LONG=1` is the one whose figures the README quotes. `LEADQ_SEED` replays a run.
enum RunLength {
    static let environment = ProcessInfo.processInfo.environment
    static let isLong = environment["LEADQ_LONG"].map { !$0.isEmpty && $0 != "0" } ?? false

    /// `short` in every run, `long` in the full run.
    static func pick(_ short: Int, _ long: Int) -> Int { isLong ? long : short }

    /// A seed per run (printed with the figures) unless `LEADQ_SEED` fixes it.
    static let seed: UInt64 =
        environment["LEADQ_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64(UInt32.max))

    /// Prints a line of figures for the report: `leadq-figures: <suite>: …`.
    static func report(_ suite: String, _ text: String) {
        print("leadq-figures: \(suite): \(text) (seed \(seed)\(isLong ? ", full run" : ""))")
    }
}
