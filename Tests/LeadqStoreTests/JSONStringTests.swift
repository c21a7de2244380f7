import LeadqCodec
import Testing

/// Whatever a quote, backslash or control character's place in a string, it reads back as the
/// writer wrote it, as a `String` and as bytes; a raw control byte is refused where it is.
@Suite struct JSONStringTests {
    /// SplitMix64: the same strings on every run.
    struct Seeded {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
    }

    static let pieces = [
        "a", "Z", "0", " ", "é", "王", "🙂", "\"", "\\", "/", "\n", "\t", "\u{1}", "\u{1F}", "\u{7F}", "ÿ",
    ]

    static func read(_ bytes: [UInt8]) throws -> (String, [UInt8]) {
        try bytes.withUnsafeBytes { b in
            var r1 = JSONReader(b)
            var r2 = JSONReader(b)
            var out: [UInt8] = []
            let s = try r1.string()
            try r2.appendStringBytes(to: &out)
            return (s, out)
        }
    }

    @Test func everyStringReadsBackAsWritten() throws {
        var g = Seeded(state: 5)
        for _ in 0..<4000 {
            let text = (0..<g.next(40)).map { _ in JSONStringTests.pieces[g.next(JSONStringTests.pieces.count)] }
                .joined()
            var w = JSONWriter()
            w.string(text)
            let (s, bytes) = try JSONStringTests.read(w.bytes + Array(",\"next\"".utf8))
            #expect(s == text && bytes == Array(text.utf8))
        }
    }

    @Test func aRawControlByteIsRefusedWhereverItIs() throws {
        for at in 0..<20 {
            for control: UInt8 in [0x00, 0x07, 0x1F] {
                var bytes = Array("\"abcdefghijklmnopqrstuvwxyz\"".utf8)
                bytes[1 + at] = control
                let error = #expect(throws: JSONError.self) { _ = try JSONStringTests.read(bytes) }
                #expect(error?.message == "raw control character in a string" && error?.offset == 1 + at)
            }
        }
    }

    /// The bytes next to the refused ones read as themselves, wherever they fall in an eight-byte step.
    @Test func bytesBesideTheSpecialOnesAreText() throws {
        for at in 0..<20 {
            for byte: UInt8 in [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F] {
                var bytes = Array("\"abcdefghijklmnopqrstuvwxyz\"".utf8)
                bytes[1 + at] = byte
                let (s, read) = try JSONStringTests.read(bytes)
                #expect(read == Array(bytes[1..<27]) && s == String(decoding: bytes[1..<27], as: UTF8.self))
            }
        }
    }

    @Test func aStringWithoutItsClosingQuoteIsRefused() throws {
        for n in 0..<20 {
            let bytes = Array(("\"" + String(repeating: "x", count: n)).utf8)
            #expect(throws: JSONError.self) { _ = try JSONStringTests.read(bytes) }
        }
    }
}
