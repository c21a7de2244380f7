/// How a figure is judged against its target, at the largest size measured.
enum Check: Sendable {
    /// The median must not exceed the limit.
    case median(Double)
    /// Median and p99 each within their limit.
    case medianAndP99(Double, Double)
    /// Every sample within the limit (figures whose samples are already worst cases).
    case every(Double)
    /// The median must reach at least the limit (a rate).
    case atLeast(Double)
    /// The p99 must not exceed the limit.
    case p99(Double)
    /// Informative only.
    case none

    func verdict(_ s: Samples) -> String {
        guard let median = s.median, let p99 = s.p99, let top = s.max else { return "—" }
        switch self {
        case .median(let limit):
            if median > limit { return "**missed**" }
            return p99 > limit ? "met (median; p99 over)" : "met"
        case .medianAndP99(let m, let p):
            return median <= m && p99 <= p ? "met" : "**missed**"
        case .every(let limit):
            return top <= limit ? "met" : "**missed**"
        case .atLeast(let limit):
            return median >= limit ? "met" : "**missed**"
        case .p99(let limit):
            return p99 <= limit ? "met" : "**missed**"
        case .none:
            return ""
        }
    }
}

enum Unit: Sendable {
    case ms
    case mib
    case seconds
    case count

    func format(_ v: Double) -> String {
        switch self {
        case .ms: return v < 10 ? fixed(v, 2) : v < 100 ? fixed(v, 1) : fixed(v, 0)
        case .mib: return fixed(v, 1)
        case .seconds: return fixed(v, 2)
        case .count: return fixed(v, v == v.rounded() ? 0 : 1)
        }
    }

    var suffix: String {
        switch self {
        case .ms: return "ms"
        case .mib: return "MiB"
        case .seconds: return "s"
        case .count: return ""
        }
    }
}

func fixed(_ v: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let r = (v * scale).rounded() / scale
    var s = "\(r)"
    if digits == 0, s.hasSuffix(".0") { s.removeLast(2) }
    if let dot = s.firstIndex(of: ".") {
        let have = s.distance(from: dot, to: s.endIndex) - 1
        if have < digits { s += String(repeating: "0", count: digits - have) }
    }
    return s
}

/// One line of a table: what was measured, its target, and the samples per store size.
struct Figure: Sendable {
    let id: String
    let what: String
    let target: String
    let unit: Unit
    let check: Check
    var bySize: [Int: Samples] = [:]

    init(_ id: String, _ what: String, target: String = "", unit: Unit = .ms, check: Check = .none) {
        (self.id, self.what, self.target, self.unit, self.check) = (id, what, target, unit, check)
    }

    func cell(_ size: Int) -> String {
        guard let s = bySize[size], let m = s.median, let p = s.p99 else { return "—" }
        let suffix = unit.suffix.isEmpty ? "" : " " + unit.suffix
        if s.count == 1 { return unit.format(m) + suffix }
        return "\(unit.format(m)) / \(unit.format(p))" + suffix
    }
}

/// Everything one run measured, in the order it is reported.
struct Results: Sendable {
    var sizes: [Int]
    /// The figures of the target table.
    var targets: [Figure] = []
    /// Figures that explain the targets' ones (breakdowns, the manager's view, per-action keys).
    var more: [Figure] = []
    /// leadq next to taskwarrior, same sizes, same run.
    var peers: [Figure] = []
    /// The file store and PostgreSQL, the same figures on each (`--postgres`).
    var stores: [Figure] = []
    var notes: [String] = []
    /// Whether the targets' column says met or missed.
    var judged = true

    static func label(_ size: Int) -> String {
        size % 1_000_000 == 0 ? "\(size / 1_000_000)M" : size % 1000 == 0 ? "\(size / 1000)k" : "\(size)"
    }

    mutating func record(_ figure: Figure, size: Int, _ samples: Samples, in list: WritableKeyPath<Results, [Figure]>) {
        if let i = self[keyPath: list].firstIndex(where: { $0.id == figure.id }) {
            self[keyPath: list][i].bySize[size, default: Samples()].add(contentsOf: samples)
        } else {
            var f = figure
            f.bySize[size] = samples
            self[keyPath: list].append(f)
        }
    }

    func figure(_ id: String) -> Figure? {
        (targets + more + peers + stores).first { $0.id == id }
    }

    // MARK: - markdown

