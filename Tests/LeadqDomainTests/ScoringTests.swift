import LeadqDomain
import Testing

@Suite struct ScoringTests {
    func profile(
        title: String = "", size: Int? = nil, industry: String = "", signals: [Signal] = [], email: String = "",
        sourceScore: Int? = nil
    ) -> Profile {
        var p = Profile()
        p.title = title
        p.companySize = size
        p.industry = industry
        p.signals = signals
        p.email = email
        p.sourceScore = sourceScore
        p.origin = "hubspot"
        return p
    }

    @Test func partsExplainAndAddUpToTheScore() {
        let p = profile(
            title: "V.P., Sales", size: 250, industry: "software",
            signals: [Signal("demo-request"), Signal("pricing-page", 4), Signal("email-click", 2)])
        let (score, parts) = Scoring.score(p, rules: ScoringRule.defaults)
        #expect(
            parts.map(\.label) == [
                "Senior title", "Company 200+ employees", "Target industry", "Demo request", "Pricing page visits",
                "Email clicks",
            ])
        #expect(parts.map(\.points) == [20, 15, 10, 30, 15, 4])
        #expect(score == 94)
        #expect(parts.reduce(0) { $0 + $1.points } == score)
    }

    @Test func titlesCompareCaseAndPunctuationInsensitively() {
        for title in ["VP Sales", "vp sales", "V.P. Sales", "V.P., SALES", "Vice-President Sales"] {
            let (_, parts) = Scoring.score(profile(title: title), rules: ScoringRule.defaults)
            #expect(parts.first?.label == "Senior title", "\(title)")
        }
        #expect(TextNormal.key("  Head of   R&D ") == "head of r d")
        // Whole words only: "Headhunter" is not "head".
        #expect(Scoring.score(profile(title: "Headhunter"), rules: ScoringRule.defaults).parts.isEmpty)
    }

    @Test func theMarketingScoreWinsAndTheDifferenceIsShown() {
        let (score, parts) = Scoring.score(
            profile(title: "Intern", email: "x@gmail.com", sourceScore: 65), rules: ScoringRule.defaults)
        #expect(score == 65)
        #expect(parts == [ScorePart("Personal email address", -10), ScorePart("Adjusted to the hubspot score 65", 75)])
    }

    @Test func scoresStayWithin0To100() {
        let (low, lowParts) = Scoring.score(profile(email: "a@gmail.com"), rules: ScoringRule.defaults)
        #expect(low == 0)
        #expect(lowParts.reduce(0) { $0 + $1.points } == 0)
        let many =
            [ScoringRule(label: "Huge", field: .signal, anyOf: ["x"], points: 90)] + [
                ScoringRule(label: "Huge 2", field: .signal, anyOf: ["x"], points: 90)
            ]
        #expect(Scoring.score(profile(signals: [Signal("x")]), rules: many).score == 100)
    }
}

/// The compiled model scores exactly as the rules read plainly (the reference below normalises every
/// term each time, as Scoring did before the model), over many generated profiles.
@Suite struct ScoringModelTests {
    static func reference(_ p: Profile, _ rules: [ScoringRule]) -> (Int, [ScorePart]) {
        func matchesAny(_ value: String, _ terms: [String]) -> Bool {
            let v = slowKey(value)
            return !v.isEmpty && terms.contains { slowKey($0) == v }
        }
        var parts: [ScorePart] = []
        for r in rules {
            var pts = 0
            switch r.field {
            case .title:
                let words = slowWords(p.title)
                pts = r.anyOf.contains { TextNormal.containsPhrase(words, slowWords($0)) } ? r.points : 0
            case .industry: pts = matchesAny(p.industry, r.anyOf) ? r.points : 0
            case .source: pts = matchesAny(p.source, r.anyOf) ? r.points : 0
            case .country: pts = matchesAny(p.country, r.anyOf) ? r.points : 0
            case .emailDomain:
                if let at = p.email.lastIndex(of: "@") {
                    pts = matchesAny(String(p.email[p.email.index(after: at)...]), r.anyOf) ? r.points : 0
                }
            case .companySize:
                if let n = p.companySize, r.atLeast.map({ n >= $0 }) ?? true, r.below.map({ n < $0 }) ?? true {
                    pts = r.points
                }
            case .signal:
                let n = p.signals.filter { s in r.anyOf.contains { slowKey($0) == slowKey(s.name) } }.reduce(0) {
                    $0 + max(0, $1.count)
                }
                if n > 0 {
                    let raw = r.perCount ? r.points * n : r.points
                    pts = r.maxPoints.map { cap in r.points >= 0 ? min(raw, cap) : max(raw, -cap) } ?? raw
                }
            }
            if pts != 0 { parts.append(ScorePart(r.label, pts)) }
        }
        let total = parts.reduce(0) { $0 + $1.points }
        if let given = p.sourceScore {
            let c = max(0, min(100, given))
            if c != total {
                parts.append(
                    ScorePart("Adjusted to the \(p.origin.isEmpty ? "source" : p.origin) score \(c)", c - total))
            }
            return (c, parts)
        }
        let t = max(0, min(100, total))
        if t != total { parts.append(ScorePart("Kept within 0-100", t - total)) }
        return (t, parts)
    }

