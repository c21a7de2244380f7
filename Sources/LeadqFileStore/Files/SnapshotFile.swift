import Glibc
import LeadqCodec
import LeadqDomain
import LeadqStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A lead line's place in a snapshot file.
struct LineRef: Equatable {
    var offset: Int
    var length: Int
}

/// A snapshot file: a header line, one lead per line sorted by id, a line per queue indexing it
/// (offset and length of each owner's assigned/accepted leads, then of the pool's leads), and a
/// trailer line saying where each index line is. Opening reads only the first and last lines (in
/// schema 1 the trailer held the index itself); a lead is found by binary search over the sorted
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
    /// The events before `seq` that belong to no lead (changes of settings, repair's notes).
    var wide: [Event] = []
    private(set) var count = 0
    private(set) var lastID: String?
    /// The header's schema: 1 holds the queue index in the trailer, 2 in lines of its own, 3 adds
    /// the open leads' briefs.
    var schema: Int64 = 1
    /// Schema 2: where each queue's index line is, from the trailer.
    var queueEntries: [String: IndexEntry] = [:]
    var poolEntry: IndexEntry?
    /// Schema 3: where the lead briefs are, and the fingerprint of the settings they were made with.
    var briefEntries: [IndexEntry] = []
    var briefSettings: String?
    /// The queue index read so far (schema 1: all of it, on open); see `refs(owner:)`.
    var loadedOwners: [String: [LineRef]] = [:]
    var loadedPool: [LineRef]?
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
            var b = try read(start, n + 1)
            guard b.count == n + 1, b[n] == 0x0A, b.withUnsafeBytes({ memchr($0.baseAddress!, 0x0A, n) == nil }) else {
                throw damaged(start, "the trailer's index points at a line that isn't there")
            }
            // Dropped in place rather than copied: a line of briefs is megabytes.
            b.removeLast()
            return b
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

    /// Reads the two lines opening reads: the header, then the trailer (in schema 1, with the queue index).
    private func readEnds() throws {
        let header = try line(at: 0)
        recent = try readHeader(header)
        leadsStart = header.count + 1
        let trailer = try trailerLine()
        let index = try readTrailer(trailer.bytes, at: trailer.start)
        count = index.count
        lastID = index.last
        if schema >= 2 {
            guard let at = index.indexStart, at >= leadsStart, at <= trailer.start else {
                throw damaged(trailer.start, "the trailer's queue index is outside the file's lines")
            }
            leadsEnd = at
            queueEntries = index.queues
            poolEntry = index.poolEntry
            briefEntries = index.briefLines
            briefSettings = index.briefSettings
            try checkDirectory(at: trailer.start)
        } else {
            leadsEnd = trailer.start
            loadedOwners = index.owners
            loadedPool = index.pool
            try checkRefs([index.pool] + Array(index.owners.values), at: trailer.start)
        }
        try checkCount(at: trailer.start)
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
            if let id = SnapshotFile.summaryID(prefix[..<nl]) { return id }
            return try SnapshotFile.summary(Array(prefix[..<nl]), at: start, in: self).id
        }
        if let id = SnapshotFile.summaryID(prefix) { return id }
        return try SnapshotFile.summary(try line(at: start), at: start, in: self).id
    }

    /// The id when the line begins the way leadq writes it (`{"id":"…"`), else nil.
    static func summaryID<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String? {
        let head = Array("{\"id\":\"".utf8)
        let from = bytes.index(bytes.startIndex, offsetBy: head.count, limitedBy: bytes.endIndex) ?? bytes.endIndex
        guard bytes.starts(with: head), let close = bytes[from...].firstIndex(of: UInt8(ascii: "\"")) else {
            return nil
        }
        let raw = bytes[from..<close]
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

    /// Decodes a lead line read elsewhere (a scan), checking its checksum; of its profile, the
    /// `keeping` members.
    func decode(_ buf: UnsafeRawBufferPointer, at start: Int, keeping: ProfileMembers = .all) throws -> Lead {
        switch Checksummed.check(buf, 0, buf.count) {
        case .ok: break
        case .missing: throw damaged(start, "lead record without its checksum")
        case .mismatch: throw damaged(start, "checksum mismatch (the bytes were changed after leadq wrote them)")
        }
        var r = JSONReader(buf)
        do { return try LeadCodec.decode(&r, keeping: keeping) } catch let err as JSONError {
            throw damaged(start + err.offset, err.message)
        }
    }

    /// A lead line's id and profile only, its checksum checked: the history is skipped, not decoded.
    func idAndProfile(_ buf: UnsafeRawBufferPointer, at start: Int) throws -> (id: String, profile: Profile) {
        switch Checksummed.check(buf, 0, buf.count) {
        case .ok: break
        case .missing: throw damaged(start, "lead record without its checksum")
        case .mismatch: throw damaged(start, "checksum mismatch (the bytes were changed after leadq wrote them)")
        }
        var r = JSONReader(buf)
        do { return try LeadCodec.idAndProfile(&r) } catch let err as JSONError {
            throw damaged(start + err.offset, err.message)
        }
    }

    /// Visits every lead line in order, reading the file in large chunks.
    func forEachLine(_ body: (_ start: Int, _ line: UnsafeRawBufferPointer) throws -> Void) throws {
        try forEachLine(in: leadsStart..<leadsEnd, body)
    }

    /// The lead lines cut into `n` runs of about the same size (fewer if there are few lines), each
    /// starting at a line's start.
    func lineRuns(_ n: Int) throws -> [Range<Int>] {
        var cuts = [leadsStart]
        for k in 1..<max(1, n) {
            let cut = try nextLineStart(atOrAfter: leadsStart + (leadsEnd - leadsStart) * k / n)
            if cut > cuts.last! && cut < leadsEnd { cuts.append(cut) }
        }
        cuts.append(leadsEnd)
        return (0..<cuts.count - 1).map { cuts[$0]..<cuts[$0 + 1] }
    }

    /// Visits the lead lines in `run` (which starts at a line's start) in order.
    /// One buffer for the whole run, read into where the last chunk's unfinished line ends: a new
    /// array a chunk, and the chunk copied again after that line, cost a million-lead report a
    /// tenth of its time in page faults and copies.
    /// `chunk`: the buffer's first size (tests make it small).
    func forEachLine(
        in run: Range<Int>, chunk: Int = 4 << 20, _ body: (_ start: Int, _ line: UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let leadsEnd = min(run.upperBound, size)
        var at = run.lowerBound
        var buf = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, min(chunk, leadsEnd - at)), alignment: 16)
        defer { buf.deallocate() }
        // The bytes at the buffer's start of a line the last chunk ended in.
        var kept = 0
        while at < leadsEnd {
            if kept == buf.count {
                // A line longer than the buffer: make room for the rest of it.
                let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buf.count * 2, alignment: 16)
                bigger.copyMemory(from: UnsafeRawBufferPointer(buf))
                buf.deallocate()
                buf = bigger
            }
            let got = try fill(
                UnsafeMutableRawBufferPointer(rebasing: buf[kept..<min(buf.count, kept + leadsEnd - at)]), at)
            if got == 0 { break }
            let data = UnsafeRawBufferPointer(rebasing: buf[0..<kept + got])
            let base = at - kept
            var lines = LineScanner(data)
            while let l = lines.next() {
                try body(base + l.start, UnsafeRawBufferPointer(rebasing: data[l.start..<l.end]))
            }
            kept = data.count - lines.pos
            if kept > 0 && lines.pos > 0 { memmove(buf.baseAddress!, buf.baseAddress! + lines.pos, kept) }
            at += got
        }
        if kept > 0 { throw damaged(at - kept, "a line without its newline before the trailer") }
    }

    /// Reads from `offset` until `into` is full or the file ends; how many bytes came.
    private func fill(_ into: UnsafeMutableRawBufferPointer, _ offset: Int) throws -> Int {
        var got = 0
        while got < into.count {
            let r: Int
            do {
                r = try fs.read(
                    fd, into: UnsafeMutableRawBufferPointer(rebasing: into[got...]), at: Int64(offset + got), path: path
                )
            } catch let e as FSError { throw StoreError.io(e, consequence: "the store can't be read") }
            if r == 0 { break }
            got += r
        }
        return got
    }
}
