import LeadqCodec
import LeadqDemo
import LeadqDomain
import LeadqTestSupport
import Testing

/// An entry's head (`seq`, `at`, `by`, `op`) is read without naming its keys when it lies as the
/// writer puts it; any other layout of the same members reads the same entry, and a record that
/// lacks one is refused as before.
@Suite struct EntryHeadTests {
    static func read(_ json: String) throws -> Entry {
        try Array(json.utf8).withUnsafeBytes { buf in
            var r = JSONReader(buf)
            let e = try OpCodec.readEntry(&r)
            try r.finish()
            return e
        }
    }

    /// The entry's members as the writer puts them, each `"key":value`: each one's bytes, from its
    /// key to the end of its value (the writer puts no spaces between them).
    static func members(_ e: Entry) throws -> [String] {
        var w = JSONWriter(capacity: 256)
        w.beginObject()
        OpCodec.writeEntryFields(e, &w)
        w.endObject()
        return try w.bytes.withUnsafeBytes { buf in
            var r = JSONReader(buf)
            var (out, start) = ([String](), 1)
            try r.members { r, _ in
                try r.skipValue()
                out.append(String(decoding: buf[start..<r.pos], as: UTF8.self))
                start = r.pos + 1
            }
            return out
        }
    }

    static let entries: [Entry] = {
        let leads = DemoStore(leads: 300, seed: 11, now: Fixture.t0).generate().1
        var seen = Set<String>()
        var out: [Entry] = []
        // Up to two entries of each op the demo writes: one taken while the count so far is even,
        // one while it is odd.
        for lead in leads {
            for e in lead.history where seen.insert(e.op.name + "\(out.count % 2)").inserted { out.append(e) }
        }
        return out
    }()

    @Test func everyLayoutOfAnEntrysMembersReadsTheSameEntry() throws {
        #expect(Set(EntryHeadTests.entries.map(\.op.name)).count >= 8)
        for e in EntryHeadTests.entries {
            let m = try EntryHeadTests.members(e)
            #expect(m.prefix(4).map { $0.prefix(5) } == ["\"seq\"", "\"at\":", "\"by\":", "\"op\":"])
            let (head, rest) = (Array(m.prefix(4)), Array(m.dropFirst(4)))
            let escapedSeq = "\"s\\u0065q\":\(e.seq)"
            let orders: [[String]] = [
                m, m.reversed(), [head[0], head[2], head[1], head[3]] + rest, head.prefix(3) + rest + [head[3]],
                [escapedSeq] + m.dropFirst(), m + ["\"unknown\":{\"a\":[1,2]}"],
            ]
            var layouts = orders.map { "{" + $0.joined(separator: ",") + "}" }
            layouts.append("{ " + m.joined(separator: " , ") + " }")
            for json in layouts {
                #expect(try EntryHeadTests.read(json) == e, "\(json)")
            }
        }
    }

    @Test func aRecordLackingPartOfItsHeadIsRefusedWhereItEnds() throws {
        let cases = [
            "{\"seq\":7,\"at\":\"2026-11-02T09:00:00Z\",\"by\":\"ana\"}",
            "{\"seq\":7,\"at\":\"2026-11-02T09:00:00Z\",\"op\":\"accept\"}",
            "{\"seq\":7}",
            "{\"at\":\"2026-11-02T09:00:00Z\",\"by\":\"ana\",\"op\":\"accept\"}",
        ]
        for json in cases {
            let error = #expect(throws: JSONError.self, "\(json)") { try EntryHeadTests.read(json) }
            #expect(error?.message == "record lacks seq, at, by or op" && error?.offset == json.utf8.count, "\(json)")
        }
        let badSeq = "{\"seq\":\"7\",\"at\":\"2026-11-02T09:00:00Z\",\"by\":\"ana\",\"op\":\"accept\"}"
        #expect(throws: JSONError.self) { try EntryHeadTests.read(badSeq) }
        let unfinished = "{\"seq\":7,\"at\":\"2026-11-02T09:00:00Z\",\"by\":\"ana\",\"op\":\"accept\""
        let error = #expect(throws: JSONError.self) { try EntryHeadTests.read(unfinished) }
        #expect(error?.message == "unexpected end of data in an object" && error?.offset == unfinished.utf8.count)
    }

    /// One reader keeps the month it last read a time in: times in and across months, years and a
    /// leap day, read one after another, are each the time the general parser reads.
    @Test func timesReadInARowEachReadAsThemselves() throws {
        let texts = [
            "2026-11-23T10:02:03Z", "2026-11-30T23:59:59Z", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z",
            "2026-11-23T10:02:03Z", "2024-02-29T12:00:00Z", "2024-03-01T00:00:00Z", "2024-02-01T00:00:00Z",
            "1999-12-31T23:59:59Z", "2000-01-01T00:00:00Z", "2026-01-31T08:00:00Z", "2025-01-31T08:00:00Z",
        ]
        let json = Array(("[" + texts.map { "\"\($0)\"" }.joined(separator: ",") + "]").utf8)
        let read: [Instant] = try json.withUnsafeBytes { b in
            var r = JSONReader(b)
            var out: [Instant] = []
            try r.array { out.append(try $0.instant()) }
            return out
        }
        #expect(read == texts.map { Instant(iso8601: $0)! })
    }
}
