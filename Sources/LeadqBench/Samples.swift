/// Measurements of one figure: milliseconds, or KiB for memory.
struct Samples: Sendable {
    private(set) var values: [Double] = []

    init(_ values: [Double] = []) { self.values = values }

    mutating func add(_ v: Double) { values.append(v) }
    mutating func add(contentsOf other: Samples) { values.append(contentsOf: other.values) }

    var count: Int { values.count }
    var isEmpty: Bool { values.isEmpty }

    /// The middle value; for an even count, the mean of the two middle ones.
    var median: Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Nearest rank: the ⌈0.99·n⌉-th smallest value, so with fewer than 100 samples it is the largest.
    var p99: Double? { percentile(0.99) }

    var max: Double? { values.max() }

    func percentile(_ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        let rank = Int((p * Double(s.count)).rounded(.up))
        return s[Swift.max(0, Swift.min(s.count - 1, rank - 1))]
    }
}
