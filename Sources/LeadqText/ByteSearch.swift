import Dispatch

#if canImport(Glibc)
import Glibc
#endif

/// Looking for bytes in many texts laid end to end, each ended by a 0 byte: `memchr` finds a
/// needle's first byte many bytes a step, and a big column is searched in two halves at once.
public enum ByteSearch {
    /// Columns of more texts than this are searched in two halves at once.
    public static let splitAbove = 16_384

    /// A bit per text (`bits[i >> 6] & (1 << (i & 63))`), set where the text holds any needle.
    /// Text i ends at `ends[i]` (its 0 byte) and starts after text i - 1's.
    public static func rowsHolding(_ needles: [[UInt8]], text: [UInt8], ends: [UInt32]) -> [UInt64] {
        let count = ends.count
        var bits = [UInt64](repeating: 0, count: (count + 63) / 64)
        // Halves split on a word, so each thread writes words of its own.
        let mid = count > splitAbove ? (count / 2) & ~63 : count
        let parts = mid == count ? [0..<count] : [0..<mid, mid..<count]
        let usable = needles.filter { !$0.isEmpty && !$0.contains(0) }
        bits.withUnsafeMutableBufferPointer { out in
            text.withUnsafeBufferPointer { t in
                ends.withUnsafeBufferPointer { e in
                    let lent = Lent(text: t, ends: e, bits: out)
                    DispatchQueue.concurrentPerform(iterations: parts.count) { p in
                        for n in usable { mark(parts[p], lent, n) }
                    }
                }
            }
        }
        return bits
    }

    /// Sets the bit of each text in `rows` that holds `needle`.
    private static func mark(_ rows: Range<Int>, _ l: Lent, _ needle: [UInt8]) {
        guard !rows.isEmpty, let base = l.text.baseAddress else { return }
        let ends = l.ends
        var row = rows.lowerBound
        var pos = row == 0 ? 0 : Int(ends[row - 1]) + 1
        let end = Int(ends[rows.upperBound - 1])
        let first = Int32(needle[0])
        needle.withUnsafeBufferPointer { n in
            while pos < end, let hit = memchr(base + pos, first, end - pos) {
                let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                while Int(ends[row]) < at { row += 1 }
                if at + n.count <= Int(ends[row]) && memcmp(base + at, n.baseAddress!, n.count) == 0 {
                    l.bits[row >> 6] |= 1 << UInt64(row & 63)
                    pos = Int(ends[row]) + 1
                    row += 1
                    if row >= rows.upperBound { return }
                } else {
                    pos = at + 1
                }
            }
        }
    }

    /// Whether `n` occurs in `h`; UTF-8 never matches inside a character, so this is a text search.
    public static func contains(_ h: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !n.isEmpty else { return true }
        guard let hb = h.baseAddress, let nb = n.baseAddress, n.count <= h.count else { return false }
        var pos = 0
        let last = h.count - n.count
        while pos <= last, let hit = memchr(hb + pos, Int32(nb[0]), last - pos + 1) {
            let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - hb
            if memcmp(hb + at, nb, n.count) == 0 { return true }
            pos = at + 1
        }
        return false
    }

    /// The column and the bits, lent to `concurrentPerform`'s threads for the length of the call
    /// (each thread writes only its own words).
    private struct Lent: @unchecked Sendable {
        let text: UnsafeBufferPointer<UInt8>
        let ends: UnsafeBufferPointer<UInt32>
        let bits: UnsafeMutableBufferPointer<UInt64>
    }
}
