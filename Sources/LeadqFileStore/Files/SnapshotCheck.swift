import LeadqCodec
import LeadqDomain
import LeadqStore

/// What `verify` and compaction both check of a snapshot's lead lines, so a compaction refuses
/// exactly what `verify` refuses and never copies a bad line forward: each line's checksum and full
/// decoding, the ids in ascending order with no repeat, and the trailer's count and queue index
/// against the leads themselves.
struct SnapshotCheck {
    let snap: SnapshotFile
    private var index = SnapshotFile.IndexBuilder()
    private var previous: String?

    init(_ snap: SnapshotFile) { self.snap = snap }

    /// The lead on the line starting at `start`, once it has passed every check.
    mutating func lead(_ line: UnsafeRawBufferPointer, at start: Int) throws -> Lead {
        let lead = try snap.decode(line, at: start)
        if let p = previous, !LeadID.precedes(p, lead.id) {
            throw snap.damaged(start, "lead \(lead.id) is out of order after \(p)")
        }
        previous = lead.id
        index.add(LeadCodec.summary(of: lead), at: start, length: line.count)
        return lead
    }

    /// How many lines were checked, once the trailer agrees with them.
    func finish() throws -> Int {
        guard index.count == snap.count else {
            throw snap.damaged(snap.leadsEnd, "the trailer counts \(snap.count) leads, the file holds \(index.count)")
        }
        guard index.owners == (try snap.allOwners()), index.pool == (try snap.poolRefs()) else {
            throw snap.damaged(snap.leadsEnd, "the trailer's queue index doesn't match the leads")
        }
        return index.count
    }
}
