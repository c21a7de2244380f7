import Foundation
import LeadqCodec
import LeadqDemo
import Testing

#if arch(x86_64)
import CLeadqCRC32
#endif

/// The folded CRC-32 (CLeadqCRC32) against the tables, which stay the reference: every length
/// around the folding's 16- and 64-byte steps, every alignment, long random buffers.
@Suite struct CRC32FoldingTests {
    static let skipped = "this CPU lacks PCLMULQDQ or SSE4.1: the folded CRC-32 is not tested here"

    /// A seeded buffer with 16 spare bytes in front, to start at every alignment.
    static func buffer(_ count: Int, seed: UInt64) -> [UInt8] {
        var g = SplitMix(seed: seed)
        return (0..<count + 16).map { _ in UInt8(truncatingIfNeeded: g.next()) }
    }

    static func bothPaths(_ bytes: [UInt8], offset: Int, count: Int) -> (table: UInt32, folded: UInt32?, used: UInt32) {
        bytes.withUnsafeBytes { b in
            let slice = UnsafeRawBufferPointer(rebasing: b[offset..<offset + count])
            return (CRC32.tableChecksum(slice), CRC32.foldedChecksum(slice), CRC32.checksum(slice))
        }
    }

    #if arch(x86_64) && os(Linux)
    @Test func theCPUCheckAgreesWithTheKernel() throws {
        let info = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flags = info.split(separator: "\n").first { $0.hasPrefix("flags") }.map {
            Set($0.split(separator: " ").map(String.init))
        }
        let has = try #require(flags).isSuperset(of: ["pclmulqdq", "sse4_1"])
        #expect(CRC32.folds == has)
        if !has { print(Self.skipped) }
    }
    #endif

    /// The cases where the paths disagree, the first few, as "what: table, folded, used".
    static func mismatches(_ cases: [(what: String, bytes: [UInt8], offset: Int, count: Int)]) -> [String] {
        var found: [String] = []
        for c in cases where found.count < 5 {
            let r = bothPaths(c.bytes, offset: c.offset, count: c.count)
            if r.folded != r.table || r.used != r.table {
                found.append(
                    "\(c.what): table \(CRC32.hex(r.table)), folded \(r.folded.map(CRC32.hex) ?? "-"), used \(CRC32.hex(r.used))"
                )
            }
        }
        return found
    }

    @Test(.enabled(if: CRC32.folds, Comment(rawValue: skipped)))
    func everyLengthToSixHundredAtEveryAlignment() {
        let bytes = Self.buffer(600, seed: 17)
        let cases = (0...600).flatMap { count in
            (0..<16).map { (what: "length \(count) at offset \($0)", bytes: bytes, offset: $0, count: count) }
        }
        #expect(Self.mismatches(cases) == [])
    }

    @Test(.enabled(if: CRC32.folds, Comment(rawValue: skipped)))
    func randomLengthsToAMegabyte() {
        var g = SplitMix(seed: 4242)
        let bytes = Self.buffer(1 << 20, seed: 99)
        let cases = (0..<40).map { _ in
            let count = Int.random(in: 601...(1 << 20), using: &g)
            let offset = Int.random(in: 0..<16, using: &g)
            return (what: "length \(count) at offset \(offset)", bytes: bytes, offset: offset, count: count)
        }
        #expect(Self.mismatches(cases) == [])
    }

    @Test(.enabled(if: CRC32.folds, Comment(rawValue: skipped)))
    func allZerosAndAllOnes() {
        for fill: UInt8 in [0x00, 0xFF] {
            let bytes = [UInt8](repeating: fill, count: (1 << 20) + 16)
            let cases = (Array(0...600) + [4096, 65_537, 1 << 20]).map {
                (what: "\(fill) × \($0)", bytes: bytes, offset: $0 % 16, count: $0)
            }
            #expect(Self.mismatches(cases) == [])
        }
    }

