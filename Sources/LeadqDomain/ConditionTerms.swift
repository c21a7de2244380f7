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

    public init(_ c: RoutingRule.Condition) {
        (field, scoreAtLeast, scoreBelow) = (c.field, c.scoreAtLeast, c.scoreBelow)
        keys = c.anyOf.map(TextNormal.key)
        phrases = c.anyOf.map(TextNormal.words)
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
        let words = TextNormal.words(value)
        return phrases.contains { TextNormal.containsPhrase(words, $0) }
    }
}
