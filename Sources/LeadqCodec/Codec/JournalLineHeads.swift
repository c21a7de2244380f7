import LeadqDomain

/// Journal lines cut short where a write names its last event (`"batch"`) and seals each line: what
/// a big write (an import) keeps of its lines before it knows how many events it has. Each head is
/// its length and the running CRC-32 of its bytes (4 bytes each, little-endian), then its bytes;
/// `seal` makes of them the lines `EventCodec.journalLineParts` writes.
public enum JournalLineHeads {
    /// The length and the running checksum before each head's bytes.
    static let framing = 8

    /// The events' heads, in consecutive parts as each core encoded them. An import hands its
    /// events over a chunk of rows at a time (about 1,800 events): those are split between cores too.
    public static func encode(_ events: ArraySlice<Event>) -> [[UInt8]] {
        @Sendable func heads(_ range: Range<Int>) -> [UInt8] {
            var w = JSONWriter(capacity: range.count * 400)
            for i in range {
                let at = w.bytes.count
                w.bytes.append(contentsOf: repeatElement(0, count: framing))
                w.beginObject()
                EventCodec.writeFields(events[i], &w)
                w.closedBySeal()
                let length = UInt32(w.bytes.count - at - framing)
                w.bytes.withUnsafeMutableBytes { b in
                    let crc = CRC32.update(CRC32.start, UnsafeRawBufferPointer(rebasing: b[(at + framing)...]))
                    b.storeBytes(of: length.littleEndian, toByteOffset: at, as: UInt32.self)
                    b.storeBytes(of: crc.littleEndian, toByteOffset: at + 4, as: UInt32.self)
                }
            }
            return w.bytes
        }
        return EventCodec.inParts(events.startIndex..<events.endIndex, parallelFrom: 512, heads)
    }

    /// The whole heads at the start of `heads` as sealed journal lines of a write whose last event
    /// is `batchEnd` (nil for a write of one), appended to `out`. Returns how many bytes of `heads`
    /// they took and how many lines they made: a head cut off at the end is left for the next call.
    public static func seal(_ heads: UnsafeRawBufferPointer, batchEnd: Int64?, into out: inout [UInt8]) -> (
        bytes: Int, lines: Int
    ) {
        let batch: [UInt8] = batchEnd.map { Array(",\"batch\":\($0)".utf8) } ?? []
        let digits = Array("0123456789abcdef".utf8)
        var (at, lines) = (0, 0)
        while heads.count - at >= framing {
            let length = Int(UInt32(littleEndian: heads.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
            guard heads.count - at - framing >= length else { break }
            let running = UInt32(littleEndian: heads.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self))
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: heads[(at + framing)..<(at + framing + length)]))
            out.append(contentsOf: batch)
            let crc = batch.withUnsafeBytes { CRC32.update(running, $0) } ^ 0xFFFF_FFFF
            out.append(contentsOf: Checksummed.marker)
            for shift in stride(from: 28, through: 0, by: -4) { out.append(digits[Int((crc >> UInt32(shift)) & 0xF)]) }
            out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "}"), 0x0A])
            at += framing + length
            lines += 1
        }
        return (at, lines)
    }
}
