import LeadqCodec
import LeadqDomain
import Testing

/// Stages, channels, outcomes and directions are matched as bytes where they lie in the line: each
/// name reads as its case, and any other name is refused with its text.
@Suite struct EntryNamesTests {
    static func entry(_ json: String) throws -> Entry {
        let bytes = Array(json.utf8)
        return try bytes.withUnsafeBytes { buf in
            var r = JSONReader(buf)
            let e = try OpCodec.readEntry(&r)
            try r.finish()
            return e
        }
    }

    static func contact(_ members: String) -> String {
        "{\"seq\":3,\"at\":\"2026-11-02T09:00:00Z\",\"by\":\"ana\",\"op\":\"contact\",\(members)}"
    }

    @Test func everyChannelOutcomeAndDirectionReadsAsItself() throws {
        for ch in Channel.allCases {
            for out in Outcome.allCases {
                for dir in Direction.allCases {
                    let json = EntryNamesTests.contact(
                        "\"channel\":\"\(ch.rawValue)\",\"outcome\":\"\(out.rawValue)\",\"direction\":\"\(dir.rawValue)\""
                    )
                    guard case .contact(let c) = try EntryNamesTests.entry(json).op else {
                        Issue.record("not a contact: \(json)")
                        continue
                    }
                    #expect(c.channel == ch && c.outcome == out && c.direction == dir, "\(json)")
                }
            }
        }
    }

    @Test func aContactWithoutADirectionOrAnEmptyOneIsOutbound() throws {
        for extra in ["", ",\"direction\":\"\""] {
            let json = EntryNamesTests.contact("\"channel\":\"sms\",\"outcome\":\"replied\"\(extra)")
            guard case .contact(let c) = try EntryNamesTests.entry(json).op else {
                Issue.record("not a contact")
                return
            }
            #expect(c.direction == .outbound)
        }
    }

    /// Names with an escape (no writer of leadq's makes one) still match; near misses don't.
    @Test func escapedNamesMatchAndNearMissesAreRefusedByName() throws {
        let escaped = EntryNamesTests.contact("\"channel\":\"\\u0063all\",\"outcome\":\"no\\u002danswer\"")
        guard case .contact(let c) = try EntryNamesTests.entry(escaped).op else {
            Issue.record("not a contact")
            return
        }
        #expect(c.channel == .call && c.outcome == .noAnswer)
        let refusals = [
            ("\"channel\":\"cal\",\"outcome\":\"replied\"", "unknown channel 'cal'"),
            ("\"channel\":\"calls\",\"outcome\":\"replied\"", "unknown channel 'calls'"),
            ("\"channel\":\"Call\",\"outcome\":\"replied\"", "unknown channel 'Call'"),
            ("\"outcome\":\"replied\"", "unknown channel ''"),
            ("\"channel\":\"sms\",\"outcome\":\"no_answer\"", "unknown outcome 'no_answer'"),
            ("\"channel\":\"sms\",\"outcome\":\"replied\",\"direction\":\"in\"", "unknown direction 'in'"),
        ]
        for (members, message) in refusals {
            #expect {
                _ = try EntryNamesTests.entry(EntryNamesTests.contact(members))
            } throws: { error in
                "\(error)".contains(message)
            }
        }
    }

    @Test func everyStageReadsAsItselfAndAnUnknownOneIsNamed() throws {
        func stage(_ json: String) throws -> Stage {
            let bytes = Array(json.utf8)
            return try bytes.withUnsafeBytes { buf in
                var r = JSONReader(buf)
                return try LeadCodec.readStage(&r)
            }
        }
        for s in Stage.allCases { #expect(try stage("\"\(s.rawValue)\"") == s) }
        #expect {
            _ = try stage("\"wonn\"")
        } throws: { error in
            "\(error)".contains("unknown stage 'wonn'")
        }
        #expect(throws: JSONError.self) { _ = try stage("7") }
    }
}
