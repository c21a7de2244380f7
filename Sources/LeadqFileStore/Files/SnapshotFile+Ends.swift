import LeadqCodec
import LeadqDomain
import LeadqStore

/// Reading a snapshot's two ends: the header (its event and the actions it remembers for undo) and
/// the trailer (the lead count and the queue index), both checked before any lead is read.
extension SnapshotFile {
    /// What a trailer says: how many leads, the last id, and where each queue's lines are.
    struct Trailer {
        var count = 0
        var last: String?
        /// Schema 1: the queue index itself.
        var owners: [String: [LineRef]] = [:]
        var pool: [LineRef] = []
        /// Schema 2: where the index lines start, and where each is.
        var indexStart: Int?
        var queues: [String: IndexEntry] = [:]
        var poolEntry: IndexEntry?
        /// Schema 3: the settings the briefs were made with, and where their lines are.
        var briefSettings: String?
        var briefLines: [IndexEntry] = []
    }

    /// The last line and where it starts (where the lead lines end).
    func trailerLine() throws -> (start: Int, bytes: [UInt8]) {
        // The trailer is the last line; a file that doesn't end with a newline was cut short.
        guard size > leadsStart, try read(size - 1, 1) == [0x0A] else {
            throw damaged(size, "no trailer line: the file is cut short")
        }
        // Chunks read backwards are joined once at the end: prepending each to the rest copied a
        // 10 MB trailer (a million leads) about 150 times.
        var t = size - 1
        var chunks: [ArraySlice<UInt8>] = []
        // A schema 2 trailer is a few kilobytes: a small first read, then larger ones for schema 1's.
        var chunk = 4096
        while t > leadsStart {
            let from = max(leadsStart, t - chunk)
            let b = try read(from, t - from)
            if let nl = b.lastIndex(of: 0x0A) {
                chunks.append(b[(nl + 1)...])
                t = from + nl + 1
                break
            }
            chunks.append(b[...])
            t = from
            chunk = min(chunk * 2, 8 << 20)
        }
        var tail: [UInt8] = []
        tail.reserveCapacity(chunks.reduce(0) { $0 + $1.count })
        for c in chunks.reversed() { tail.append(contentsOf: c) }
        return (t, tail)
    }

    /// The trailer at `t`, its checksum and event checked.
    func readTrailer(_ tail: [UInt8], at t: Int) throws -> Trailer {
        guard tail.starts(with: Array("{\"end\":".utf8)) else {
            throw damaged(t, "no trailer line: the file is cut short")
        }
        var trailer = Trailer()
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
                    case "last": trailer.last = try r.string()
                    case "pool" where schema >= 2: trailer.poolEntry = try SnapshotFile.entry(&r)
                    case "pool": trailer.pool = try SnapshotFile.refs(&r)
                    case "owners" where schema < 2:
                        try r.object { r, owner in trailer.owners[owner] = try SnapshotFile.refs(&r) }
                    case "index" where schema >= 2: trailer.indexStart = try r.intValue()
                    case "briefs" where schema >= 3: try SnapshotFile.briefsEntry(&r, into: &trailer)
                    case "queues" where schema >= 2:
                        try r.object { r, owner in trailer.queues[owner] = try SnapshotFile.entry(&r) }
                    default: try r.skipValue()
                    }
                }
            } catch let e as JSONError { throw damaged(t + e.offset, "trailer: \(e.message)") }
            guard leads >= 0, tseq == seq else {
                throw damaged(t, "trailer says event \(tseq), the file name says \(seq)")
            }
            trailer.count = Int(leads)
        }
        return trailer
    }

    /// The trailer's lead count must fit the lead lines.
    func checkCount(at t: Int) throws {
        guard count <= leadsEnd - leadsStart else {
            throw damaged(t, "trailer counts \(count) leads, more than the file has room for")
        }
        if count == 0 && leadsEnd != leadsStart {
            throw damaged(leadsStart, "trailer says no leads but lines follow the header")
        }
    }

    /// The header's remembered actions, once it is known to be this file's header.
    func readHeader(_ h: [UInt8]) throws -> [RecentAction] {
        let header: (seq: Int64, recent: [RecentAction], schema: Int64, wide: [Event])
        do { header = try SnapshotFile.readHeader(h) } catch let e as HeaderProblem {
            if let found = e.newerSchema {
                throw StoreError.newerSchema(file: path, found: found, supported: StoreFiles.snapshotSchema)
            }
            throw damaged(e.offset, e.message)
        }
        guard header.seq == seq else { throw damaged(0, "header says event \(header.seq), the file name says \(seq)") }
        schema = header.schema
        wide = header.wide
        return header.recent
    }

    struct HeaderProblem: Error {
        var offset: Int
        var message: String
        var newerSchema: Int64?
    }

    /// A snapshot's first line: the event it is as of, the actions it remembers for undo, and the
    /// events that belong to no lead (`wide`, absent before leadq kept them).
    static func readHeader(_ h: [UInt8]) throws -> (seq: Int64, recent: [RecentAction], schema: Int64, wide: [Event]) {
        var kind = ""
        var schema: Int64 = -1
        var hseq: Int64 = -1
        var recent: [RecentAction] = []
        var wide: [Event] = []
        try h.withUnsafeBytes { buf in
            var r = JSONReader(buf)
            do {
                try r.object { r, key in
                    switch key {
                    case "leadq": kind = try r.string()
                    case "schema": schema = try r.int()
                    case "seq": hseq = try r.int()
                    case "recent": recent = try readRecent(&r)
                    case "wide": try r.array { wide.append(try EventCodec.decode(&$0).event) }
                    default: try r.skipValue()
                    }
                }
            } catch let e as JSONError { throw HeaderProblem(offset: e.offset, message: "header: \(e.message)") }
            guard kind == "snapshot" else { throw HeaderProblem(offset: 0, message: "not a leadq snapshot header") }
            if schema > Int64(StoreFiles.snapshotSchema) {
                throw HeaderProblem(offset: 0, message: "newer schema", newerSchema: schema)
            }
            guard Checksummed.check(buf, 0, buf.count) == .ok else {
                throw HeaderProblem(offset: 0, message: "header checksum mismatch")
            }
        }
        return (hseq, recent, schema, wide)
    }

    private static func readRecent(_ r: inout JSONReader) throws -> [RecentAction] {
        var recent: [RecentAction] = []
        try r.array { r in
            var a = RecentAction(actor: "", seq: 0, lead: "")
            // Keys matched as bytes: with 200 reps remembered 20 actions each, a `String` made of
            // every key was most of what opening a million leads' store cost a one-shot command.
            try r.members { r, k in
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
}
