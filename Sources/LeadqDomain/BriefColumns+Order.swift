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
        var keys = rows.map { key(Int($0), order) }
        keys.sort(by: precedes)
        return keys.map(\.row)
    }

    /// The same order, the rows cut into `parts` runs each keyed and sorted by `concurrently`
    /// (which may run them at once: the caller owns the threads), then merged.
    public func sorted(
        _ rows: [Int32], by order: QueueOrder, inParts parts: Int,
        concurrently: (Int, @Sendable (Int) -> Void) -> Void
    ) -> [Int32] {
        guard parts > 1, rows.count >= parts else { return sorted(rows, by: order) }
        let bounds = (0...parts).map { rows.count * $0 / parts }
        var keys = [SortKey](repeating: SortKey(first: 0, score: 0, assigned: 0, id: 0, row: 0), count: rows.count)
        keys.withUnsafeMutableBufferPointer { buf in
            let lent = LentKeys(keys: buf)
            concurrently(parts) { [self] p in
                var run = UnsafeMutableBufferPointer(rebasing: lent.keys[bounds[p]..<bounds[p + 1]])
                for i in run.indices { run[i] = key(Int(rows[bounds[p] + i - run.startIndex]), order) }
                run.sort(by: precedes)
            }
        }
        return merge(keys, runs: bounds)
    }

    private func key(_ i: Int, _ order: QueueOrder) -> SortKey {
        let first: Int64
        switch order {
        case .scoreAge: first = 0
        case .deadline: first = deadlines[i] == BriefColumns.noTime ? Int64.max : deadlines[i]
        case .followUp: first = followUps[i] == BriefColumns.noTime ? Int64.max : followUps[i]
        case .age: first = assigned(i)
        }
        return SortKey(first: first, score: -Int64(scores[i]), assigned: assigned(i), id: idKeys[i], row: Int32(i))
    }

    private func precedes(_ a: SortKey, _ b: SortKey) -> Bool {
        if a.first != b.first { return a.first < b.first }
        if a.score != b.score { return a.score < b.score }
        if a.assigned != b.assigned { return a.assigned < b.assigned }
        if a.id != 0 && b.id != 0 { return a.id < b.id }
        return LeadID.precedes(ids[Int(a.row)], ids[Int(b.row)])
    }

    /// The sorted runs `keys[bounds[p]..<bounds[p + 1]]` as one list of rows, straight into it (a
    /// million keys are 40 MB: no merged copy of them is made); on a tie the earlier run's comes first.
    private func merge(_ keys: [SortKey], runs bounds: [Int]) -> [Int32] {
        var heads = Array(bounds.dropLast())
        let ends = Array(bounds.dropFirst())
        var out: [Int32] = []
        out.reserveCapacity(keys.count)
        while true {
            var best = -1
            for p in heads.indices where heads[p] < ends[p] {
                if best < 0 || precedes(keys[heads[p]], keys[heads[best]]) { best = p }
            }
            guard best >= 0 else { return out }
            out.append(keys[heads[best]].row)
            heads[best] += 1
        }
    }

    private struct SortKey {
        var first: Int64
        var score: Int64
        var assigned: Int64
        var id: UInt64
        var row: Int32
    }

    /// The keys, lent to the runs for the length of the call (each run writes only its own).
    private struct LentKeys: @unchecked Sendable {
        let keys: UnsafeMutableBufferPointer<SortKey>
    }
}