    /// The tables, each list in `order` (ids; others after them, as measured).
    func markdown(order: [String]) -> String {
        var out: [String] = []
        // A run of the side-by-side group alone has no figure of the first table.
        if !targets.isEmpty { out += targetsTable(order) }
        if !more.isEmpty { out += moreTable(order) }
        if !stores.isEmpty { out += storesTable(order) }
        if !peers.isEmpty { out += peersTable(order) }
        for n in notes { out.append("- \(n)") }
        return out.joined(separator: "\n") + "\n"
    }

    /// `list` in `order` (ids; others after them, as measured).
    private func sorted(_ list: [Figure], _ order: [String]) -> [Figure] {
        list.enumerated().sorted { a, b in
            let (x, y) = (
                order.firstIndex(of: a.element.id) ?? order.count, order.firstIndex(of: b.element.id) ?? order.count
            )
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
    }

    private var largest: Int { sizes.max() ?? 0 }
    private var sizeColumns: [String] { sizes.map { "\(Results.label($0)) (median / p99)" } }
    private var verdictColumn: [String] { judged ? ["at \(Results.label(largest))"] : [] }

    /// A figure with its target, each size's cell and, judged, the verdict at the largest size.
    private func judgedRow(_ f: Figure) -> String {
        row(
            [f.what, f.target] + sizes.map { f.cell($0) }
                + (judged ? [f.bySize[largest].map { f.check.verdict($0) } ?? "—"] : []))
    }

    private func targetsTable(_ order: [String]) -> [String] {
        var out = ["### Targets", ""]
        out.append(row(["what", "target"] + sizeColumns + verdictColumn))
        out.append(row(Array(repeating: "---", count: sizeColumns.count + 2 + verdictColumn.count)))
        let targets = sorted(self.targets, order)
        for (i, f) in targets.enumerated() {
            out.append(judgedRow(f))
            // The growth target right after the actions it is about.
            let next = i + 1 < targets.count ? targets[i + 1].id : ""
            if f.id.hasPrefix("save-") && !next.hasPrefix("save-") { out.append(contentsOf: ratioRows()) }
            if f.id == "accept" { out.append(contentsOf: oneShotRatioRow()) }
        }
        return out + [""]
    }

    private func moreTable(_ order: [String]) -> [String] {
        var out = ["### What the figures are made of", ""]
        out.append(row(["what"] + sizeColumns + ["n at \(Results.label(largest))"]))
        out.append(row(Array(repeating: "---", count: sizeColumns.count + 2)))
        for f in sorted(more, order) {
            out.append(row([f.what] + sizes.map { f.cell($0) } + [f.bySize[largest].map { "\($0.count)" } ?? "—"]))
        }
        return out + [""]
    }

    private func storesTable(_ order: [String]) -> [String] {
        var out = ["### The file store and PostgreSQL side by side (same run, same `leadq`)", ""]
        out.append(row(["what", "target"] + sizeColumns + verdictColumn))
        out.append(row(Array(repeating: "---", count: sizeColumns.count + 2 + verdictColumn.count)))
        for f in sorted(stores, order) { out.append(judgedRow(f)) }
        return out + [""]
    }

    private func peersTable(_ order: [String]) -> [String] {
        var out = ["### Side by side with taskwarrior (same sizes, same run; median / p99)", ""]
        out.append(row(["what"] + sizes.map { Results.label($0) }))
        out.append(row(Array(repeating: "---", count: sizes.count + 1)))
        for f in sorted(peers, order) { out.append(row([f.what] + sizes.map { f.cell($0) })) }
        return out + [""]
    }

    /// The target on growth: each action's median at the largest size over its median at the smallest.
    private func ratioRows() -> [String] {
        guard let small = sizes.min() else { return [] }
        return ["save-accept", "save-reject", "save-contact"].compactMap { ratioRow($0, over: small) }
    }

    /// A one-shot action's growth (issue 16): its median at the largest size over its median at 100k.
    private func oneShotRatioRow() -> [String] {
        ratioRow("accept", over: 100_000).map { [$0] } ?? []
    }

    /// `id`'s median at the largest size over its median at `base`, judged against 1.5; nil unless
    /// both were measured and differ.
    private func ratioRow(_ id: String, over base: Int) -> String? {
        guard let large = sizes.max(), large > base, let f = figure(id), let a = f.bySize[base]?.median,
            let b = f.bySize[large]?.median, a > 0
        else { return nil }
        let what = "\(f.what): \(Results.label(large)) vs \(Results.label(base)) (ratio of medians)"
        let cells = sizes.map { s in f.bySize[s]?.median.map { fixed($0 / a, 2) } ?? "—" }
        return row([what, "≤ 1.5"] + cells + (judged ? [b / a <= 1.5 ? "met" : "**missed**"] : []))
    }

    private func row(_ cells: [String]) -> String {
        "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
    }
}
