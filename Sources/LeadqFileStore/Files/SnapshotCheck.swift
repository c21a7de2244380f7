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
    /// `verify` checks the briefs too (compaction writes them anew): the open leads' lines in order,
    private var open: [LineRef]?
    /// and, made again with the settings they name, the same bytes, line by line as each is made.
    private var briefs: SnapshotFile.BriefBuilder?
    private var briefLinesChecked = 0

    init(_ snap: SnapshotFile, briefsWith settings: Settings? = nil) {
        self.snap = snap
        guard let settings, snap.schema >= 3 else { return }
        open = []
        if snap.briefSettings == SnapshotFile.fingerprint(settings) {
            briefs = SnapshotFile.BriefBuilder(settings: settings)
        }
    }

    /// The lead on the line starting at `start`, once it has passed every check.
    mutating func lead(_ line: UnsafeRawBufferPointer, at start: Int) throws -> Lead {
        let lead = try snap.decode(line, at: start)
        if let p = previous, !LeadID.precedes(p, lead.id) {
            throw snap.damaged(start, "lead \(lead.id) is out of order after \(p)")
        }
        previous = lead.id
        index.add(LeadCodec.summary(of: lead), at: start, length: line.count)
        if open != nil && LeadBrief.isOpen(lead) { open!.append(LineRef(offset: start, length: line.count)) }
        if let made = briefs?.add(lead, at: start, length: line.count) { try compare(made.bytes) }
        return lead
    }

    /// How many lines were checked, once the trailer agrees with them.
    mutating func finish() throws -> Int {
        guard index.count == snap.count else {
            throw snap.damaged(snap.leadsEnd, "the trailer counts \(snap.count) leads, the file holds \(index.count)")
        }
        guard index.owners == (try snap.allOwners()), index.pool == (try snap.poolRefs()) else {
            throw snap.damaged(snap.leadsEnd, "the trailer's queue index doesn't match the leads")
        }
        if let open, snap.briefSettings != nil { try checkBriefs(open) }
        return index.count
    }

    private mutating func compare(_ made: [UInt8]) throws {
        defer { briefLinesChecked += 1 }
        guard briefLinesChecked < snap.briefEntries.count else {
            throw snap.damaged(snap.leadsEnd, "the lead briefs don't list the leads in queues and the pool")
        }
        let entry = snap.briefEntries[briefLinesChecked]
        guard try snap.line(at: entry.offset, length: entry.length) + [0x0A] == made else {
            throw snap.damaged(entry.offset, "a lead brief disagrees with its lead")
        }
    }

    private mutating func checkBriefs(_ open: [LineRef]) throws {
        var listed: [LineRef] = []
        for entry in snap.briefEntries { try snap.briefs(entry) { _, ref in listed.append(ref) } }
        guard listed == open else {
            throw snap.damaged(snap.leadsEnd, "the lead briefs don't list the leads in queues and the pool")
        }
        if let last = briefs?.finish() { try compare(last.bytes) }
    }
}
