import LeadqCodec
import LeadqDomain
import LeadqStore

/// Where a queue's index line lies (schema 2), and how many leads it lists.
struct IndexEntry: Equatable {
    var offset: Int
    var length: Int
    var count: Int

    func write(_ w: inout JSONWriter) {
        w.beginArray()
        w.int(offset)
        w.int(length)
        w.int(count)
        w.endArray()
    }
}

/// The queue index: which lead lines are in each rep's queue and in the pool. Schema 2 keeps one
/// line per queue between the leads and the trailer, read and checked when that queue is first
/// asked for, so opening a store of a million leads reads a trailer of a few kilobytes and a rep's
/// queue reads its own line; schema 1 held the whole index in the trailer, read on open.
extension SnapshotFile {
    /// Every owner with a queue in the index.
    var queueOwners: [String] { schema >= 2 ? Array(queueEntries.keys) : Array(loadedOwners.keys) }

    /// The lines of a rep's queue leads (assigned and accepted), in file order.
    func refs(owner: String) throws -> [LineRef] {
        if let refs = loadedOwners[owner] { return refs }
        guard let entry = queueEntries[owner] else { return [] }
        let refs = try readIndexLine(entry, owner: owner)
        loadedOwners[owner] = refs
        return refs
    }

    /// The lines of the pool's leads, in file order.
    func poolRefs() throws -> [LineRef] {
        if let refs = loadedPool { return refs }
        guard let entry = poolEntry else { return [] }
        let refs = try readIndexLine(entry, owner: nil)
        loadedPool = refs
        return refs
    }

    /// The whole queue index, every line read.
    func allOwners() throws -> [String: [LineRef]] {
        for owner in queueOwners where loadedOwners[owner] == nil { _ = try refs(owner: owner) }
        return loadedOwners
    }

    /// A queue's index line (the pool's when `owner` is nil), its checksum, owner and references checked.
    private func readIndexLine(_ entry: IndexEntry, owner: String?) throws -> [LineRef] {
        var name: String?
        var isPool = false
        var refs: [LineRef] = []
        try sealedLine(entry, "queue index") { r, key in
            switch key {
            case "queue": name = try r.string()
            case "pool": isPool = try r.bool()
            case "refs": refs = try SnapshotFile.refs(&r)
            default: try r.skipValue()
            }
        }
        // Owner names come from the file: the message says which line, not the name.
        guard owner == nil ? (isPool && name == nil) : (!isPool && name == owner) else {
            throw damaged(entry.offset, "the trailer points at another queue's index line")
        }
        guard refs.count == entry.count else {
            throw damaged(entry.offset, "the queue index lists \(refs.count) leads, the trailer says \(entry.count)")
        }
        try checkRefs([refs], at: entry.offset)
        return refs
    }

    /// A line the trailer points at after the leads (a queue index, briefs): its checksum checked,
    /// then each key of its object handed to `body`; damage is named `what`.
    func sealedLine(_ entry: IndexEntry, _ what: String, _ body: (inout JSONReader, String) throws -> Void) throws {
        let bytes = try line(at: entry.offset, length: entry.length)
        try bytes.withUnsafeBytes { buf in
            guard Checksummed.check(buf, 0, buf.count) == .ok else {
                throw damaged(entry.offset, "\(what) checksum mismatch")
            }
            var r = JSONReader(buf)
            do { try r.object(body) } catch let e as JSONError {
                throw damaged(entry.offset + e.offset, "\(what): \(e.message)")
            }
        }
    }

    /// The schema 2 trailer's index lines must cover the bytes between the leads and the trailer at
    /// `t` exactly, one after another, so no index line is read as a lead or a lead as an index line.
    func checkDirectory(at t: Int) throws {
        guard let pool = poolEntry else { throw damaged(t, "the trailer has no pool index") }
        let before = leadsEnd > leadsStart ? try read(leadsEnd - 1, 1) : [0x0A]
        guard before == [0x0A] else {
            throw damaged(leadsEnd - 1, "the queue index doesn't start a line")
        }
        var at = leadsEnd
        // Offsets and lengths come from the file: compared before any arithmetic that could overflow.
        for entry in (Array(queueEntries.values) + [pool] + briefEntries).sorted(by: { $0.offset < $1.offset }) {
            guard entry.offset == at else {
                throw damaged(
                    t, "the trailer puts a queue index at byte \(entry.offset), where byte \(at) was expected")
            }
            guard entry.length >= 0, entry.length < t - entry.offset, entry.count >= 0, entry.count <= entry.length
            else {
                throw damaged(t, "the trailer gives the queue index at byte \(entry.offset) a length that doesn't fit")
            }
            at = entry.offset + entry.length + 1
        }
        guard at == t else { throw damaged(t, "the queue index ends at byte \(at), not where the trailer starts") }
    }

    /// Index references must point at lead lines, each list in file order.
    func checkRefs(_ lists: [[LineRef]], at t: Int) throws {
        // Offsets and lengths come from the file: compared without arithmetic that could overflow.
        for ref in lists.joined() {
            guard ref.offset >= leadsStart, ref.offset < leadsEnd else {
                throw damaged(t, "trailer points at byte \(ref.offset), outside the lead lines")
            }
            guard ref.length >= 0, ref.length < leadsEnd - ref.offset else {
                throw damaged(
                    t,
                    "trailer gives a line at byte \(ref.offset) a length of \(ref.length), which doesn't fit the lead lines"
                )
            }
        }
        // Lines are indexed in file order: offsets that don't ascend would list a lead twice.
        for refs in lists {
            for (a, b) in zip(refs, refs.dropFirst()) where b.offset <= a.offset {
                throw damaged(
                    t, "trailer lists byte \(b.offset) after byte \(a.offset): the queue index is out of order")
            }
        }
    }

    /// `[offset, length, offset, length, …]`
    static func refs(_ r: inout JSONReader) throws -> [LineRef] {
        var flat: [Int] = []
        try r.array { flat.append(try $0.intValue()) }
        guard flat.count % 2 == 0 else { throw r.error("index entries come in offset, length pairs") }
        return stride(from: 0, to: flat.count, by: 2).map { LineRef(offset: flat[$0], length: flat[$0 + 1]) }
    }

    /// `[offset, length, count]`
    static func entry(_ r: inout JSONReader) throws -> IndexEntry {
        var v: [Int] = []
        try r.array { v.append(try $0.intValue()) }
        guard v.count == 3 else { throw r.error("a queue index entry is [offset, length, count]") }
        return IndexEntry(offset: v[0], length: v[1], count: v[2])
    }
}
