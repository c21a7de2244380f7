import LeadqCodec
import LeadqStore
import Testing

/// JSON has no hex, units or trailing letters: such a token is named whole, never read as its first digits.
@Suite struct JSONNumberTests {
    func int(_ text: String) throws -> Int64 {
        try Array(text.utf8).withUnsafeBytes { b in
            var r = JSONReader(b)
            return try r.int()
        }
    }

    @Test func numbersEndWhereJSONSaysTheyDo() throws {
        for (text, v) in [("18", 18), ("-7 ", -7), ("0,", 0), ("42}", 42), ("5]", 5), ("9\n", 9), ("3\t", 3)]
            as [(String, Int64)]
        {
            #expect(try int(text) == v)
        }
    }

    @Test(arguments: [("0x18", "0x18"), ("-0x18,", "-0x18"), ("24h}", "24h"), ("1_000", "1_000"), ("12\"", "12\"")])
    func aNumberThatGoesOnIsNamedWhole(_ text: String, _ token: String) {
        let error = #expect(throws: JSONError.self) { try int(text) }
        #expect(error?.message == "expected a number, found '\(token)'")
        #expect(error?.offset == 0)
    }
}