    /// TextNormal.words by Characters only (no ASCII fast path).
    static func slowWords(_ s: String) -> [String] {
        var out: [String] = []
        var cur = ""
        for ch in s.lowercased() {
            if ch == "." || ch == "'" || ch == "’" { continue }
            if ch.isLetter || ch.isNumber {
                cur.append(ch)
            } else if !cur.isEmpty {
                out.append(cur)
                cur = ""
            }
        }
        if !cur.isEmpty { out.append(cur) }
        return out
    }
    static func slowKey(_ s: String) -> String { slowWords(s).joined(separator: " ") }

    @Test func theModelAgreesWithThePlainReadingOfTheRules() {
        var rng = SystemRandomNumberGenerator()
        let titles = [
            "V.P., Sales", "Head of R&D", "headhunter", "CEO", "Vice President", "Lead Dev", "Directeur Général", "部長",
            "O'Neil Manager", "Senior  Principal\tEngineer", "", "Chief-of-Staff",
        ]
        let industries = ["Software", "software ", "Financial-Services", "Retail", "", "Health care", "LOGISTICS"]
        let emails = ["a@gmail.com", "b@GMAIL.com", "c@acme.example", "nodomain", "", "x@yahoo.com."]
        let signals = [
            [], [Signal("demo-request")], [Signal("Pricing Page", 5), Signal("email-click", 9)],
            [Signal("webinar", -2)],
        ]
        let rules =
            ScoringRule.defaults + [
                ScoringRule(label: "DE", field: .country, anyOf: ["de", "Germany"], points: 3),
                ScoringRule(label: "Paid", field: .source, anyOf: ["paid search"], points: -4),
            ]
        for _ in 0..<2000 {
            var p = Profile()
            p.title = titles.randomElement(using: &rng)!
            p.industry = industries.randomElement(using: &rng)!
            p.email = emails.randomElement(using: &rng)!
            p.signals = signals.randomElement(using: &rng)!
            p.companySize = [nil, 10, 50, 199, 200, 5000].randomElement(using: &rng)!
            p.country = ["DE", "germany", "France", ""].randomElement(using: &rng)!
            p.source = ["Paid Search", "paid-search", "web"].randomElement(using: &rng)!
            p.sourceScore = [nil, nil, 140, -5, 50].randomElement(using: &rng)!
            p.origin = ["", "hubspot"].randomElement(using: &rng)!
            let got = Scoring.score(p, rules: rules)
            let want = Self.reference(p, rules)
            #expect(got.score == want.0 && got.parts == want.1, "\(p.title) / \(p.industry) / \(p.email)")
            #expect(TextNormal.words(p.title) == Self.slowWords(p.title))
        }
    }
}

@Suite struct ScoringLimitsTests {
    @Test func absurdSignalCountsSaturateInsteadOfTrapping() {
        var p = Profile()
        p.signals = [Signal("email-click", Int.max), Signal("email-click", Int.max), Signal("pricing-page", Int.max)]
        let rules = [
            ScoringRule(
                label: "Clicks", field: .signal, anyOf: ["email-click", "pricing-page"], points: 1_000_000,
                perCount: true)
        ]
        let (score, parts) = Scoring.score(p, rules: rules)
        #expect(score == 100)
        #expect(parts.first?.points == Int.max)
    }
}
