import Testing
import LeadqDomain
@testable import LeadqStore
import LeadqDemo
import LeadqTestSupport

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
        let ops: [Op] = [.created, .updated(fields: ["email", "title"]), .assign(to: "ana", rule: "hot-emea"), .assign(to: "ben", rule: nil), .accept,
                         .reject(reason: "other", note: "ja \"quoted\"\nnext"), .contact(Contact(channel: .sms, outcome: .bounced, direction: .inbound, note: "✓", followUpDue: Fixture.t0)),
                         .scheduleFollowUp(due: Fixture.t0, what: "Call", replaces: 7), .completeFollowUp(id: 9, note: ""), .dropFollowUp(id: 3),
                         .qualify(note: "x"), .clawback(reason: "stale", note: "idle", policy: true), .release(note: ""), .undo(target: 12)]
        for (i, op) in ops.enumerated() {
            let e = Event(lead: "L-00042", entry: Entry(seq: Int64(i + 1), at: Fixture.t0 + Int64(i), by: "dana", op: op),
                          profile: i < 2 ? Fixture.profile() : nil)
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
            try Array(s.utf8).withUnsafeBytes { b in var r = JSONReader(b); return try r.string() }
        }
        #expect(try str(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#) == "a\"b\\c/d\n\té😀")
        for bad in [#""abc"#, #""\x""#, #""\ud83d""#, "\"a\u{01}b\"", #""\u12""#] {
            #expect(throws: JSONError.self) { try str(bad) }
        }
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONError.self) {
            try Array(deep.utf8).withUnsafeBytes { b in var r = JSONReader(b); try r.skipValue() }
        }
        #expect(throws: JSONError.self) {
            try Array("99999999999999999999".utf8).withUnsafeBytes { b in var r = JSONReader(b); _ = try r.int() }
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
            _ = bytes.withUnsafeBytes { b -> Bool in var r = JSONReader(b); return (try? EventCodec.decode(&r)) != nil }
            _ = try? SettingsCodec.decode(bytes, file: "x")
        }
    }
}
