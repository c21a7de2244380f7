import Foundation
import LeadqDemo
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport

/// The generated stores the figures are measured on: one demo store per size, made by
/// `leadq demo --leads N --seed S` with `LEADQ_NOW` fixed (timed: its figures are the demo's), and
/// copies of it for anything that writes, so every figure starts from the same state.
struct BenchStores {
    let root: String
    let seed: UInt64
    let reps: Int?
    /// The release `leadq` and the environment (the fixed clock) it runs with.
    let leadq: String
    let env: [String: String]
    /// Keep every store made (`--keep`), to look at afterwards.
    let keep: Bool
    private var copies = 0

    init(root: String, seed: UInt64, reps: Int?, leadq: String, env: [String: String], keep: Bool) {
        (self.root, self.seed, self.reps, self.leadq, self.env, self.keep) = (root, seed, reps, leadq, env, keep)
    }

    /// The untouched store of `size` leads, generated on first use in this run (a cache kept between
    /// runs could silently outlive a change to the store format or the demo), with the time and
    /// peak memory of `leadq demo` when it was made now.
    mutating func base(_ size: Int) throws -> (path: String, made: Spawn.Outcome?) {
        let path = "\(root)/demo-\(size)"
        if FileManager.default.fileExists(atPath: path + "/settings.json") { return (path, nil) }
        let reps = self.reps.map { ["--reps", "\($0)"] } ?? []
        let out = try Measured.run(
            [leadq, "demo", "--leads", "\(size)", "--seed", "\(seed)", "--store", path] + reps, env: env)
        guard out.status == 0 else { throw BenchError("leadq demo --leads \(size) exited with \(out.status)") }
        return (path, out)
    }

    /// A fresh copy of the `size` store (generating it first if needed) for something that writes.
    mutating func copy(_ size: Int, label: String) throws -> String {
        try copy(from: try base(size).path, label: "\(label)-\(size)")
    }

    /// A fresh copy of any store directory.
    mutating func copy(from: String, label: String) throws -> String {
        copies += 1
        let to = "\(root)/\(label)-\(copies)"
        try? FileManager.default.removeItem(atPath: to)
        try FileManager.default.copyItem(atPath: from, toPath: to)
        // On disk before anything is timed: a copy's dirty pages (1.4 GB at a million leads) would
        // be written with the first fsync the figure makes, and counted in it.
        sync()
        return to
    }

    /// Removes a copy once its figure is measured (the 100k store is ~35 MB).
    func discard(_ path: String) {
        if !keep { try? FileManager.default.removeItem(atPath: path) }
    }

    /// The reps who work leads (not the manager), in settings order.
    static func workers(_ store: any LeadStore) -> [String] {
        store.settings.reps.filter { $0.role == .rep }.map(\.id)
    }
}
