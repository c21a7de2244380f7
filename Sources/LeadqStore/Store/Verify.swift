import LeadqDomain

/// What `verify` checked.
public struct VerifyReport: Equatable, Sendable {
    public var leads: Int
    public var snapshotSeq: Int64
    public var lastSeq: Int64
    public init(leads: Int, snapshotSeq: Int64, lastSeq: Int64) { (self.leads, self.snapshotSeq, self.lastSeq) = (leads, snapshotSeq, lastSeq) }
}

extension Store {
    /// Reads every record of the snapshot, checking checksums, id order and the trailer's queue index,
    /// and every journal event after it (read when the store opened). Throws the first damage found.
    public func verify() throws -> VerifyReport {
        // Every journal event's lead must exist: fold them all in.
        try materializeAll()
        var n = 0
        if let snap = snapshot {
            var index = SnapshotFile.IndexBuilder()
            var previous: String?
            try snap.forEachLine { start, line in
                let lead = try snap.decode(line, at: start)
                if let p = previous, !LeadID.precedes(p, lead.id) {
                    throw snap.damaged(start, "lead \(lead.id) is out of order after \(p)")
                }
                previous = lead.id
                index.add(LeadCodec.summary(of: lead), at: start, length: line.count)
            }
            guard index.count == snap.count else {
                throw snap.damaged(snap.leadsEnd, "the trailer counts \(snap.count) leads, the file holds \(index.count)")
            }
            guard index.owners == snap.owners, index.pool == snap.pool else {
                throw snap.damaged(snap.leadsEnd, "the trailer's queue index doesn't match the leads")
            }
            n = index.count
        }
        return VerifyReport(leads: n + created.count, snapshotSeq: snapshotSeq, lastSeq: lastSeq)
    }
}
