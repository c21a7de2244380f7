import LeadqCodec
import LeadqDomain
import LeadqStore

/// Writes a snapshot file: the header, one lead per line in id order (each indexed by its byte
/// offset as it goes), the queue index lines and the trailer, all through one `AtomicFile`, in chunks
/// so a big store is never held whole in memory.
struct SnapshotWriter {
    private let file: AtomicFile
    private let seq: Int64
    private var buffer: [UInt8] = []
    private var index = SnapshotFile.IndexBuilder()
    /// The open leads' briefs, made with the store's settings (none without them).
    private var briefs: SnapshotFile.BriefBuilder?
    /// Bytes handed to the file so far.
    private(set) var written = 0

    init(
        _ path: String, seq: Int64, leads: Int, recent: [RecentAction], wide: [Event] = [], briefs settings: Settings?,
        permissions: UInt32, fs: FileSystem
    ) throws {
        briefs = settings.map { SnapshotFile.BriefBuilder(settings: $0) }
        file = try AtomicFile(path, permissions: permissions, fs: fs)
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
        briefs?.add(lead, at: written + buffer.count, length: line.count)
        buffer.append(contentsOf: line)
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// The queue index and the trailer, then the file made durable and put in place. Returns the bytes written.
    mutating func finish() throws -> Int {
        buffer.append(contentsOf: index.tail(seq: seq, at: written + buffer.count, briefs: briefs))
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
