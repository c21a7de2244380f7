/// The queue orders over columns: the same as `Queue.inOrder` of the rows' sort keys.
extension BriefColumns {
    public func inOrder(_ a: Int, _ b: Int, _ order: QueueOrder) -> Bool {
        switch order {
        case .scoreAge:
            break
        case .deadline:
            if let c = BriefColumns.nilsLast(deadlines[a], deadlines[b]) { return c }
        case .followUp:
            if let c = BriefColumns.nilsLast(followUps[a], followUps[b]) { return c }
        case .age:
            let (x, y) = (assigned(a), assigned(b))
            if x != y { return x < y }
        }
        return scoreAgeFirst(a, b)
    }

    /// Score highest first, then oldest assignment first, then id.
    func scoreAgeFirst(_ a: Int, _ b: Int) -> Bool {
        if scores[a] != scores[b] { return scores[a] > scores[b] }
        let (x, y) = (assigned(a), assigned(b))
        if x != y { return x < y }
        let (ka, kb) = (idKeys[a], idKeys[b])
        if ka != 0 && kb != 0 { return ka < kb }
        return LeadID.precedes(ids[a], ids[b])
    }

    /// A lead never assigned sorts after every assigned one, as in `Queue.SortKey`.
    private func assigned(_ i: Int) -> Int64 {
        assignedAt[i] == BriefColumns.noTime ? Int64.max : assignedAt[i]
    }

    private static func nilsLast(_ a: Int64, _ b: Int64) -> Bool? {
        if a == b { return nil }
        if a == noTime { return false }
        if b == noTime { return true }
        return a < b
    }

    /// The rows in `order`, the same as `inOrder` gives. Each row's keys are taken out first, so
    /// the sort compares small values side by side instead of reading five columns a comparison.
    public func sorted(_ rows: [Int32], by order: QueueOrder) -> [Int32] {
        sortedRun(rows[...], by: order).keys.map(\.row)
    }

    /// One part of the rows sorted: parts sorted at once (a million rows on every core) are then
    /// `merged`, in the order `sorted` gives.
    public func sortedRun(_ rows: ArraySlice<Int32>, by order: QueueOrder) -> SortedRun {
        var keys = rows.map { r -> SortKey in
            let i = Int(r)
            let first: Int64
            switch order {
            case .scoreAge: first = 0
            case .deadline: first = deadlines[i] == BriefColumns.noTime ? Int64.max : deadlines[i]
            case .followUp: first = followUps[i] == BriefColumns.noTime ? Int64.max : followUps[i]
            case .age: first = assigned(i)
            }
            return SortKey(first: first, score: -Int64(scores[i]), assigned: assigned(i), id: idKeys[i], row: r)
        }
        keys.sort { before($0, $1) }
        return SortedRun(keys: keys)
    }

    /// The sorted parts as one list of rows. The last merge writes rows, not keys: at a million
    /// leads a second copy of the keys would be 40 MB more at the start's peak.
    public func merged(_ runs: [SortedRun]) -> [Int32] {
        var runs = runs.map(\.keys)
        while runs.count > 2 {
            var next: [[SortKey]] = []
            for i in stride(from: 0, to: runs.count, by: 2) {
                var out: [SortKey] = []
                if i + 1 < runs.count {
                    out.reserveCapacity(runs[i].count + runs[i + 1].count)
                    merge(runs[i], runs[i + 1]) { out.append($0) }
                } else {
                    out = runs[i]
                }
                runs[i] = []
                if i + 1 < runs.count { runs[i + 1] = [] }
                next.append(out)
            }
            runs = next
        }
        guard runs.count == 2 else { return (runs.first ?? []).map(\.row) }
        var rows: [Int32] = []
        rows.reserveCapacity(runs[0].count + runs[1].count)
        merge(runs[0], runs[1]) { rows.append($0.row) }
        return rows
    }

    private func merge(_ a: [SortKey], _ b: [SortKey], _ put: (SortKey) -> Void) {
        var (i, j) = (0, 0)
        while i < a.count && j < b.count {
            // Ties keep the first part's row first, as a stable sort of the whole would.
            if before(b[j], a[i]) {
                put(b[j])
                j += 1
            } else {
                put(a[i])
                i += 1
            }
        }
        for k in a[i...] { put(k) }
        for k in b[j...] { put(k) }
    }

    private func before(_ a: SortKey, _ b: SortKey) -> Bool {
        if a.first != b.first { return a.first < b.first }
        if a.score != b.score { return a.score < b.score }
        if a.assigned != b.assigned { return a.assigned < b.assigned }
        if a.id != 0 && b.id != 0 { return a.id < b.id }
        return LeadID.precedes(ids[Int(a.row)], ids[Int(b.row)])
    }

    /// A part of the rows in order, with the keys they were sorted by.
    public struct SortedRun: Sendable {
        fileprivate var keys: [SortKey]
    }

    fileprivate struct SortKey: Sendable {
        var first: Int64
        var score: Int64
        var assigned: Int64
        var id: UInt64
        var row: Int32
    }
}
