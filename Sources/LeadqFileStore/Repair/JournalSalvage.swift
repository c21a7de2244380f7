import LeadqCodec
import LeadqDomain
import LeadqStore

/// The journals after the snapshot read record by record, however damaged, into one run of events
/// with no gap and no repeat: a record that doesn't read keeps its place as a note saying it was set
/// aside; a number no file holds gets a note saying it is missing; a repeat is set aside; an event
/// whose lead is gone (or a second creation of one) is replaced by a note.
struct JournalSalvage {
    enum Record {
        case good(bytes: [UInt8], event: Event, batchEnd: Int64?, at: Place)
        case note(seq: Int64, lead: String, text: String)

        var seq: Int64 {
            switch self {
            case .good(_, let e, _, _): return e.seq
            case .note(let s, _, _): return s
            }
        }
    }

    /// Where a record was read.
    struct Place {
        var file: String
        var line: Int
    }

    let snapshotSeq: Int64
    private(set) var records: [Record] = []
    private(set) var damaged: [(item: Damaged, note: Int64?)] = []
    private(set) var missing: [ClosedRange<Int64>] = []
    /// Journal files read (every one is replaced when the run is written).
    private(set) var files: [String] = []
    private(set) var headerProblems = 0
    private var waiting: [Damaged] = []
    private var expected: Int64

    init(snapshotSeq: Int64) {
        self.snapshotSeq = snapshotSeq
        expected = snapshotSeq + 1
    }

    var changedAnything: Bool { !damaged.isEmpty || !missing.isEmpty || headerProblems > 0 }

    mutating func read(_ directory: String, names: [String], fs: FileSystem) throws {
        let journals = names.compactMap { n in StoreFiles.parse(n, prefix: "journal").map { ($0, n) } }.sorted {
            $0.0 < $1.0
        }
        for (i, (first, name)) in journals.enumerated() {
            let isLast = i == journals.count - 1
            var relevant = false
            try forEachRawLine(StoreFiles.join(directory, name), fs: fs) { number, bytes, complete in
                if number == 1 && complete {
                    if !JournalSalvage.headerReads(bytes, first: first) {
                        headerProblems += 1
                        relevant = true
                        damaged.append(
                            (
                                Damaged(
                                    file: name, line: 1, reason: "the header doesn't read", lead: nil, bytes: bytes),
                                nil
                            ))
                    }
                    return
                }
                let item = Damaged(file: name, line: number, reason: "", lead: leadIDMentioned(in: bytes), bytes: bytes)
                guard complete else {
                    var torn = item
                    torn.reason = "the file ends inside this record (a write cut short by a crash)"
                    // Only the newest journal's cut-short end was never reported saved.
                    if isLast { damaged.append((torn, nil)) } else { waiting.append(torn) }
                    relevant = true
                    return
                }
                switch JournalSalvage.decode(bytes) {
                case .failure(let why):
                    var d = item
                    d.reason = why.message
                    waiting.append(d)
                    relevant = true
                case .success(let (event, batchEnd)):
                    if event.seq <= snapshotSeq { return }
                    relevant = true
                    if event.seq < expected {
                        var d = item
                        d.reason = "event \(event.seq) appears a second time"
                        damaged.append((d, nil))
                        return
                    }
                    fill(upTo: event.seq)
                    records.append(
                        .good(bytes: bytes, event: event, batchEnd: batchEnd, at: Place(file: name, line: number)))
                    expected = event.seq + 1
                }
            }
            if relevant { files.append(name) }
        }
        dropUnfinishedBatch()
        fill(upTo: expected + Int64(waiting.count))
    }

    /// Gives the records that didn't read the numbers before `seq`, and notes the rest as missing.
    private mutating func fill(upTo seq: Int64) {
        while expected < seq, !waiting.isEmpty {
            let d = waiting.removeFirst()
            damaged.append((d, expected))
            records.append(.note(seq: expected, lead: d.lead ?? "", text: "\(d.file) line \(d.line): \(d.reason)"))
            expected += 1
        }
        // More damaged records than numbers: the extra ones were repeats or garbage.
        for d in waiting { damaged.append((d, nil)) }
        waiting.removeAll()
        if expected < seq {
            missing.append(expected...(seq - 1))
            for s in expected..<seq {
                records.append(.note(seq: s, lead: "", text: "event \(s) is missing: no file holds it"))
            }
            expected = seq
        }
    }

    /// The newest events, when they begin a batch that never ends (its last events lost to a
    /// crash), were never reported saved: set aside whole, as a reader would drop them.
    private mutating func dropUnfinishedBatch() {
        guard waiting.isEmpty, case .good(_, let last, let end?, _)? = records.last, last.seq < end else { return }
        while case .good(let bytes, let e, let member?, let at)? = records.last, member == end {
            records.removeLast()
            let d = Damaged(
                file: at.file, line: at.line, reason: "part of a batch a crash cut short (never reported saved)",
                lead: e.lead, bytes: bytes)
            damaged.append((d, nil))
            expected = e.seq
        }
    }

    static func headerReads(_ bytes: [UInt8], first: Int64) -> Bool {
        bytes.withUnsafeBytes { b in
            guard Checksummed.check(b, 0, b.count) == .ok else { return false }
            return bytes == JournalReader.header(first: first).dropLast()
        }
    }

    static func decode(_ bytes: [UInt8]) -> Result<(Event, Int64?), RepairProblem> {
        bytes.withUnsafeBytes { b in
            switch Checksummed.check(b, 0, b.count) {
            case .missing: return .failure(RepairProblem("record without its checksum"))
            case .mismatch:
                return .failure(RepairProblem("checksum mismatch (the bytes were changed after leadq wrote them)"))
            case .ok: break
            }
            var r = JSONReader(b)
            do {
                let d = try EventCodec.decode(&r)
                return .success((d.event, d.batchEnd))
            } catch let e as JSONError {
                return .failure(RepairProblem(e.message))
            } catch {
                return .failure(RepairProblem("\(error)"))
            }
        }
    }

    /// Replaces events whose lead doesn't exist (set aside, or never created) and second creations
    /// with notes, given the ids the snapshot kept.
    mutating func settleLeads(_ ids: inout Set<String>) {
        for i in records.indices {
            guard case .good(let bytes, let e, _, let at) = records[i] else {
                if case .note(let s, let lead, let text) = records[i], !lead.isEmpty, !ids.contains(lead) {
                    records[i] = .note(seq: s, lead: "", text: text)
                }
                continue
            }
            // A store-wide note of an earlier repair belongs to no lead.
            if e.lead.isEmpty, case .setAside = e.entry.op { continue }
            let why: String?
            if case .created = e.entry.op {
                why = ids.insert(e.lead).inserted ? nil : "event \(e.seq) creates \(e.lead), which already exists"
            } else {
                why =
                    ids.contains(e.lead)
                    ? nil : "event \(e.seq) is for \(e.lead), whose record was set aside or never created"
            }
            guard let why else { continue }
            let d = Damaged(file: at.file, line: at.line, reason: why, lead: e.lead, bytes: bytes)
            damaged.append((d, e.seq))
            records[i] = .note(seq: e.seq, lead: "", text: why)
        }
    }
}

struct RepairProblem: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
