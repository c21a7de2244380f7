import Foundation
import LeadqDemo
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport

/// The generated stores the figures are measured on: one demo store per size, made exactly as
/// `leadq demo --leads N --seed S` makes it with `LEADQ_NOW` fixed, and copies of it for anything
/// that writes, so every figure starts from the same state.
struct BenchStores {
    let root: String
    let seed: UInt64
    let now: Instant
    /// Keep every store made (`--keep`), to look at afterwards.
    let keep: Bool
    private var copies = 0

    init(root: String, seed: UInt64, now: Instant, keep: Bool) {
        (self.root, self.seed, self.now, self.keep) = (root, seed, now, keep)
    }

    /// The untouched store of `size` leads, generated on first use in this run (a cache kept between
    /// runs could silently outlive a change to the store format or the demo).
    mutating func base(_ size: Int) throws -> (path: String, seconds: Double) {
        let path = "\(root)/demo-\(size)"
        if FileManager.default.fileExists(atPath: path + "/settings.json") { return (path, 0) }
        let start = Monotonic.seconds()
        let (settings, leads) = DemoStore(leads: size, seed: seed, now: now).generate()
        try FileStore.create(at: path, settings: settings, leads: leads)
        return (path, Monotonic.seconds() - start)
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
