import LeadqCodec
import LeadqDomain
import LeadqStore

/// The newest snapshot read line by line, keeping every lead that reads and setting aside every
/// line that doesn't (a bad checksum, a record that doesn't decode, an id out of order or repeated,
/// a line cut short). The header's remembered actions are kept when it reads; the trailer is always
/// rebuilt from the leads kept.
struct SnapshotSalvage {
    let path: String
    let name: String
    let seq: Int64
    private(set) var recent: [RecentAction] = []
    private(set) var wide: [Event] = []
    private(set) var damaged: [Damaged] = []
    /// The ids kept, and the highest lead number seen (a set-aside lead's id is never reused).
    private(set) var ids: Set<String> = []
    private(set) var maxNumber = 0
    private(set) var headerDamaged = false
    private(set) var trailerDamaged = false

    init(path: String, name: String) {
        (self.path, self.name) = (path, name)
        seq = StoreFiles.parse(name, prefix: "snapshot") ?? 0
    }

    /// Reads the file, handing each kept lead line to `keep` in order.
    mutating func run(fs: FileSystem, keep: (_ line: [UInt8], _ lead: Lead) throws -> Void) throws {
        var pending: (number: Int, bytes: [UInt8])?
        var previous: String?
        func lead(_ number: Int, _ bytes: [UInt8]) throws {
            // The queue index (schema 2) and the briefs (3) are rebuilt from the leads kept, like the trailer.
            if SnapshotSalvage.isIndexLine(bytes) {
                if SnapshotSalvage.problem(bytes) != nil { trailerDamaged = true }
                return
            }
            if let why = SnapshotSalvage.problem(bytes) {
                setAside(number, bytes, why)
                return
            }
            let l = try bytes.withUnsafeBytes { b -> Lead in
                var r = JSONReader(b)
                return try LeadCodec.decode(&r)
            }
            if let p = previous, !LeadID.precedes(p, l.id) {
                setAside(number, bytes, "lead \(l.id) is out of order or repeated after \(p)")
                return
            }
            previous = l.id
            ids.insert(l.id)
            try keep(bytes, l)
        }
        try forEachRawLine(path, fs: fs) { number, bytes, complete in
            guard complete else {
                if let (n, b) = pending { try lead(n, b) }
                pending = nil
                setAside(number, bytes, "the file ends inside this line")
                trailerDamaged = true
                return
            }
            if number == 1 {
                readHeader(bytes)
                return
            }
            // The trailer is the last line: a line is a lead's once another follows it.
            if let (n, b) = pending { try lead(n, b) }
            pending = (number, bytes)
        }
        if let (n, b) = pending {
            if b.starts(with: Array("{\"end\":".utf8)) {
                if SnapshotSalvage.problem(b) != nil { trailerDamaged = true }
            } else {
                trailerDamaged = true
                try lead(n, b)
            }
        }
    }

    /// A queue index line (schema 2) or a line of lead briefs (schema 3): made again from the leads kept.
    static func isIndexLine(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: Array("{\"queue\":".utf8)) || bytes.starts(with: Array("{\"pool\":".utf8))
            || bytes.starts(with: Array("{\"briefs\":".utf8))
    }

    /// Why a record can't be trusted, or nil: its checksum, then its decoding.
    static func problem(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { b in
            switch Checksummed.check(b, 0, b.count) {
            case .missing: return "record without its checksum"
            case .mismatch: return "checksum mismatch (the bytes were changed after leadq wrote them)"
            case .ok: break
            }
            var r = JSONReader(b)
            do {
                if b.starts(with: Array("{\"end\":".utf8)) || isIndexLine(Array(b)) {
                    try r.skipValue()
                } else {
                    _ = try LeadCodec.decode(&r)
                }
                return nil
            } catch let e as JSONError {
                return e.message
            } catch {
                return "\(error)"
            }
        }
    }

    private mutating func readHeader(_ bytes: [UInt8]) {
        guard let header = try? SnapshotFile.readHeader(bytes), header.seq == seq else {
            headerDamaged = true
            damaged.append(Damaged(file: name, line: 1, reason: "the header doesn't read", lead: nil, bytes: bytes))
            return
        }
        recent = header.recent
        wide = header.wide
    }

    private mutating func setAside(_ number: Int, _ bytes: [UInt8], _ why: String) {
        let id = leadIDMentioned(in: bytes)
        if let id, let n = LeadID.number(id) { maxNumber = max(maxNumber, n) }
        damaged.append(Damaged(file: name, line: number, reason: why, lead: id, bytes: bytes))
    }

    mutating func noteKept(_ lead: Lead) {
        if let n = LeadID.number(lead.id) { maxNumber = max(maxNumber, n) }
    }
}
