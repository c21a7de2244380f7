import Foundation
import LeadqCodec
import LeadqDemo
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport

/// What a store holds, read back the way a user's next command would (a fresh `Store.open`), indexed
/// by sequence number so a test can compare it with what a child reported saved.
struct StoreAudit {
    struct Saved {
        var lead: Lead
        var entry: Entry
    }

    let store: any LeadStore
    private(set) var bySeq: [Int64: Saved] = [:]

    init(_ dir: String) throws {
        try self.init(store: try FileStore.open(dir))
    }

    /// Any kind of store, opened afresh by the caller.
    init(store: any LeadStore) throws {
        self.store = store
        _ = try store.verify()
        var map: [Int64: Saved] = [:]
        try store.forEachLead { lead in
            for e in lead.history { map[e.seq] = Saved(lead: lead, entry: e) }
        }
        bySeq = map
    }

    var lastSeq: Int64 { store.lastSeq }

    /// Sequence numbers after `base` that no event carries (there must be none).
    func gaps(after base: Int64) -> [Int64] {
        guard lastSeq > base else { return [] }
        return ((base + 1)...lastSeq).filter { bySeq[$0] == nil }
    }

    /// Why the saved event at `seq` is not the one expected, or nil when it is.
    func mismatch(_ seq: Int64, lead: String?, _ expected: ChildLog.Expected) -> String? {
        guard let s = bySeq[seq] else { return "event \(seq) (\(expected)) is missing" }
        if let lead, s.lead.id != lead { return "event \(seq) is on \(s.lead.id), reported on \(lead)" }
        guard ChildLog.matches(s.entry, in: s.lead, expected) else {
            return
                "event \(seq) is \(s.lead.id) \(s.entry.op.name) '\(ChildLog.token(of: s.entry, in: s.lead))', expected \(expected)"
        }
        return nil
    }
}

/// Reads the store's files byte by byte, as a check independent of the store's own reader: every line
/// of every journal and snapshot whole and sealed with a matching checksum, and the journals' sequence
/// numbers rising by one across files.
enum FileScan {
    struct Result {
        var lines = 0
        var damaged: [String] = []
        var seqs: [Int64] = []
    }

    static func scan(_ dir: String) throws -> Result {
        var r = Result()
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
            .filter { ($0.hasPrefix("journal-") || $0.hasPrefix("snapshot-")) && $0.hasSuffix(".jsonl") }.sorted()
        for name in names {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
            var start = 0
            var lineNo = 0
            while let nl = bytes[start...].firstIndex(of: 0x0A) {
                lineNo += 1
                let line = Array(bytes[start..<nl])
                if !sealedCorrectly(line) { r.damaged.append("\(name):\(lineNo) at byte \(start)") }
                if lineNo > 1, name.hasPrefix("journal-"), let seq = seqOf(line) { r.seqs.append(seq) }
                r.lines += 1
                start = nl + 1
            }
            if start < bytes.count { r.damaged.append("\(name): \(bytes.count - start) bytes after the last newline") }
        }
        return r
    }

    /// A line ends with `,"crc":"<8 hex>"}` and the CRC-32 of everything before that suffix matches.
    static func sealedCorrectly(_ line: [UInt8]) -> Bool {
        guard line.count > 18 else { return false }
        let body = Array(line[..<(line.count - 18)])
        let suffix = String(decoding: line[(line.count - 18)...], as: UTF8.self)
        return suffix == ",\"crc\":\"\(CRC32.hex(CRC32.checksum(body)))\"}"
    }

    static func seqOf(_ line: [UInt8]) -> Int64? {
        let s = String(decoding: line.prefix(40), as: UTF8.self)
        guard s.hasPrefix("{\"seq\":") else { return nil }
        return Int64(s.dropFirst(7).prefix { $0.isNumber })
    }
}

/// Stores the suites start from.
enum Stores {
    static let t0 = Instant(iso8601: "2026-11-23T09:00:00Z")!

    /// A demo store (reps ana…fatima, manager mia) with `leads` leads and their histories.
    @discardableResult
    static func demo(at dir: String, leads: Int, seed: UInt64 = 7) throws -> FileStore {
        let (settings, made) = DemoStore(leads: leads, seed: seed, now: t0).generate()
        return try FileStore.create(at: dir, settings: settings, leads: made)
    }

    static func files(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }

    static func bytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    static func write(_ path: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }

    /// Copies a store directory (its files, not quarantine/), so each case starts from the same bytes.
    static func copy(_ from: String, to: String) throws {
        let fm = FileManager.default
        try? fm.removeItem(atPath: to)
        try fm.createDirectory(atPath: to, withIntermediateDirectories: true)
        for f in files(from) where f != "quarantine" { try fm.copyItem(atPath: from + "/" + f, toPath: to + "/" + f) }
    }

    static func newestJournal(_ dir: String) -> String {
        dir + "/" + files(dir).filter { $0.hasPrefix("journal-") && $0.hasSuffix(".jsonl") }.last!
    }
}
