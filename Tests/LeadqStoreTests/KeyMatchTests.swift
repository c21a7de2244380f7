import LeadqCodec
import LeadqDemo
import LeadqDomain
import LeadqTestSupport
import Testing

/// Keys (and op names) matched as bytes: a key written with an escape matches its name, and a
/// value skipped unread is still checked.
@Suite struct KeyMatchTests {
    static func decode(_ text: String) throws -> Lead {
        try LeadCodec.decode(Array(text.utf8))
    }

    /// No writer of leadq's escapes a key, but JSON allows it.
    @Test func keysAndOpNamesWithEscapesMatchTheirNames() throws {
        let leads = DemoStore(leads: 60, seed: 11, now: Fixture.t0).generate().1
        for lead in leads {
            var text = String(decoding: LeadCodec.encode(lead), as: UTF8.self)
            text = text.replacingOccurrences(of: "\"history\":", with: "\"hist\\u006fry\":")
            text = text.replacingOccurrences(of: "\"name\":", with: "\"n\\u0061me\":")
            text = text.replacingOccurrences(of: "\"seq\":", with: "\"s\\u0065q\":")
            text = text.replacingOccurrences(of: "\"op\":\"assign\"", with: "\"op\":\"as\\u0073ign\"")
            #expect(try KeyMatchTests.decode(text) == lead)
        }
    }

    /// Members this version doesn't know are skipped, nested or not; their syntax still counts.
    @Test func unknownMembersAreSkippedAndChecked() throws {
        let lead = DemoStore(leads: 5, seed: 2, now: Fixture.t0).generate().1[1]
        let text = String(decoding: LeadCodec.encode(lead), as: UTF8.self)
        let more = text.replacingOccurrences(
            of: "\"profile\":{", with: "\"later\":{\"a\\\"b\":[1,\"x\\u00e9\",{\"c\":null}]},\"profile\":{\"z\":\"q\",")
        #expect(try KeyMatchTests.decode(more) == lead)
        for bad in ["\"x\\qy\"", "\"x\u{07}y\"", "[1 2]", "{\"a\" 1}"] {
            let damaged = text.replacingOccurrences(of: "\"profile\":{", with: "\"later\":\(bad),\"profile\":{")
            #expect(throws: JSONError.self) { _ = try KeyMatchTests.decode(damaged) }
        }
    }
}
