import LeadqCodec
import LeadqDomain
import LeadqStore

/// Reads one journal file from where it last stopped (appending is `JournalAppender`'s). A journal is a header line, then one
/// checksummed event per line. Only complete lines are read; a partial last line is either a write
/// in progress (another process holds the lock) or the remains of a crash (nobody does).
final class JournalReader {
    let fs: FileSystem
    let name: String
    let path: String
    let first: Int64
    private let fd: Int32
    /// Bytes consumed: through the end of the last applied record.
    private(set) var offset: Int64 = 0
    private var line = 1
    private var headerRead = false
    /// The sequence number the next record must carry: a journal's records run on from its `first`
    /// without a gap or a repeat, so a record copied, spliced or lost inside one is damage.
    private(set) var nextSeq: Int64

    enum Tail: Equatable {
        case clean
        /// Bytes after the last complete record that don't make one (yet).
        case partial(offset: Int64, bytes: Int64)
        /// The file is shorter than what was read of it: a write read before its fsync failed and was
        /// taken back. What was read from it can't be trusted; the reader starts over.
        case shrunk
    }

    init(directory: String, name: String, fs: FileSystem) throws {
        self.fs = fs
        self.name = name
        self.path = StoreFiles.join(directory, name)
        self.first = StoreFiles.parse(name, prefix: "journal") ?? 0
        self.nextSeq = first
        self.fd = try fs.open(path, .read)
    }

    deinit { fs.close(fd) }

    func size() throws -> Int64 { try fs.size(fd, path: path) }

    private func damaged(_ offset: Int64, _ line: Int, _ reason: String) -> StoreError {
        .damaged(file: path, offset: Int(offset), line: line, reason: reason)
    }

    /// Reads every complete record after `offset`, handing whole batches to `apply` in order.
    /// A damaged complete record stops everything: the caller must not read past it. Records that
    /// end beyond `limit` are left for a later read (the header is always read).
    func read(limit: Int64 = .max, apply: ([Event]) throws -> Void) throws -> Tail {
        let size = try self.size()
        guard size > offset else {
            // An empty file has lost even its header: a crash's remains, never a journal to append to.
            if !headerRead { return .partial(offset: 0, bytes: size) }
            return size < offset ? .shrunk : .clean
        }
        let buf = try readRest(size)
        return try buf.withUnsafeBytes { raw -> Tail in
            var lines = LineScanner(raw, line: line)
            var pending: [Event] = []
            var consumed = 0
            var consumedLine = line
            while let l = lines.next() {
                let at = offset + Int64(l.start)
                let lineNo = lines.line - 1
                if !headerRead {
                    try readHeader(raw, l, at: at)
                    headerRead = true
                    consumed = lines.pos
                    consumedLine = lines.line
                    continue
                }
                // Not yet known durable: left as if still being written.
                if Int64(l.end) + 1 > limit - offset { break }
                let decoded = try record(raw, l, at: at, line: lineNo, want: nextSeq + Int64(pending.count))
                pending.append(decoded.event)
                if let end = decoded.batchEnd, decoded.event.seq < end { continue }
                try apply(pending)
                nextSeq += Int64(pending.count)
                pending.removeAll(keepingCapacity: true)
                consumed = lines.pos
                consumedLine = lines.line
            }
            offset += Int64(consumed)
            line = consumedLine
            let left = Int64(raw.count - consumed)
            return left > 0 ? .partial(offset: offset, bytes: left) : .clean
        }
    }

    /// The file's bytes from `offset` to `size` (fewer if it shrank meanwhile).
    private func readRest(_ size: Int64) throws -> [UInt8] {
        var buf = [UInt8](repeating: 0, count: Int(size - offset))
        var got = 0
        while got < buf.count {
            let n = try buf.withUnsafeMutableBytes { b in
                try fs.read(
                    fd, into: UnsafeMutableRawBufferPointer(rebasing: b[got...]), at: offset + Int64(got), path: path)
            }
            if n == 0 { break }
            got += n
        }
        if got < buf.count { buf.removeLast(buf.count - got) }
        return buf
    }

    /// The record on line `l`, its checksum checked and decoded; it must be event `want`.
    private func record(
        _ raw: UnsafeRawBufferPointer, _ l: (start: Int, end: Int), at: Int64, line lineNo: Int, want: Int64
    ) throws -> (event: Event, batchEnd: Int64?) {
        switch Checksummed.check(raw, l.start, l.end) {
        case .ok: break
        case .missing: throw damaged(at, lineNo, "record without its checksum")
        case .mismatch:
            throw damaged(at, lineNo, "checksum mismatch (the bytes were changed after leadq wrote them)")
        }
        var r = JSONReader(raw, from: l.start, to: l.end)
        let decoded: (event: Event, batchEnd: Int64?)
        do { decoded = try EventCodec.decode(&r) } catch let e as JSONError {
            throw damaged(offset + Int64(e.offset), lineNo, e.message)
        }
        let seq = decoded.event.seq
        if seq != want {
            throw damaged(
                at, lineNo,
                seq < want
                    ? "event \(seq) appears a second time (this journal's records run on from \(first); event \(want) belongs here)"
                    : "events \(want)…\(seq - 1) are missing: this record is event \(seq)")
        }
        return decoded
    }

    private func readHeader(_ raw: UnsafeRawBufferPointer, _ l: (start: Int, end: Int), at: Int64) throws {
        var r = JSONReader(raw, from: l.start, to: l.end)
        var kind = ""
        var schema: Int64 = -1
        var hfirst: Int64 = -1
        do {
            try r.object { r, key in
                switch key {
                case "leadq": kind = try r.string()
                case "schema": schema = try r.int()
                case "first": hfirst = try r.int()
                default: try r.skipValue()
                }
            }
        } catch let e as JSONError { throw damaged(at + Int64(e.offset - l.start), 1, "header: \(e.message)") }
        guard kind == "journal" else { throw damaged(at, 1, "not a leadq journal header") }
        if schema > Int64(StoreFiles.schema) {
            throw StoreError.newerSchema(file: path, found: schema, supported: StoreFiles.schema)
        }
        guard Checksummed.check(raw, l.start, l.end) == .ok else { throw damaged(at, 1, "header checksum mismatch") }
        guard hfirst == first else {
            throw damaged(at, 1, "header says first event \(hfirst), the file name says \(first)")
        }
    }

    static func header(first: Int64) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.field("leadq", "journal")
        w.field("schema", StoreFiles.schema)
        w.field("first", first)
        Checksummed.seal(&w)
        w.bytes.append(0x0A)
        return w.bytes
    }

    /// Marks records the caller appended itself as read, so they are not applied twice.
    func advance(by n: Int64, lines: Int) {
        offset += n
        line += lines
        nextSeq += Int64(lines)
    }
}
