import LeadqDomain
import Testing

/// A condition on a free-text field finds its words in order: ASCII text is searched as its key
/// (no array of words per lead), and finds exactly what the words find.
@Suite struct ConditionPhraseTests {
    static let pieces = [
        "Demo", "demo", "Analytics", "suite", " ", "  ", "-", ".", "'", "C++", "request", "Request a", "DEMO!",
        "é", "Ōsaka", "x", "7", "\t", "e-book", "demos", "re-quest", ",", "ß",
    ]
    static let terms = [
        "demo", "Demo request", "analytics suite", "c", "e book", "é", "request a demo", "", "ōsaka", "7 x", "...",
    ]

    /// What the words say: the term's words in order among the text's.
    static func byWords(_ text: String, _ term: String) -> Bool {
        TextNormal.containsPhrase(TextNormal.words(text), TextNormal.words(term))
    }

    @Test func theKeySearchFindsWhatTheWordsFind() {
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var found = 0
        for _ in 0..<3000 {
            let text = (0..<next(8)).map { _ in ConditionPhraseTests.pieces[next(ConditionPhraseTests.pieces.count)] }
                .joined()
            let term = ConditionPhraseTests.terms[next(ConditionPhraseTests.terms.count)]
            for field in [RoutingRule.Condition.Field.title, .trigger, .content] {
                var p = Profile()
                (p.title, p.trigger, p.content) = (text, text, [text])
                let terms = ConditionTerms(RoutingRule.Condition(field: field, anyOf: [term]))
                let want = ConditionPhraseTests.byWords(text, term)
                #expect(terms.matches(p) == want, "\(field) '\(text)' ~ '\(term)'")
                if want { found += 1 }
            }
        }
        #expect(found > 150, "the texts found their terms often enough to mean something")
    }

    /// A key made by bytes on the stack is the words joined by spaces, short or long, whatever
    /// punctuation it starts, ends or is made of.
    @Test func theKeyIsTheWordsJoined() {
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        let ascii = ConditionPhraseTests.pieces.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        var long = 0
        for _ in 0..<3000 {
            let text = (0..<next(12)).map { _ in ascii[next(ascii.count)] }.joined()
            #expect(TextNormal.key(text) == TextNormal.words(text).joined(separator: " "), "'\(text)'")
            if TextNormal.key(text).utf8.count > 15 { long += 1 }
        }
        #expect(long > 300, "keys longer than a small string's 15 bytes were made too")
        #expect(TextNormal.key("") == "" && TextNormal.key("'.-") == "" && TextNormal.key("-A-") == "a")
    }

    @Test func aPhraseIsFoundOnlyWhole() {
        var p = Profile()
        p.trigger = "Downloaded e-book: Demos and more"
        #expect(!ConditionTerms(RoutingRule.Condition(field: .trigger, anyOf: ["demo"])).matches(p))
        #expect(ConditionTerms(RoutingRule.Condition(field: .trigger, anyOf: ["E Book"])).matches(p))
        #expect(ConditionTerms(RoutingRule.Condition(field: .trigger, anyOf: ["book demos"])).matches(p))
        #expect(!ConditionTerms(RoutingRule.Condition(field: .trigger, anyOf: ["demos book"])).matches(p))
    }
}
