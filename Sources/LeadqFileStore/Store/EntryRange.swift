import LeadqDomain
import LeadqStore

extension FileStore {
    /// The leads holding an entry with a sequence number in `range`: among those changed since the
    /// snapshot when the range is after it, else every lead (an action the snapshot folded in).
    public func leads(withEntriesIn range: ClosedRange<Int64>) throws -> [Lead] {
        if range.lowerBound > snapshotSeq {
            try materializeAll()
            return overlay.values.filter {
                $0.version >= range.lowerBound && $0.history.contains { range.contains($0.seq) }
            }
        }
        var out: [Lead] = []
        try forEachLead { l in
            if l.version >= range.lowerBound && l.history.contains(where: { range.contains($0.seq) }) { out.append(l) }
        }
        return out
    }
}
