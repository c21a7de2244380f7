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
            var check = SnapshotCheck(snap)
            try snap.forEachLine { start, line in _ = try check.lead(line, at: start) }
            n = try check.finish()
        }
        return VerifyReport(leads: n + created.count, snapshotSeq: snapshotSeq, lastSeq: lastSeq)
    }
}
