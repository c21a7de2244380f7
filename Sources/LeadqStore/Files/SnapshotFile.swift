import LeadqDomain

/// An undoable action remembered across compaction, so `undo` still finds a rep's last action.
public struct RecentAction: Equatable, Sendable {
    public var actor: String
    public var seq: Int64
    public var lead: String
}

/// A snapshot mapped into memory: a header line, one lead per line sorted by id, a trailer line.
/// Opening scans only each line's leading summary; a lead is decoded (and its checksum checked)
/// when someone asks for it, so opening a 100k-lead store costs a scan, not a full parse.
final class SnapshotFile {
    let path: String
    let name: String
    let seq: Int64
    let bytes: MappedBytes
    /// Byte ranges of the lead lines, without newline.
    private(set) var starts: [Int] = []
    private(set) var ends: [Int] = []
    private(set) var summaries: [LeadCodec.Summary] = []
    private(set) var recent: [RecentAction] = []

    init(path: String, name: String, fs: FileSystem) throws {
        self.path = path
        self.name = name
        let fd = try fs.open(path, .read)
        defer { fs.close(fd) }
        let size = try fs.size(fd, path: path)
        bytes = try fs.map(fd, length: Int(size), path: path)
        seq = StoreFiles.parse(name, prefix: "snapshot") ?? -1
        try scan()
    }

    private func damaged(_ offset: Int, _ line: Int, _ reason: String) -> StoreError {
        .damaged(file: path, offset: offset, line: line, reason: reason)
    }

    private func scan() throws {
        let buf = bytes.buffer
        var lines = LineScanner(buf)
        guard let h = lines.next() else { throw damaged(0, 1, "no header line (the file is empty or cut short)") }
        try readHeader(buf, h)
        var trailer: (start: Int, end: Int, line: Int)?
        var count = 0
        starts.reserveCapacity(Int(buf.count / 300))
        ends.reserveCapacity(Int(buf.count / 300))
        summaries.reserveCapacity(Int(buf.count / 300))
        while let l = lines.next() {
            if trailer != nil { throw damaged(l.start, lines.line - 1, "data after the trailer line") }
            if isTrailer(buf, l.start, l.end) {
                trailer = (l.start, l.end, lines.line - 1)
                continue
            }
            var r = JSONReader(buf, from: l.start, to: l.end)
            let s: LeadCodec.Summary
            do { s = try LeadCodec.summary(&r) } catch let e as JSONError {
                throw damaged(e.offset, lines.line - 1, e.message)
            }
            if let prev = summaries.last, !LeadID.precedes(prev.id, s.id) {
                throw damaged(l.start, lines.line - 1, "lead \(s.id) is out of order after \(prev.id)")
            }
            starts.append(l.start)
            ends.append(l.end)
            summaries.append(s)
            count += 1
        }
        guard let t = trailer else {
            throw damaged(lines.pos, lines.line, "no trailer line: the file is cut short (\(lines.remainder) bytes after the last complete line)")
        }
        guard Checksummed.check(buf, t.start, t.end) == .ok else { throw damaged(t.start, t.line, "trailer checksum mismatch") }
        var r = JSONReader(buf, from: t.start, to: t.end)
        var leads: Int64 = -1
        var tseq: Int64 = -1
        do {
            try r.object { r, key in
                switch key {
                case "leads": leads = try r.int()
                case "seq": tseq = try r.int()
                default: try r.skipValue()
                }
            }
        } catch let e as JSONError { throw damaged(e.offset, t.line, e.message) }
        guard leads == Int64(count), tseq == seq else {
            throw damaged(t.start, t.line, "trailer says \(leads) leads at event \(tseq), the file holds \(count) at event \(seq)")
        }
    }

    private func isTrailer(_ buf: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        let prefix = Array("{\"end\":".utf8)
        guard end - start >= prefix.count else { return false }
        for i in 0..<prefix.count where buf[start + i] != prefix[i] { return false }
        return true
    }

    private func readHeader(_ buf: UnsafeRawBufferPointer, _ h: (start: Int, end: Int)) throws {
        var r = JSONReader(buf, from: h.start, to: h.end)
        var kind = "", schema: Int64 = -1, hseq: Int64 = -1
        var recent: [RecentAction] = []
        do {
            try r.object { r, key in
                switch key {
                case "leadq": kind = try r.string()
                case "schema": schema = try r.int()
                case "seq": hseq = try r.int()
                case "recent":
                    try r.array { r in
                        var a = RecentAction(actor: "", seq: 0, lead: "")
                        try r.object { r, k in
                            switch k {
                            case "by": a.actor = try r.string()
                            case "seq": a.seq = try r.int()
                            case "lead": a.lead = try r.string()
                            default: try r.skipValue()
                            }
                        }
                        recent.append(a)
                    }
                default: try r.skipValue()
                }
            }
        } catch let e as JSONError { throw damaged(e.offset, 1, "header: \(e.message)") }
        guard kind == "snapshot" else { throw damaged(h.start, 1, "not a leadq snapshot header") }
        if schema > Int64(StoreFiles.schema) { throw StoreError.newerSchema(file: path, found: schema, supported: StoreFiles.schema) }
        guard Checksummed.check(buf, h.start, h.end) == .ok else { throw damaged(h.start, 1, "header checksum mismatch") }
        guard hseq == seq else { throw damaged(h.start, 1, "header says event \(hseq), the file name says \(seq)") }
        self.recent = recent
    }

    var count: Int { summaries.count }

    /// Decodes lead `i`, checking its checksum.
    func lead(at i: Int) throws -> Lead {
        let buf = bytes.buffer
        let (s, e) = (starts[i], ends[i])
        switch Checksummed.check(buf, s, e) {
        case .ok: break
        case .missing: throw damaged(s, i + 2, "lead record without its checksum")
        case .mismatch: throw damaged(s, i + 2, "checksum mismatch (the bytes were changed after leadq wrote them)")
        }
        var r = JSONReader(buf, from: s, to: e)
        do {
            let lead = try LeadCodec.decode(&r)
            guard lead.id == summaries[i].id else { throw r.error("id differs from its summary") }
            return lead
        } catch let err as JSONError {
            throw damaged(err.offset, i + 2, err.message)
        }
    }

    /// The raw bytes of lead line `i`, for compaction to copy unchanged leads without decoding them.
    func rawLine(_ i: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes.buffer[starts[i]..<ends[i]])
    }

    /// Writes a snapshot: header, lead lines (already encoded, sorted by id), trailer.
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
            w.endObject()
        }
        w.endArray()
        Checksummed.seal(&w)
        w.bytes.append(0x0A)
        return w.bytes
    }

    static func trailer(seq: Int64, leads: Int) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.field("end", true)
        w.field("leads", leads)
        w.field("seq", seq)
        Checksummed.seal(&w)
        w.bytes.append(0x0A)
        return w.bytes
    }
}
