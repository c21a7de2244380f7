import LeadqCodec
import LeadqDomain
import LeadqStore

/// The brief lines read into columns on all cores, a few lines at a time: a line's columns are
/// appended to the whole and dropped before the next few are read, so the briefs are never held
/// twice over.
extension SnapshotLines {
    /// Lines read at once: enough to keep both cores busy, few enough to hold.
    static let linesAtOnce = 8

    /// Every brief but those of `skip`'s leads, in file order; the skipped ids that were found.
    /// The columns have room for `more` rows beyond them (the leads changed since the snapshot,
    /// added whole next) and for a few thousand arrivals: a column grown past its room is copied
    /// whole, and at a million leads that copy held the start's columns twice (310 MB, not 190).
    func briefColumns(
        skip: Set<String>, more: Int = 0, progress: (Int) -> Void
    ) throws -> (BriefColumns, skipped: [String]) {
        let entries = snap.briefEntries
        var all = BriefColumns()
        let briefs = entries.reduce(0) { $0 + $1.count }
        // Room never written is never resident.
        all.reserveCapacity(briefs + more + max(4_096, briefs / 64))
        var skipped: [String] = []
        var from = 0
        while from < entries.count {
            // The first two lines alone, so the loading line has a count to show early.
            let size = from == 0 ? 2 : SnapshotLines.linesAtOnce
            let group = Array(entries[from..<min(from + size, entries.count)])
            let read = try Concurrent.run(group.count) { i in try self.snap.briefColumns(group[i], skip: skip) }
            for (c, s) in read {
                if from == 0 && all.searchBytes.isEmpty {
                    // Sized once from the first line, so a million briefs' text isn't copied by doubling.
                    let perBrief = c.count == 0 ? 0 : (c.searchBytes.count + c.count - 1) / c.count + 1
                    all.reserveCapacity(0, searchBytes: perBrief * all.ids.capacity * 21 / 20)
                }
                all.append(contentsOf: c)
                skipped += s
            }
            from += group.count
            progress(all.count)
        }
        return (all, skipped)
    }
}

extension SnapshotFile {
    /// One brief line's briefs as columns, leaving out `skip`'s leads (named in the second value).
    func briefColumns(_ entry: IndexEntry, skip: Set<String>) throws -> (BriefColumns, [String]) {
        var c = BriefColumns()
        c.reserveCapacity(entry.count, searchBytes: entry.length / 2)
        var skipped: [String] = []
        var search: [UInt8] = []
        var n = 0
        try sealedLine(entry, "lead briefs") { r, key in
            guard key == "briefs" else { return try r.skipValue() }
            try r.array { r in
                search.removeAll(keepingCapacity: true)
                let f = try SnapshotFile.briefFields(&r) { try $0.appendStringBytes(to: &search) }
                try checkRef(f.ref, entry)
                n += 1
                if skip.contains(f.id) {
                    skipped.append(f.id)
                    return
                }
                c.appendFields(
                    id: f.id, owner: f.owner, stage: f.stage, score: f.score,
                    times: (f.times.0, f.times.1, f.times.2, f.idle, f.times.4), offset: f.ref.offset,
                    length: f.ref.length)
                search.withUnsafeBufferPointer { c.appendSearch($0) }
            }
        }
        guard n == entry.count else {
            throw damaged(entry.offset, "the line holds \(n) lead briefs, the trailer says \(entry.count)")
        }
        return (c, skipped)
    }

    /// A brief's lead line lies among the lead lines.
    func checkRef(_ ref: LineRef, _ entry: IndexEntry) throws {
        guard ref.offset >= leadsStart, ref.offset < leadsEnd, ref.length >= 0, ref.length < leadsEnd - ref.offset
        else { throw damaged(entry.offset, "a lead brief points outside the lead lines") }
    }
}
