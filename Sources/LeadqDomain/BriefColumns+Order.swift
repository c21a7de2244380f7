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
        keys.sort { a, b in
            if a.first != b.first { return a.first < b.first }
            if a.score != b.score { return a.score < b.score }
            if a.assigned != b.assigned { return a.assigned < b.assigned }
            if a.id != 0 && b.id != 0 { return a.id < b.id }
            return LeadID.precedes(ids[Int(a.row)], ids[Int(b.row)])
        }
        return keys.map(\.row)
    }

    private struct SortKey {
        var first: Int64
        var score: Int64
        var assigned: Int64
        var id: UInt64
        var row: Int32
    }
}
