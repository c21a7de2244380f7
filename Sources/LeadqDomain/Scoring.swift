/// One part of a score, shown to the rep so the number is never a black box.
public struct ScorePart: Equatable, Sendable {
    public var label: String
    public var points: Int
    public init(_ label: String, _ points: Int) { (self.label, self.points) = (label, points) }
}

/// A behaviour signal from marketing: a page visited, a form sent, counted.
public struct Signal: Equatable, Sendable {
    public var name: String
    public var count: Int
    public init(_ name: String, _ count: Int = 1) { (self.name, self.count) = (name, count) }
}

/// A transparent scoring rule: explicit fit (title, size, industry) or implicit behaviour (signals).
public struct ScoringRule: Equatable, Sendable {
    public enum Field: String, CaseIterable, Sendable {
        case title, industry, companySize, signal, source, country, emailDomain
    }
    public var label: String
    public var field: Field
    /// Terms to match (title words, industry names, signal names…); ignored for companySize.
    public var anyOf: [String]
    /// Inclusive lower and exclusive upper bound for companySize.
    public var atLeast: Int?
    public var below: Int?
    public var points: Int
    /// For signals: points for each occurrence, up to `maxPoints`.
    public var perCount: Bool
    public var maxPoints: Int?

    public init(label: String, field: Field, anyOf: [String] = [], atLeast: Int? = nil, below: Int? = nil,
                points: Int, perCount: Bool = false, maxPoints: Int? = nil) {
        self.label = label; self.field = field; self.anyOf = anyOf; self.atLeast = atLeast
        self.below = below; self.points = points; self.perCount = perCount; self.maxPoints = maxPoints
    }

    public static let defaults: [ScoringRule] = [
        ScoringRule(label: "Senior title", field: .title,
                    anyOf: ["chief", "ceo", "cto", "cfo", "cio", "coo", "vp", "vice president", "head", "director", "founder", "owner"],
                    points: 20),
        ScoringRule(label: "Manager title", field: .title, anyOf: ["manager", "lead", "principal"], points: 10),
        ScoringRule(label: "Company 200+ employees", field: .companySize, atLeast: 200, points: 15),
        ScoringRule(label: "Company 50-199 employees", field: .companySize, atLeast: 50, below: 200, points: 8),
        ScoringRule(label: "Target industry", field: .industry,
                    anyOf: ["software", "financial services", "healthcare", "manufacturing", "logistics"], points: 10),
        ScoringRule(label: "Demo request", field: .signal, anyOf: ["demo-request"], points: 30),
        ScoringRule(label: "Pricing page visits", field: .signal, anyOf: ["pricing-page"], points: 5, perCount: true, maxPoints: 15),
        ScoringRule(label: "Webinar attended", field: .signal, anyOf: ["webinar"], points: 10),
        ScoringRule(label: "Email clicks", field: .signal, anyOf: ["email-click"], points: 2, perCount: true, maxPoints: 10),
        ScoringRule(label: "Personal email address", field: .emailDomain,
                    anyOf: ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "aol.com", "icloud.com"], points: -10),
    ]
}

public enum Scoring {
    /// Scores a profile by the rules. When the marketing system sent its own score, that score wins and the
    /// difference to the rules is shown as its own part, so the parts always add up to the score.
    public static func score(_ p: Profile, rules: [ScoringRule]) -> (score: Int, parts: [ScorePart]) {
        var parts: [ScorePart] = []
        for rule in rules {
            let pts = points(rule, p)
            if pts != 0 { parts.append(ScorePart(rule.label, pts)) }
        }
        let ruleTotal = parts.reduce(0) { $0 + $1.points }
        if let given = p.sourceScore {
            let clamped = max(0, min(100, given))
            if clamped != ruleTotal {
                let from = p.origin.isEmpty ? "source" : p.origin
                parts.append(ScorePart("Adjusted to the \(from) score \(clamped)", clamped - ruleTotal))
            }
            return (clamped, parts)
        }
        let total = max(0, min(100, ruleTotal))
        if total != ruleTotal { parts.append(ScorePart("Kept within 0-100", total - ruleTotal)) }
        return (total, parts)
    }

    static func points(_ r: ScoringRule, _ p: Profile) -> Int {
        switch r.field {
        case .title:
            let words = TextNormal.words(p.title)
            return r.anyOf.contains { TextNormal.containsPhrase(words, TextNormal.words($0)) } ? r.points : 0
        case .industry:
            return matchesAny(p.industry, r.anyOf) ? r.points : 0
        case .source:
            return matchesAny(p.source, r.anyOf) ? r.points : 0
        case .country:
            return matchesAny(p.country, r.anyOf) ? r.points : 0
        case .emailDomain:
            guard let at = p.email.lastIndex(of: "@") else { return 0 }
            return matchesAny(String(p.email[p.email.index(after: at)...]), r.anyOf) ? r.points : 0
        case .companySize:
            guard let n = p.companySize else { return 0 }
            if let lo = r.atLeast, n < lo { return 0 }
            if let hi = r.below, n >= hi { return 0 }
            return r.points
        case .signal:
            let n = p.signals.filter { s in r.anyOf.contains { TextNormal.key($0) == TextNormal.key(s.name) } }
                .reduce(0) { $0 + max(0, $1.count) }
            guard n > 0 else { return 0 }
            let raw = r.perCount ? r.points * n : r.points
            if let cap = r.maxPoints { return r.points >= 0 ? min(raw, cap) : max(raw, -cap) }
            return raw
        }
    }

    static func matchesAny(_ value: String, _ terms: [String]) -> Bool {
        let v = TextNormal.key(value)
        return !v.isEmpty && terms.contains { TextNormal.key($0) == v }
    }
}

/// Case- and punctuation-insensitive comparison of free text such as job titles.
public enum TextNormal {
    /// Lowercased words; dots vanish ("V.P." is "vp"), other punctuation splits words.
    public static func words(_ s: String) -> [String] {
        var out: [String] = []
        var cur = ""
        for ch in s.lowercased() {
            if ch == "." || ch == "'" || ch == "’" { continue }
            if ch.isLetter || ch.isNumber {
                cur.append(ch)
            } else if !cur.isEmpty {
                out.append(cur); cur = ""
            }
        }
        if !cur.isEmpty { out.append(cur) }
        return out
    }

    /// A comparison key: the words joined by single spaces.
    public static func key(_ s: String) -> String { words(s).joined(separator: " ") }

    public static func containsPhrase(_ words: [String], _ phrase: [String]) -> Bool {
        guard !phrase.isEmpty, phrase.count <= words.count else { return false }
        for i in 0...(words.count - phrase.count) where Array(words[i..<i + phrase.count]) == phrase {
            return true
        }
        return false
    }
}
