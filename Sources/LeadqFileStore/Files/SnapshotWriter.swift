import LeadqCodec
import LeadqDomain
import LeadqStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a snapshot file: the header, one lead per line in id order (each indexed by its byte
/// offset as it goes), the queue index lines, the lead briefs and the trailer, all through one
/// `AtomicFile`, in chunks so a big store is never held whole in memory.
struct SnapshotWriter {
    private let file: AtomicFile
    private let seq: Int64
    private var buffer: [UInt8] = []
    private var index = SnapshotFile.IndexBuilder()
    /// The open leads' briefs, made with the store's settings (none without them).
    private var briefs: SnapshotFile.BriefBuilder?
    /// Brief lines go after the index, which is known only at the end: until then they wait in a
    /// file of their own (a million leads' briefs are 140 MB).
    private var spill: BriefSpill?
    /// Bytes handed to the file so far.
    private(set) var written = 0

    init(
        _ path: String, seq: Int64, leads: Int, recent: [RecentAction], wide: [Event] = [], briefs settings: Settings?,
        permissions: UInt32, fs: FileSystem
    ) throws {
        briefs = settings.map { SnapshotFile.BriefBuilder(settings: $0) }
        file = try AtomicFile(path, permissions: permissions, fs: fs)
        if settings != nil { spill = try BriefSpill(file.temporary + "-briefs", fs: fs) }
        self.seq = seq
        buffer.reserveCapacity(1 << 20)
        buffer.append(contentsOf: SnapshotFile.header(seq: seq, leads: leads, recent: recent, wide: wide))
    }

    /// A lead, encoded afresh.
    mutating func put(_ lead: Lead) throws {
        try put(line: LeadCodec.encode(lead), lead: lead)
    }

    /// A lead's line as it already is (its checksum still holds), with the lead decoded from it.
    mutating func put<Bytes: Collection>(line: Bytes, lead: Lead) throws where Bytes.Element == UInt8 {
        index.add(LeadCodec.summary(of: lead), at: written + buffer.count, length: line.count)
        if let full = briefs?.add(lead, at: written + buffer.count, length: line.count) {
            try spill?.put(full.bytes, count: full.count)
        }
        buffer.append(contentsOf: line)
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// The queue index, the briefs and the trailer, then the file made durable and put in place.
    /// Returns the bytes written.
    mutating func finish() throws -> Int {
        let start = written + buffer.count
        let (lines, queues, pool) = index.lines(at: start)
        buffer.append(contentsOf: lines)
        var made: (settings: String, lines: [IndexEntry])?
        if let b = briefs, let spill {
            if let last = briefs?.finish() { try spill.put(last.bytes, count: last.count) }
            made = (b.fingerprint, [])
            try spill.copy { line, count in
                made!.lines.append(IndexEntry(offset: written + buffer.count, length: line.count - 1, count: count))
                buffer.append(contentsOf: line)
                if buffer.count >= 1 << 20 { try flush() }
            }
        }
        buffer.append(
            contentsOf: index.trailer(seq: seq, indexAt: start, queues: queues, pool: pool, briefs: made))
        try flush()
        try file.commit()
        return written
    }

    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try file.write(buffer)
        written += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }
}

/// A file with no name (removed as soon as it is open, so nothing is left if the process dies)
/// holding lines until they are copied into the snapshot.
final class BriefSpill {
    private let fs: FileSystem
    private let path: String
    private var fd: Int32
    private var lines: [(length: Int, count: Int)] = []
    /// Its dirty pages would be written with a console's fsync too.
    private var syncs = SyncAsWritten()

    init(_ path: String, fs: FileSystem) throws {
        (self.fs, self.path) = (fs, path)
        try? fs.remove(path)
        fd = try fs.open(path, .create(permissions: 0o600))
        try? fs.remove(path)
    }

    deinit { fs.close(fd) }

    func put(_ line: [UInt8], count: Int) throws {
        try fs.writeAll(fd, line, path: path)
        lines.append((line.count, count))
        if syncs.wrote(line.count) { try fs.fsync(fd, path: path) }
    }

    /// Each line in the order put, read back one at a time.
    func copy(_ body: ([UInt8], Int) throws -> Void) throws {
        var at: Int64 = 0
        for (length, count) in lines {
            var line = [UInt8](repeating: 0, count: length)
            var done = 0
            while done < length {
                let n = try line.withUnsafeMutableBytes { buf in
                    try fs.read(
                        fd, into: UnsafeMutableRawBufferPointer(rebasing: buf[done...]), at: at + Int64(done),
                        path: path)
                }
                guard n > 0 else { throw FSError(op: "read back", path: path, code: EIO) }
                done += n
            }
            try body(line, count)
            at += Int64(length)
        }
    }
}
