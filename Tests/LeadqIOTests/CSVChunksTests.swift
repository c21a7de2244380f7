import Foundation
import Testing

@testable import LeadqIO

/// A big file read a chunk at a time gives the records the whole-file reader (the CSV package)
/// gives: the same fields, lines and quoting, whether leadq's field reader or the package read them.
@Suite struct CSVChunksTests {
    /// Every record of `bytes` through `CSVChunks`, in chunks of `size` spans.
    static func chunked(_ bytes: [UInt8], size: Int) throws -> (header: [String], records: [CSVRecord]) {
        let source = try CSVChunks(bytes, file: "t.csv")
        var out: [CSVRecord] = []
        for range in source.chunks(of: size) { out += try source.records(range) }
        return (source.header, out)
    }

    static func expectSameAsWholeFile(_ text: String, size: Int = 3) throws {
        let bytes = Array(text.utf8)
        let whole = try? CSVRecords.read(bytes, file: "t.csv")
        let chunked = try? Self.chunked(bytes, size: size)
        #expect(chunked?.header == whole?.header, "\(text.debugDescription)")
        #expect(chunked?.records == whole?.records, "\(text.debugDescription)")
    }

    /// Every record of `bytes` written to a file and read by offset, scanned `block` bytes at a time.
    static func fromFile(_ bytes: [UInt8], block: Int, size: Int) throws -> (header: [String], records: [CSVRecord]) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chunks-\(UUID().uuidString).csv").path
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let source = try CSVChunks(reading: try #require(FileBytes(path: path)), file: "t.csv", block: block)
        var out: [CSVRecord] = []
        for range in source.chunks(of: size) { out += try source.records(range) }
        return (source.header, out)
    }

    static func expectSameFromFile(_ bytes: [UInt8], block: Int, size: Int = 3) throws {
        let whole = Result { try CSVRecords.read(bytes, file: "t.csv") }
        let read = Result { try Self.fromFile(bytes, block: block, size: size) }
        let text = String(decoding: bytes, as: UTF8.self).debugDescription
        switch (whole, read) {
        case (.success(let w), .success(let r)):
            #expect(r.header == w.header, "\(text), block \(block)")
            #expect(r.records == w.records, "\(text), block \(block)")
        case (.failure(let w), .failure(let r)):
            #expect("\(r)" == "\(w)", "\(text), block \(block)")
        default:
            Issue.record("\(text), block \(block): \(whole) vs \(read)")
        }
    }

    /// Blocks cut records anywhere: in a quoted line break, between CR and LF, inside a doubled
    /// quote or a multi-byte character; the records are those of the whole file, and so are the
    /// refusals (a bad byte's line, an empty file).
    @Test func aFileReadByOffsetInBlocksReadsAsTheWholeFile() throws {
        let text =
            "id,name,note\r\n1,\"Müller, Grace\",\"said \"\"hi\"\"\r\nand left\"\r\n2,王伟,\n\n3,\"a\nb\nc\",x\r4,last,\n"
            + "5,\"\",\"\"\"\"\n6,,\r\n7,x\"y,\"z\"\r\n,,\n8,\"end\""
        for block in [1, 2, 3, 5, 8, 13, 64, 1 << 20] {
            try Self.expectSameFromFile(Array(text.utf8), block: block)
            try Self.expectSameFromFile(TextFile.bom + Array(text.utf8), block: block)
            try Self.expectSameFromFile(
                Array("a,b\n1,2\n3,\"x\n".utf8) + [0xC3, 0x28] + Array("\"\n4,5\n".utf8), block: block)
            try Self.expectSameFromFile(Array("\n\r\n".utf8), block: block)
        }
        try Self.expectSameFromFile([], block: 4)
        var g = Self.Seeded(state: 0xF11E)
        for _ in 0..<300 {
            let text = Self.randomText(&g, pieces: 60)
            try Self.expectSameFromFile(Array(text.utf8), block: 1 + g.next(24), size: 1 + g.next(4))
        }
    }

    @Test func quotedFieldsDoubledQuotesLineBreaksAndEmptyFields() throws {
        try Self.expectSameAsWholeFile(
            "id,name,note\r\n1,\"Müller, Grace\",\"said \"\"hi\"\"\r\nand left\"\r\n2,王伟,\n\n3,\"a\nb\nc\",x\r4,last,\n"
                + "5,\"\",\"\"\"\"\n6,,\r\n7,x\"y,\"z\"\r\n,,\n8,\"end\"")
        try Self.expectSameAsWholeFile("a,b\n1,2,")
        try Self.expectSameAsWholeFile("a,b\n1,\"2\"\r")
    }

    @Test func recordsWithBrokenQuotingReadAsThePackageReadsThem() throws {
        try Self.expectSameAsWholeFile("a,b\n1,\"Acme \"Pro\" bundle\"\n2,ok\n3,\"fine \"\"quoted\"\"\"\n")
        try Self.expectSameAsWholeFile("a,b\n1,x\n2,\"never closed\n3,y\n")
        let fields = try Self.chunked(Array("a,b\n1,\"Acme \"Pro\" bundle\"\n".utf8), size: 2).records[0].fields
        #expect(fields == ["1", "Acme \"ro\"bundle"])
    }

    /// Texts made of the pieces CSV is made of, in random order: every way quotes, commas and line
    /// breaks can meet, good and broken.
    @Test func randomTextsReadAsTheWholeFileReaderReadsThem() throws {
        var g = Self.Seeded(state: 0x5EED)
        for _ in 0..<2_000 {
            try Self.expectSameAsWholeFile(Self.randomText(&g, pieces: 40), size: 1 + g.next(4))
        }
    }

    /// The same draws on every run.
    struct Seeded {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
    }

    /// A header, then up to `pieces` of what CSV is made of, in random order.
    static func randomText(_ g: inout Seeded, pieces: Int) -> String {
        let all = ["a", "bc", "é", "王伟", " ", ",", ",", "\"", "\"\"", "\",", ",\"", "\r\n", "\n", "\r", "\"\r\n"]
        var text = "h1,h2,h3\n"
        for _ in 0..<(1 + g.next(pieces)) { text += all[g.next(all.count)] }
        return text
    }
}
