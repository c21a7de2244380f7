import Foundation
import LeadqCodec
import LeadqDomain
import LeadqStore

/// Schema 3: a brief of every lead in a queue or the pool (`LeadBrief`), in lines of their own after
/// the queue index, so a manager's console lists 60,000 leads without decoding them. Briefs hold
/// clocks, which depend on the settings: the trailer names the settings they were made with by a
/// fingerprint, and briefs made with other settings are not used.
extension SnapshotFile {
    static let briefsPerLine = 4096

    /// How briefs are made (clocks, search text): raised when that changes, so briefs an older
    /// leadq made are not used.
    static let briefsVersion = 1

    /// FNV-1a of the brief version and the settings as settings.json holds them.
    static func fingerprint(_ s: Settings) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in Array("briefs \(briefsVersion)\n".utf8) + SettingsCodec.encode(s) {
            h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3
        }
        return String(h, radix: 16)
    }

    /// Makes the brief lines while lead lines are written, handing each over when it is full.
    struct BriefBuilder {
        let settings: Settings
        let fingerprint: String
        private var w = JSONWriter()
        private var inLine = 0

        init(settings: Settings) {
            self.settings = settings
            fingerprint = SnapshotFile.fingerprint(settings)
        }

        /// A line of briefs (with its newline) and how many it holds, when this lead filled one.
        mutating func add(_ lead: Lead, at offset: Int, length: Int) -> (bytes: [UInt8], count: Int)? {
            guard LeadBrief.isOpen(lead) else { return nil }
            if inLine == 0 {
                w = JSONWriter(capacity: 1 << 20)
                w.beginObject()
                w.key("briefs")
                w.beginArray()
            }
            SnapshotFile.write(LeadBrief(lead, settings: settings), LineRef(offset: offset, length: length), &w)
            inLine += 1
            return inLine == SnapshotFile.briefsPerLine ? endLine() : nil
        }

        /// The last line, not full.
        mutating func finish() -> (bytes: [UInt8], count: Int)? { inLine > 0 ? endLine() : nil }

        private mutating func endLine() -> (bytes: [UInt8], count: Int) {
            w.endArray()
            Checksummed.seal(&w)
            w.bytes.append(0x0A)
            defer { (w, inLine) = (JSONWriter(capacity: 0), 0) }
            return (w.bytes, inLine)
        }
    }

    /// `[id, owner, stage, score, assigned, deadline, follow-up due, idle since, pool late at,
    /// offset, length, search]`: times in seconds, null where there is none.
    static func write(_ b: LeadBrief, _ ref: LineRef, _ w: inout JSONWriter) {
        func time(_ t: Instant?) {
            if let t { w.int(t.seconds) } else { w.null() }
        }
        w.beginArray()
        w.string(b.id)
        if let o = b.owner { w.string(o) } else { w.null() }
        w.string(b.stage.rawValue)
        w.int(b.score)
        time(b.assignedAt)
        time(b.clocks.nearestDeadline)
        time(b.clocks.nextFollowUpDue)
        w.int(b.clocks.idleSince.seconds)
        time(b.clocks.poolLateAt)
        w.int(ref.offset)
        w.int(ref.length)
        w.string(String(decoding: b.search, as: UTF8.self))
        w.endArray()
    }

    /// The briefs of one brief line, each with the lead line it describes (checked to be among them).
    func briefs(_ entry: IndexEntry, _ body: (LeadBrief, LineRef) throws -> Void) throws {
        var n = 0
        try sealedLine(entry, "lead briefs") { r, key in
            guard key == "briefs" else { return try r.skipValue() }
            try r.array { r in
                let (brief, ref) = try SnapshotFile.brief(&r)
                try checkRef(ref, entry)
                try body(brief, ref)
                n += 1
            }
        }
        guard n == entry.count else {
            throw damaged(entry.offset, "the line holds \(n) lead briefs, the trailer says \(entry.count)")
        }
    }

    static func brief(_ r: inout JSONReader) throws -> (LeadBrief, LineRef) {
        var search: [UInt8] = []
        let f = try briefFields(&r) { search = try $0.stringBytes() }
        let clocks = LeadClocks(
            stage: f.stage, nearestDeadline: f.times.1, nextFollowUpDue: f.times.2, idleSince: f.idle,
            poolLateAt: f.times.4)
        let b = LeadBrief(
            id: f.id, owner: f.owner, score: f.score, assignedAt: f.times.0, clocks: clocks, search: search)
        return (b, f.ref)
    }

    /// One brief's values; its search text (the last) is read by `search`.
    struct BriefFields {
        var id = ""
        var owner: String?
        var stage = Stage.new
        var score = 0
        var times: (Instant?, Instant?, Instant?, Instant?, Instant?) = (nil, nil, nil, nil, nil)
        var idle = Instant(seconds: 0)
        var ref = LineRef(offset: 0, length: 0)
    }

    static func briefFields(_ r: inout JSONReader, search: (inout JSONReader) throws -> Void) throws -> BriefFields {
        var i = 0
        var f = BriefFields()
        try r.array { r in
            switch i {
            case 0: f.id = try r.string()
            case 1: f.owner = r.null() ? nil : try r.string()
            case 2:
                guard let s = Stage(rawValue: try r.string()) else { throw r.error("a brief names an unknown stage") }
                f.stage = s
            case 3: f.score = try r.intValue()
            case 4...8:
                let t = r.null() ? nil : Instant(seconds: try r.int())
                switch i {
                case 4: f.times.0 = t
                case 5: f.times.1 = t
                case 6: f.times.2 = t
                case 7: f.times.3 = t
                default: f.times.4 = t
                }
            case 9: f.ref.offset = try r.intValue()
            case 10: f.ref.length = try r.intValue()
            case 11: try search(&r)
            default: throw r.error("a lead brief holds 12 values")
            }
            i += 1
        }
        guard i == 12, let idle = f.times.3 else { throw r.error("a lead brief holds 12 values") }
        f.idle = idle
        return f
    }

    /// The trailer's `briefs`: `{"settings": fingerprint, "lines": [[offset, length, count], …]}`.
    static func briefsEntry(_ r: inout JSONReader, into t: inout Trailer) throws {
        try r.object { r, key in
            switch key {
            case "settings": t.briefSettings = try r.string()
            case "lines": try r.array { t.briefLines.append(try SnapshotFile.entry(&$0)) }
            default: try r.skipValue()
            }
        }
    }
}

/// A snapshot's lead lines, read again from any thread for a brief's lead (`pread` only).
final class SnapshotLines: LeadLines, @unchecked Sendable {
    let snap: SnapshotFile
    init(_ snap: SnapshotFile) { self.snap = snap }
    func lead(at offset: Int, length: Int) throws -> Lead { try snap.lead(at: offset, length: length) }
}
