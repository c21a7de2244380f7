#if arch(x86_64)
import CLeadqCRC32
#endif

/// CRC-32 (IEEE 802.3, as in zlib and PNG) to tell a damaged record from a good one.
/// On x86-64 with PCLMULQDQ it folds 64 bytes at a time with carry-less multiplies (CLeadqCRC32),
/// several times faster than the tables; elsewhere, and for what is left after the last 16-byte
/// block, slicing-by-8: eight table lookups per 8 bytes.
public enum CRC32 {
    public static let tables: [[UInt32]] = {
        var t = [[UInt32]](repeating: [UInt32](repeating: 0, count: 256), count: 8)
        for n in 0..<256 {
            var c = UInt32(n)
            for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            t[0][n] = c
        }
        for n in 0..<256 {
            for k in 1..<8 { t[k][n] = (t[k - 1][n] >> 8) ^ t[0][Int(t[k - 1][n] & 0xFF)] }
        }
        return t
    }()
    public static let flat: [UInt32] = tables.flatMap { $0 }

    /// Whether this CPU can fold (x86-64 with PCLMULQDQ and SSE4.1), asked once.
    public static let folds: Bool = {
        #if arch(x86_64)
        leadq_crc32_can_fold() != 0
        #else
        false
        #endif
    }()

    /// Folding needs 64 bytes to start; below that its final reduction costs what the tables do.
    static let foldFrom = 64

    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        update(start, bytes) ^ 0xFFFF_FFFF
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    /// The running value `update` starts from.
    public static let start: UInt32 = 0xFFFF_FFFF

    /// The running value after `bytes` (`checksum` is the last one inverted): a record checksummed
    /// in two goes, its end written later (`JournalLineHeads`). Folded where the CPU can.
    public static func update(_ running: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        folds && bytes.count >= foldFrom ? folded(running, bytes) : tableUpdate(running, bytes)
    }

    /// The tables alone, whatever the CPU: what the folded path must always equal.
    public static func tableChecksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        tableUpdate(start, bytes) ^ 0xFFFF_FFFF
    }

    /// Folding wherever it applies, or nil when this CPU can't, so a test can tell the two paths
    /// apart instead of comparing the tables with themselves.
    public static func foldedChecksum(_ bytes: UnsafeRawBufferPointer) -> UInt32? {
        folds ? folded(start, bytes) ^ 0xFFFF_FFFF : nil
    }

    private static func folded(_ running: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var c = running
        var blocks = 0
        #if arch(x86_64)
        if bytes.count >= foldFrom, let base = bytes.baseAddress {
            blocks = bytes.count & ~15
            c = leadq_crc32_fold(c, base, blocks)
        }
        #endif
        return tableUpdate(c, UnsafeRawBufferPointer(rebasing: bytes[blocks...]))
    }

    /// The CRC register (before the final inversion) advanced over `bytes` by the tables.
    private static func tableUpdate(_ register: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var c = register
        flat.withUnsafeBufferPointer { t in
            var i = 0
            let n = bytes.count
            while i + 8 <= n {
                let lo =
                    c
                    ^ (UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3])
                        << 24)
                let hi =
                    UInt32(bytes[i + 4]) | UInt32(bytes[i + 5]) << 8 | UInt32(bytes[i + 6]) << 16 | UInt32(bytes[i + 7])
                    << 24
                c =
                    t[7 * 256 + Int(lo & 0xFF)] ^ t[6 * 256 + Int((lo >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((lo >> 16) & 0xFF)] ^ t[4 * 256 + Int(lo >> 24)]
                    ^ t[3 * 256 + Int(hi & 0xFF)] ^ t[2 * 256 + Int((hi >> 8) & 0xFF)]
                    ^ t[1 * 256 + Int((hi >> 16) & 0xFF)] ^ t[Int(hi >> 24)]
                i += 8
            }
            while i < n {
                c = t[Int((c ^ UInt32(bytes[i])) & 0xFF)] ^ (c >> 8)
                i += 1
            }
        }
        return c
    }

    public static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 8 - s.count) + s
    }
}