    /// A record checksummed in two goes (the import's spooled journal lines: the head first, the
    /// end once the batch is known) gets the checksum of the whole, folded or not, at any split.
    @Test func aChecksumInTwoGoesIsTheWholeOnes() {
        var g = SplitMix(seed: 77)
        let bytes = Self.buffer(5_000, seed: 5)
        for _ in 0..<300 {
            let count = Int.random(in: 0...5_000, using: &g)
            let split = Int.random(in: 0...count, using: &g)
            bytes.withUnsafeBytes { b in
                let head = UnsafeRawBufferPointer(rebasing: b[0..<split])
                let tail = UnsafeRawBufferPointer(rebasing: b[split..<count])
                let twice = CRC32.update(CRC32.update(CRC32.start, head), tail) ^ 0xFFFF_FFFF
                #expect(
                    twice == CRC32.tableChecksum(UnsafeRawBufferPointer(rebasing: b[0..<count])), "\(split)/\(count)")
            }
        }
    }

    /// Vectors from zlib's crc32, the longer ones long enough to fold.
    @Test(.enabled(if: CRC32.folds, Comment(rawValue: skipped)))
    func knownValues() {
        let cases: [([UInt8], UInt32)] = [
            (Array("123456789".utf8), 0xCBF4_3926),
            (Array((0..<1024).map { UInt8($0 & 0xFF) }), 0xB70B_4C26),
            ([UInt8](repeating: 0, count: 1 << 20), 0xA738_EA1C),
            ([UInt8](repeating: 0xFF, count: 1 << 20), 0x956B_AC74),
            ([UInt8](repeating: UInt8(ascii: "a"), count: 1000), 0x9A38_DA03),
        ]
        for (bytes, crc) in cases {
            let r = Self.bothPaths(bytes, offset: 0, count: bytes.count)
            #expect(r.folded == crc, "\(bytes.count) bytes")
            #expect(r.table == crc, "\(bytes.count) bytes")
        }
    }

    #if arch(x86_64)
    /// The C file's constants, each derived here from the polynomial: x^k mod P (or x^64 / P, or
    /// P) bit-reflected into a 64-bit lane, the term x^i at bit 63 - i.
    @Test func foldingConstantsFollowFromThePolynomial() {
        let p: UInt64 = 0x1_04C1_1DB7
        func xPowMod(_ k: Int) -> UInt64 {
            var r: UInt64 = 1
            for _ in 0..<k {
                r <<= 1
                if r & (1 << 32) != 0 { r ^= p }
            }
            return r
        }
        // floor(x^k / P) by long division, the dividend's terms as flags.
        func xPowDiv(_ k: Int) -> UInt64 {
            var dividend = [Bool](repeating: false, count: k + 1)
            dividend[k] = true
            var quotient: UInt64 = 0
            for i in stride(from: k - 32, through: 0, by: -1) {
                guard dividend[i + 32] else { continue }
                quotient |= 1 << UInt64(i)
                for b in 0...32 where p & (1 << UInt64(b)) != 0 { dividend[i + b].toggle() }
            }
            return quotient
        }
        func lane(_ v: UInt64) -> UInt64 { v.bitReversed }
        let c = leadq_crc32_folding_constants
        #expect(c.fold512.0 == lane(xPowMod(575)))
        #expect(c.fold512.1 == lane(xPowMod(511)))
        #expect(c.fold128.0 == lane(xPowMod(191)))
        #expect(c.fold128.1 == lane(xPowMod(127)))
        #expect(c.reduce96 == lane(xPowMod(95)))
        #expect(c.reduce64 == lane(xPowMod(63)))
        #expect(c.mu == lane(xPowDiv(64)))
        #expect(c.poly == lane(p))
    }
    #endif
}

extension UInt64 {
    fileprivate var bitReversed: UInt64 {
        var v = self
        var r: UInt64 = 0
        for _ in 0..<64 {
            r = r << 1 | v & 1
            v >>= 1
        }
        return r
    }
}
