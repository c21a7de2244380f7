import Dispatch
import Foundation
import LeadqDomain

/// One event per journal line:
/// `{"seq":125,"at":"…","by":"dana","lead":"L-00042","op":"reject","reason":"no-budget","crc":"…"}`.
/// Events written together carry `"batch":<last seq>` so a torn batch is never half applied.
public enum EventCodec {
    public static func encode(_ e: Event, batchEnd: Int64? = nil) -> [UInt8] {
        var w = JSONWriter(capacity: 192)
        append(e, batchEnd: batchEnd, to: &w)
        return w.bytes
    }

    /// One event's sealed record at the end of `w`, which may already hold earlier lines.
    private static func append(_ e: Event, batchEnd: Int64?, to w: inout JSONWriter) {
        let start = w.bytes.count
        w.beginObject()
        writeFields(e, &w)
        if let b = batchEnd { w.field("batch", b) }
        Checksummed.seal(&w, from: start)
    }

    /// Events as journal lines, one write's worth, in consecutive parts as each core encoded them, so
    /// they can be written without first being copied into one buffer. A big batch (an import) is
    /// encoded on every core: each event's line depends on nothing but the event.
    public static func journalLineParts(_ events: [Event]) -> [[UInt8]] {
        journalLineParts(events[...], batchEnd: events.count > 1 ? events.last!.seq : nil)
    }

    /// Some of one write's events (`batchEnd` is the write's last event, nil for a write of one),
    /// as `journalLineParts` encodes them: a big write is encoded and written a slice at a time, so
    /// its lines are never all in memory at once.
    public static func journalLineParts(_ events: ArraySlice<Event>, batchEnd: Int64?) -> [[UInt8]] {
        @Sendable func lines(_ range: Range<Int>) -> [UInt8] {
            var w = JSONWriter(capacity: range.count * 400)
            for i in range {
                append(events[i], batchEnd: batchEnd, to: &w)
                w.bytes.append(0x0A)
            }
            return w.bytes
        }
        return inParts(events.startIndex..<events.endIndex, lines)
    }

    /// `encode` of the range in consecutive parts, one per core when the range has `parallelFrom` or more.
    static func inParts(
        _ range: Range<Int>, parallelFrom: Int = 4_096, _ encode: @Sendable (Range<Int>) -> [UInt8]
    ) -> [[UInt8]] {
        let (from, n) = (range.lowerBound, range.count)
        let parts = n >= parallelFrom ? max(1, min(8, ProcessInfo.processInfo.activeProcessorCount)) : 1
        guard parts > 1 else { return [encode(range)] }
        let chunks = (0..<parts).map { _ in Chunk() }
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            chunks[k].bytes = encode(from + n * k / parts..<from + n * (k + 1) / parts)
        }
        return chunks.map(\.bytes)
    }

    /// One worker's lines; each worker writes only its own.
    private final class Chunk: @unchecked Sendable { var bytes: [UInt8] = [] }

    /// The members of an event object, shared by the journal and `--json` output.
    public static func writeFields(_ e: Event, _ w: inout JSONWriter) {
        w.field("seq", e.entry.seq)
        w.field("at", e.entry.at)
        w.field("by", e.entry.by)
        w.field("lead", e.lead)
        OpCodec.writeOp(e.entry.op, &w)
        if let p = e.profile {
            w.key("profile")
            ProfileCodec.write(p, &w)
        }
    }

    public static func decode(_ r: inout JSONReader) throws -> (event: Event, batchEnd: Int64?) {
        var f = OpCodec.Fields()
        var lead: String?
        var profile: Profile?
        var batch: Int64?
        try r.members { r, key in
            if try f.read(key, &r) { return }
            switch key {
            case "lead": lead = try r.string()
            case "profile": profile = try ProfileCodec.read(&r)
            case "batch": batch = try r.int()
            default: try r.skipValue()
            }
        }
        let entry = try f.entry(offset: r.pos)
        // Only store-wide events (a note of `leadq repair`, a change of settings) belong to no lead.
        guard let lead, !lead.isEmpty || entry.op.mayBeStoreWide else { throw r.error("event lacks its lead") }
        switch entry.op {
        case .created, .updated:
            guard profile != nil else { throw r.error("'\(entry.op.name)' event lacks its profile") }
        default: break
        }
        return (Event(lead: lead, entry: entry, profile: profile), batch)
    }
}
