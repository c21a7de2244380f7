import LeadqCodec
import LeadqDemo
import LeadqDomain
import LeadqStore
import LeadqTestSupport
import Testing

@testable import LeadqFileStore

@Suite struct CodecTests {
    @Test func leadsRoundTripThroughTheirLine() throws {
        let (_, leads) = DemoStore(leads: 200, seed: 3, now: Fixture.t0).generate()
        for lead in leads {
            let bytes = LeadCodec.encode(lead)
            #expect(!bytes.contains(0x0A))
            #expect(try LeadCodec.decode(bytes) == lead)
        }
    }

    @Test func eventsRoundTrip() throws {
        let changes = [
            FieldChange(.email, old: .text(""), new: .text("ana@x.example")),
            FieldChange(.companySize, old: .number(nil), new: .number(250)),
            FieldChange(.score, old: .number(0), new: .number(85)),
            FieldChange(.content, old: .texts(["a"]), new: .texts([])),
            FieldChange(.signals, old: .signals([]), new: .signals([Signal("demo-request", 2)])),
            FieldChange(.scoreParts, old: .parts([ScorePart("Given", 60)]), new: .parts([])),
            FieldChange(.doNotContact, old: .flag(false), new: .flag(true)),
            FieldChange(.extra, old: .attributes([Attribute("City", "Ōsaka\u{1B}[2J")]), new: .attributes([])),
            FieldChange(.createdAt, old: .time(Fixture.t0), new: .time(Fixture.t0 + 60)),
        ]
        let ops: [Op] = [
            .created, .updated(fields: ["email", "title"], changes: nil), .update(changes),
            .assign(to: "ana", rule: "hot-emea"), .assign(to: "ben", rule: nil), .accept,
            .reject(reason: "other", note: "ja \"quoted\"\nnext"),
            .contact(
                Contact(channel: .sms, outcome: .bounced, direction: .inbound, note: "✓", followUpDue: Fixture.t0)),
            .scheduleFollowUp(due: Fixture.t0, what: "Call", replaces: 7), .completeFollowUp(id: 9, note: ""),
            .dropFollowUp(id: 3),
            .qualify(note: "x"), .clawback(reason: "stale", note: "idle", policy: true), .nurture(rule: "low-score"),
            .release(note: ""), .undo(target: 12), .note("CFO is Jo\nprefers mornings ✓"),
        ]
        for (i, op) in ops.enumerated() {
            let e = Event(
                lead: "L-00042", entry: Entry(seq: Int64(i + 1), at: Fixture.t0 + Int64(i), by: "dana", op: op),
                profile: i < 3 ? Fixture.profile() : nil)
            let bytes = EventCodec.encode(e, batchEnd: i == 3 ? 9 : nil)
            let decoded = try bytes.withUnsafeBytes { buf in
                var r = JSONReader(buf)
                return try EventCodec.decode(&r)
            }
            #expect(decoded.event == e)
            #expect(decoded.batchEnd == (i == 3 ? 9 : nil))
        }
    }

    @Test func readerHandlesEscapesAndRejectsBadInput() throws {
        func str(_ s: String) throws -> String {
            try Array(s.utf8).withUnsafeBytes { b in
                var r = JSONReader(b)
                return try r.string()
            }
        }
        #expect(try str(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#) == "a\"b\\c/d\n\té😀")
        for bad in [#""abc"#, #""\x""#, #""\ud83d""#, "\"a\u{01}b\"", #""\u12""#] {
            #expect(throws: JSONError.self) { try str(bad) }
        }
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONError.self) {
            try Array(deep.utf8).withUnsafeBytes { b in
                var r = JSONReader(b)
                try r.skipValue()
            }
        }
        #expect(throws: JSONError.self) {
            try Array("99999999999999999999".utf8).withUnsafeBytes { b in
                var r = JSONReader(b)
                _ = try r.int()
            }
        }
    }

    @Test func randomBytesNeverCrashTheLineDecoders() {
        var rng = SplitMix(seed: 99)
        let sample = LeadCodec.encode(LeadScript().assign("ana").lead)
        for _ in 0..<3000 {
            var bytes = sample
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[i] = UInt8.random(in: 0...255, using: &rng)
                case 1: bytes.remove(at: i)
                default: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: i)
                }
            }
            _ = try? LeadCodec.decode(bytes)
            _ = bytes.withUnsafeBytes { b -> Bool in
                var r = JSONReader(b)
                return (try? EventCodec.decode(&r)) != nil
            }
            _ = try? SettingsCodec.decode(bytes, file: "x")
        }
    }
}

@Suite struct ChecksumAndTimeTests {
    @Test func crc32MatchesTheStandardCheckValues() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
        // Every length around the 8-byte stride agrees with a byte-at-a-time reference.
        var bytes: [UInt8] = []
        for n in 0..<40 {
            var c: UInt32 = 0xFFFF_FFFF
            for b in bytes {
                c ^= UInt32(b)
                for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            }
            #expect(CRC32.checksum(bytes) == c ^ 0xFFFF_FFFF, "length \(n)")
            bytes.append(UInt8(truncatingIfNeeded: n &* 37 &+ 11))
        }
    }

    @Test func timesReadFastAndSlowAgree() throws {
        for text in [
            "2026-11-23T10:02:03Z", "1999-12-31T23:59:59Z", "2026-11-23T10:02:03.5Z", "2026-11-23 10:02",
            "2026-11-23T10:02:03+01:00",
        ] {
            let quoted = Array("\"\(text)\"".utf8)
            let t = try quoted.withUnsafeBytes { b in
                var r = JSONReader(b)
                return try r.instant()
            }
            #expect(t == Instant(iso8601: text))
        }
        #expect(throws: JSONError.self) {
            try Array("\"2026-13-23T10:02:03Z\"".utf8).withUnsafeBytes { b in
                var r = JSONReader(b)
                _ = try r.instant()
            }
        }
    }
}
