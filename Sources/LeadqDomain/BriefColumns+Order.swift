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

    /// The rows in `order`.
    public func sorted(_ rows: [Int32], by order: QueueOrder) -> [Int32] {
        rows.sorted { inOrder(Int($0), Int($1), order) }
    }
}
