import LeadqCodec
import LeadqDomain
import LeadqStore

/// A lead line's place in a snapshot file.
struct LineRef: Equatable {
    var offset: Int
    var length: Int
}

/// A snapshot file: a header line, one lead per line sorted by id, and a trailer line indexing the
/// queues (offset and length of each owner's assigned/accepted leads and of the pool's leads).
/// Opening reads only the first and last lines; a lead is found by binary search over the sorted
/// lines and read with pread when asked for, its checksum checked. Positioned reads rather than a
/// mapping keep memory to what is read (a mapping's fault-around pulls in 64 KB per touched lead).
final class SnapshotFile {
    let fs: FileSystem
    let path: String
    let name: String
    let seq: Int64
    private let fd: Int32
    let size: Int
    private(set) var recent: [RecentAction] = []
    private(set) var count = 0
    private(set) var owners: [String: [LineRef]] = [:]
    private(set) var pool: [LineRef] = []
    private(set) var lastID: String?
    /// Lead lines lie in `leadsStart..<leadsEnd`.
    private(set) var leadsStart = 0
    private(set) var leadsEnd = 0

    init(path: String, name: String, fs: FileSystem) throws {
        self.fs = fs
        self.path = path
        self.name = name
        fd = try fs.open(path, .read)
        do { size = Int(try fs.size(fd, path: path)) } catch {
            fs.close(fd)
            throw error
        }
        seq = StoreFiles.parse(name, prefix: "snapshot") ?? -1
        // Fully initialized from here: if reading the ends fails, deinit closes fd (exactly once).
        try readEnds()
    }

    deinit { fs.close(fd) }

    func damaged(_ offset: Int, _ reason: String) -> StoreError {
        .damaged(file: path, offset: offset, line: (try? lineNumber(at: offset)) ?? 0, reason: reason)
    }

    /// The 1-based line number of a byte offset (counted only when reporting damage).
    func lineNumber(at offset: Int) throws -> Int {
        var n = 1
        var at = 0
        while at < min(offset, size) {
            let chunk = try read(at, min(1 << 20, min(offset, size) - at))
            n += chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            at += chunk.count
        }
        return n
    }

    // MARK: - reading bytes

    func read(_ offset: Int, _ count: Int) throws -> [UInt8] {
        guard count > 0, offset >= 0, offset < size else { return [] }
        let n = min(count, size - offset)
        var buf = [UInt8](repeating: 0, count: n)
        var got = 0
        while got < n {
            // Leads are read from here long after opening (lookups, queues, scans): a disk error says
            // it is the store's file that can't be read, like every other store failure.
            let r: Int
            do {
                r = try buf.withUnsafeMutableBytes { b in
                    try fs.read(
                        fd, into: UnsafeMutableRawBufferPointer(rebasing: b[got...]), at: Int64(offset + got),
                        path: path)
                }
            } catch let e as FSError { throw StoreError.io(e, consequence: "the store can't be read") }
            if r == 0 { break }
            got += r
        }
        return got == n ? buf : Array(buf.prefix(got))
    }

    /// The bytes of the line starting at `start`, without its newline.
    func line(at start: Int, length: Int? = nil) throws -> [UInt8] {
        if let n = length {
            guard n >= 0, n < size else { throw damaged(start, "the trailer's index gives a line a length of \(n)") }
            let b = try read(start, n + 1)
            guard b.count == n + 1, b[n] == 0x0A, !b[..<n].contains(0x0A) else {
                throw damaged(start, "the trailer's index points at a line that isn't there")
            }
            return Array(b[..<n])
        }
        var out: [UInt8] = []
        var at = start
        var chunk = 2048
        while at < size {
            let b = try read(at, chunk)
            if let nl = b.firstIndex(of: 0x0A) {
                out.append(contentsOf: b[..<nl])
                return out
            }
            out.append(contentsOf: b)
            at += b.count
            chunk = min(chunk * 2, 1 << 20)
        }
        throw damaged(start, "a line without its newline: the file is cut short")
    }

    /// The first line start at or after `p` (after the newline ending the line that holds `p - 1`).
    private func nextLineStart(atOrAfter p: Int) throws -> Int {
        if p <= leadsStart { return leadsStart }
        var at = p - 1
        var chunk = 4096
        while at < leadsEnd {
            let b = try read(at, chunk)
            if b.isEmpty { break }
            if let nl = b.firstIndex(of: 0x0A) { return at + nl + 1 }
            at += b.count
            // Lines are usually about a kilobyte; a lead with megabytes of notes must not cost thousands of reads.
            chunk = min(chunk * 4, 1 << 20)
        }
        return leadsEnd
    }

    // MARK: - the two ends

