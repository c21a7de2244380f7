import LeadqCodec
import LeadqDomain
import LeadqStore

/// The header and trailer bytes a snapshot writer puts around the lead lines.
extension SnapshotFile {
    static func header(seq: Int64, leads: Int, recent: [RecentAction]) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.field("leadq", "snapshot")
        w.field("schema", StoreFiles.schema)
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

        func trailer(seq: Int64) -> [UInt8] {
            var w = JSONWriter(capacity: 64 + count * 8)
            w.beginObject()
            w.field("end", true)
            w.field("leads", count)
            w.field("seq", seq)
            if let l = last { w.field("last", l) }
            w.key("owners")
            w.beginObject()
            for o in owners.keys.sorted() {
                w.key(o)
                w.beginArray()
                for r in owners[o]! {
                    w.int(r.offset)
                    w.int(r.length)
                }
                w.endArray()
            }
            w.endObject()
            w.key("pool")
            w.beginArray()
            for r in pool {
                w.int(r.offset)
                w.int(r.length)
            }
            w.endArray()
            Checksummed.seal(&w)
            w.bytes.append(0x0A)
            return w.bytes
        }
    }
}
