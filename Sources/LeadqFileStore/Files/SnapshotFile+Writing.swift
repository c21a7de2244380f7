import LeadqCodec
import LeadqDomain
import LeadqStore

/// The header and trailer bytes a snapshot writer puts around the lead lines.
extension SnapshotFile {
    static func header(seq: Int64, leads: Int, recent: [RecentAction], wide: [Event]) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.field("leadq", "snapshot")
        w.field("schema", StoreFiles.snapshotSchema)
        w.field("seq", seq)
        w.field("leads", leads)
        w.key("recent")
        w.beginArray()
        for a in recent {
            w.beginObject()
            w.field("by", a.actor)
            w.field("seq", a.seq)
            w.field("lead", a.lead)
            if let b = a.batch {
                w.key("batch")
                w.beginArray()
                w.int(b.lowerBound)
                w.int(b.upperBound)
                w.endArray()
            }
            w.endObject()
        }
        w.endArray()
        if !wide.isEmpty {
            w.key("wide")
            w.beginArray()
            for e in wide {
                w.beginObject()
                EventCodec.writeFields(e, &w)
                w.endObject()
            }
            w.endArray()
        }
        Checksummed.seal(&w)
        w.bytes.append(0x0A)
        return w.bytes
    }

    /// Builds the trailer's queue index while lead lines are written.
    struct IndexBuilder {
        var owners: [String: [LineRef]] = [:]
        var pool: [LineRef] = []
        var count = 0
        var last: String?

        mutating func add(_ s: LeadCodec.Summary, at offset: Int, length: Int) {
            count += 1
            last = s.id
            let ref = LineRef(offset: offset, length: length)
            if s.stage.isActive, let o = s.owner { owners[o, default: []].append(ref) }
            if s.stage == .new { pool.append(ref) }
        }

        /// The queue index lines (one per owner in name order, then the pool), starting at byte `at`
        /// of the file, and where each is, for the trailer: opening reads the trailer alone, and a
        /// rep's queue reads one index line.
        func lines(at start: Int) -> (bytes: [UInt8], queues: [(owner: String, entry: IndexEntry)], pool: IndexEntry) {
            var out: [UInt8] = []
            out.reserveCapacity(256 + count * 16)
            var queues: [(owner: String, entry: IndexEntry)] = []
            for o in owners.keys.sorted() {
                let line = SnapshotFile.indexLine(owner: o, refs: owners[o]!)
                queues.append(
                    (o, IndexEntry(offset: start + out.count, length: line.count - 1, count: owners[o]!.count)))
                out.append(contentsOf: line)
            }
            let poolLine = SnapshotFile.indexLine(owner: nil, refs: pool)
            let poolEntry = IndexEntry(offset: start + out.count, length: poolLine.count - 1, count: pool.count)
            out.append(contentsOf: poolLine)
            return (out, queues, poolEntry)
        }

        /// The last line: the lead count, and where the index lines (from `start`) and the brief
        /// lines are.
        func trailer(
            seq: Int64, indexAt start: Int, queues: [(owner: String, entry: IndexEntry)], pool poolEntry: IndexEntry,
            briefs: (settings: String, lines: [IndexEntry])?
        ) -> [UInt8] {
            var w = JSONWriter(capacity: 128 + queues.count * 40)
            w.beginObject()
            w.field("end", true)
            w.field("leads", count)
            w.field("seq", seq)
            if let l = last { w.field("last", l) }
            w.field("index", start)
            w.key("queues")
            w.beginObject()
            for q in queues {
                w.key(q.owner)
                q.entry.write(&w)
            }
            w.endObject()
            w.key("pool")
            poolEntry.write(&w)
            if let b = briefs {
                w.key("briefs")
                w.beginObject()
                w.field("settings", b.settings)
                w.key("lines")
                w.beginArray()
                for e in b.lines { e.write(&w) }
                w.endArray()
                w.endObject()
            }
            Checksummed.seal(&w)
            w.bytes.append(0x0A)
            return w.bytes
        }
    }

    /// `{"queue":"ana","refs":[offset,length,…]}` (the pool's: `{"pool":true,…}`), sealed, with its newline.
    static func indexLine(owner: String?, refs: [LineRef]) -> [UInt8] {
        var w = JSONWriter(capacity: 64 + refs.count * 16)
        w.beginObject()
        if let o = owner { w.field("queue", o) } else { w.field("pool", true) }
        w.key("refs")
        w.beginArray()
        for r in refs {
            w.int(r.offset)
            w.int(r.length)
        }
        w.endArray()
        Checksummed.seal(&w)
        w.bytes.append(0x0A)
        return w.bytes
    }
}
