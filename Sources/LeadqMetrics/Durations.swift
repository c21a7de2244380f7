/// A set of durations in seconds and its summary.
///
/// - **median**: the middle value; for an even count, the mean of the two middle values,
///   rounded down to whole seconds.
/// - **p90** (90th percentile) by the nearest-rank method: the smallest value that at least 90% of
///   the values are less than or equal to, i.e. the ⌈0.9·n⌉-th smallest. It is always one of the
///   observed values, so for fewer than 10 values it is the largest.
public struct Durations: Equatable, Sendable {
    public private(set) var sorted: [Int64]

    public init(_ values: [Int64] = []) { sorted = values.sorted() }

    public var count: Int { sorted.count }
    public var isEmpty: Bool { sorted.isEmpty }

    public var median: Int64? {
        let n = sorted.count
        guard n > 0 else { return nil }
        if n % 2 == 1 { return sorted[n / 2] }
        let (a, b) = (sorted[n / 2 - 1], sorted[n / 2])
        return a + (b - a) / 2
    }

    public var p90: Int64? { percentile(90) }

    /// Nearest-rank percentile, `p` in 1...100.
    public func percentile(_ p: Int) -> Int64? {
        let n = sorted.count
        guard n > 0 else { return nil }
        let rank = (p * n + 99) / 100  // ⌈p·n/100⌉, integer arithmetic
        return sorted[min(n, max(1, rank)) - 1]
    }

    /// Adds one value in its place: a cohort gains one duration per lead, and a merge each time
    /// would copy the whole set.
    public mutating func insert(_ v: Int64) {
        var lo = 0
        var hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] <= v { lo = mid + 1 } else { hi = mid }
        }
        sorted.insert(v, at: lo)
    }

    /// Merges another set (the team's figures are the union of the reps').
    public static func + (a: Durations, b: Durations) -> Durations {
        var d = Durations()
        d.sorted = merge(a.sorted, b.sorted)
        return d
    }

    /// The union of many sets, merged in pairs: merged one set at a time, the growing union was
    /// copied once a set (a team of 200 reps at a million leads: a tenth of a second on one core).
    public static func union(_ sets: [Durations]) -> Durations {
        var level = sets.filter { !$0.isEmpty }
        guard !level.isEmpty else { return Durations() }
        while level.count > 1 {
            var next: [Durations] = []
            next.reserveCapacity((level.count + 1) / 2)
            var i = 0
            while i + 1 < level.count {
                next.append(level[i] + level[i + 1])
                i += 2
            }
            if i < level.count { next.append(level[i]) }
            level = next
        }
        return level[0]
    }

    private static func merge(_ a: [Int64], _ b: [Int64]) -> [Int64] {
        var out: [Int64] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            if a[i] <= b[j] {
                out.append(a[i])
                i += 1
            } else {
                out.append(b[j])
                j += 1
            }
        }
        out.append(contentsOf: a[i...])
        out.append(contentsOf: b[j...])
        return out
    }
}

/// Collects durations one at a time; sorts once at the end.
struct DurationSamples: Sendable {
    var values: [Int64] = []
    mutating func add(_ v: Int64) { values.append(v) }
    mutating func add(_ o: DurationSamples) { values += o.values }
    var durations: Durations { Durations(values) }
}