    private func readEnds() throws {
        let header = try line(at: 0)
        try readHeader(header)
        leadsStart = header.count + 1
        // The trailer is the last line; a file that doesn't end with a newline was cut short.
        guard size > leadsStart, try read(size - 1, 1) == [0x0A] else {
            throw damaged(size, "no trailer line: the file is cut short")
        }
        var t = size - 1
        var tail: [UInt8] = []
        while t > leadsStart {
            let from = max(leadsStart, t - 65_536)
            let b = try read(from, t - from)
            if let nl = b.lastIndex(of: 0x0A) {
                tail = Array(b[(nl + 1)...]) + tail
                t = from + nl + 1
                break
            }
            tail = b + tail
            t = from
        }
        leadsEnd = t
        guard tail.starts(with: Array("{\"end\":".utf8)) else {
            throw damaged(t, "no trailer line: the file is cut short")
        }
        try tail.withUnsafeBytes { buf in
            guard Checksummed.check(buf, 0, buf.count) == .ok else { throw damaged(t, "trailer checksum mismatch") }
            var r = JSONReader(buf)
            var leads: Int64 = -1
            var tseq: Int64 = -1
            do {
                try r.object { r, key in
                    switch key {
                    case "leads": leads = try r.int()
                    case "seq": tseq = try r.int()
                    case "last": lastID = try r.string()
                    case "pool": pool = try refs(&r)
                    case "owners": try r.object { r, owner in owners[owner] = try refs(&r) }
                    default: try r.skipValue()
                    }
                }
            } catch let e as JSONError { throw damaged(t + e.offset, "trailer: \(e.message)") }
            guard leads >= 0, tseq == seq else {
                throw damaged(t, "trailer says event \(tseq), the file name says \(seq)")
            }
            count = Int(leads)
        }
        // Offsets and lengths come from the file: compared without arithmetic that could overflow.
        for ref in pool + owners.values.flatMap({ $0 }) {
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
        for refs in [pool] + Array(owners.values) {
            for (a, b) in zip(refs, refs.dropFirst()) where b.offset <= a.offset {
                throw damaged(
                    t, "trailer lists byte \(b.offset) after byte \(a.offset): the queue index is out of order")
            }
        }
        guard count <= leadsEnd - leadsStart else {
            throw damaged(t, "trailer counts \(count) leads, more than the file has room for")
        }
        if count == 0 && leadsEnd != leadsStart {
            throw damaged(leadsStart, "trailer says no leads but lines follow the header")
        }
    }

    /// `[offset, length, offset, length, …]`
    private func refs(_ r: inout JSONReader) throws -> [LineRef] {
        var flat: [Int] = []
        try r.array { flat.append(try $0.intValue()) }
        guard flat.count % 2 == 0 else { throw r.error("index entries come in offset, length pairs") }
        return stride(from: 0, to: flat.count, by: 2).map { LineRef(offset: flat[$0], length: flat[$0 + 1]) }
    }

    private func readHeader(_ h: [UInt8]) throws {
        let header: (seq: Int64, recent: [RecentAction])
        do { header = try SnapshotFile.readHeader(h) } catch let e as HeaderProblem {
            if let found = e.newerSchema {
                throw StoreError.newerSchema(file: path, found: found, supported: StoreFiles.schema)
            }
            throw damaged(e.offset, e.message)
        }
        guard header.seq == seq else { throw damaged(0, "header says event \(header.seq), the file name says \(seq)") }
        self.recent = header.recent
    }

    struct HeaderProblem: Error {
        var offset: Int
        var message: String
        var newerSchema: Int64?
    }

    /// A snapshot's first line: the event it is as of, and the actions it remembers for undo.
    static func readHeader(_ h: [UInt8]) throws -> (seq: Int64, recent: [RecentAction]) {
        var kind = ""
        var schema: Int64 = -1
        var hseq: Int64 = -1
        var recent: [RecentAction] = []
        try h.withUnsafeBytes { buf in
            var r = JSONReader(buf)
            do {
                try r.object { r, key in
                    switch key {
                    case "leadq": kind = try r.string()
                    case "schema": schema = try r.int()
                    case "seq": hseq = try r.int()
                    case "recent": recent = try readRecent(&r)
                    default: try r.skipValue()
                    }
                }
            } catch let e as JSONError { throw HeaderProblem(offset: e.offset, message: "header: \(e.message)") }
            guard kind == "snapshot" else { throw HeaderProblem(offset: 0, message: "not a leadq snapshot header") }
            if schema > Int64(StoreFiles.schema) {
                throw HeaderProblem(offset: 0, message: "newer schema", newerSchema: schema)
            }
            guard Checksummed.check(buf, 0, buf.count) == .ok else {
                throw HeaderProblem(offset: 0, message: "header checksum mismatch")
            }
        }
        return (hseq, recent)
    }

    private static func readRecent(_ r: inout JSONReader) throws -> [RecentAction] {
        var recent: [RecentAction] = []
        try r.array { r in
            var a = RecentAction(actor: "", seq: 0, lead: "")
            try r.object { r, k in
                switch k {
                case "by": a.actor = try r.string()
                case "seq": a.seq = try r.int()
                case "lead": a.lead = try r.string()
                case "batch": a.batch = try SnapshotFile.range(&r)
                default: try r.skipValue()
                }
            }
            recent.append(a)
        }
        return recent
    }

    /// `[first, last]`, first ≤ last.
    static func range(_ r: inout JSONReader) throws -> ClosedRange<Int64> {
        var ends: [Int64] = []
        try r.array { ends.append(try $0.int()) }
        guard ends.count == 2, ends[0] <= ends[1] else { throw r.error("a batch must be [first, last]") }
        return ends[0]...ends[1]
    }

    // MARK: - leads

    static func summary(_ line: [UInt8], at start: Int, in file: SnapshotFile) throws -> LeadCodec.Summary {
        try line.withUnsafeBytes { buf in
            var r = JSONReader(buf)
            do { return try LeadCodec.summary(&r) } catch let e as JSONError {
                throw file.damaged(start + e.offset, e.message)
            }
        }
    }

    /// The id of the lead line at `start`, read from its first key.
    func id(at start: Int) throws -> String {
        let prefix = try read(start, 96)
        if let nl = prefix.firstIndex(of: 0x0A), nl < prefix.count {
            return try SnapshotFile.summaryID(Array(prefix[..<nl]), at: start, in: self)
                ?? (try SnapshotFile.summary(Array(prefix[..<nl]), at: start, in: self).id)
        }
        if let id = try SnapshotFile.summaryID(prefix, at: start, in: self) { return id }
        return try SnapshotFile.summary(try line(at: start), at: start, in: self).id
    }

    /// The id when the line begins the way leadq writes it (`{"id":"…"`), else nil.
    static func summaryID(_ bytes: [UInt8], at start: Int, in file: SnapshotFile) throws -> String? {
        let head = Array("{\"id\":\"".utf8)
        guard bytes.starts(with: head), let close = bytes[head.count...].firstIndex(of: UInt8(ascii: "\"")) else {
            return nil
        }
        let raw = bytes[head.count..<close]
        guard !raw.contains(UInt8(ascii: "\\")) else { return nil }
        return String(decoding: raw, as: UTF8.self)
    }

    /// Binary search over the sorted lead lines.
    func find(_ id: String) throws -> Int? {
        var lo = leadsStart
        var hi = leadsEnd
        while lo < hi {
            let mid = (lo + hi) / 2
            let s = try nextLineStart(atOrAfter: mid)
            if s >= hi {
                hi = mid
                continue
            }
            let lid = try self.id(at: s)
            if lid == id { return s }
            if LeadID.precedes(lid, id) {
                lo = s + (try line(at: s).count) + 1
            } else {
                hi = s
            }
        }
        return nil
    }

    /// Decodes the lead whose line starts at `start`, checking its checksum.
    func lead(at start: Int, length: Int? = nil) throws -> Lead {
        try line(at: start, length: length).withUnsafeBytes { try decode($0, at: start) }
    }

    /// Decodes a lead line read elsewhere (a scan), checking its checksum.
    func decode(_ buf: UnsafeRawBufferPointer, at start: Int) throws -> Lead {
        switch Checksummed.check(buf, 0, buf.count) {
        case .ok: break
        case .missing: throw damaged(start, "lead record without its checksum")
        case .mismatch: throw damaged(start, "checksum mismatch (the bytes were changed after leadq wrote them)")
        }
        var r = JSONReader(buf)
        do { return try LeadCodec.decode(&r) } catch let err as JSONError {
            throw damaged(start + err.offset, err.message)
        }
    }

    /// Visits every lead line in order, reading the file in large chunks.
    func forEachLine(_ body: (_ start: Int, _ line: UnsafeRawBufferPointer) throws -> Void) throws {
        var at = leadsStart
        var carry: [UInt8] = []
        while at < leadsEnd {
            let chunk = try read(at, min(4 << 20, leadsEnd - at))
            if chunk.isEmpty { break }
            var data = carry
            data.append(contentsOf: chunk)
            let base = at - carry.count
            var s = 0
            try data.withUnsafeBytes { buf in
                var lines = LineScanner(buf)
                while let l = lines.next() {
                    try body(base + l.start, UnsafeRawBufferPointer(rebasing: buf[l.start..<l.end]))
                }
                s = lines.pos
            }
            carry = Array(data[s...])
            at += chunk.count
        }
        if !carry.isEmpty { throw damaged(leadsEnd - carry.count, "a line without its newline before the trailer") }
    }

    // MARK: - writing

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
