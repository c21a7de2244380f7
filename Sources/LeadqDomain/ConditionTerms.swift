/// A routing or playbook condition with its terms normalised once: matching a lead then normalises
/// only the lead's own field. A queue's status matches every lead against each playbook.
public struct ConditionTerms: Equatable, Sendable {
    public let field: RoutingRule.Condition.Field?
    public let scoreAtLeast: Int?
    public let scoreBelow: Int?
    /// Each term as a comparison key, for the fields compared whole.
    let keys: [String]
    /// Each term as words, for the free-text fields searched for a phrase.
    let phrases: [[String]]
    /// Each term's words as one key with a space either side (" analytics suite "): found in an
    /// ASCII text's key exactly where the words are found in order in its words.
    let spacedPhrases: [[UInt8]]

    public init(_ c: RoutingRule.Condition) {
        (field, scoreAtLeast, scoreBelow) = (c.field, c.scoreAtLeast, c.scoreBelow)
        keys = c.anyOf.map(TextNormal.key)
        phrases = c.anyOf.map(TextNormal.words)
        spacedPhrases = phrases.map { $0.isEmpty ? [] : Array(" \($0.joined(separator: " ")) ".utf8) }
    }

    public func matches(_ p: Profile) -> Bool {
        if let lo = scoreAtLeast, p.score < lo { return false }
        if let hi = scoreBelow, p.score >= hi { return false }
        guard let field else { return true }
        switch field {
        case .country: return equalsAny(p.country)
        case .region: return equalsAny(p.region)
        case .source: return equalsAny(p.source)
        case .industry: return equalsAny(p.industry)
        case .origin: return equalsAny(p.origin)
        // Free text: a term matches when its words appear in order ("analytics" in "Analytics Suite demo").
        case .title: return containsAny(p.title)
        case .trigger: return containsAny(p.trigger)
        case .content: return p.content.contains { containsAny($0) }
        }
    }

    func equalsAny(_ value: String) -> Bool {
        let v = TextNormal.key(value)
        return !v.isEmpty && keys.contains(v)
    }

    func containsAny(_ value: String) -> Bool {
        // ASCII text, nearly all of it, is searched as its key: a report asks of every lead, and
        // an array of its words each time was most of the asking.
        // Its key is made on the stack, a space either side.
        if TextNormal.isASCII(value) {
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: value.utf8.count + 2) { buf in
                buf[0] = UInt8(ascii: " ")
                let n = TextNormal.writeASCIIKey(value, to: UnsafeMutableBufferPointer(rebasing: buf[1...])) + 1
                buf[n] = UInt8(ascii: " ")
                let text = UnsafeBufferPointer(rebasing: buf[...n])
                return spacedPhrases.contains { !$0.isEmpty && ConditionTerms.occurs($0, in: text) }
            }
        }
        let words = TextNormal.words(value)
        return phrases.contains { TextNormal.containsPhrase(words, $0) }
    }

    static func occurs(_ needle: [UInt8], in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard needle.count <= text.count else { return false }
        for i in 0...(text.count - needle.count) {
            var j = 0
            while j < needle.count && text[i + j] == needle[j] { j += 1 }
            if j == needle.count { return true }
        }
        return false
    }
}
