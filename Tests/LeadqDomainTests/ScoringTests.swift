import Testing
import LeadqDomain

@Suite struct ScoringTests {
    func profile(title: String = "", size: Int? = nil, industry: String = "", signals: [Signal] = [], email: String = "", sourceScore: Int? = nil) -> Profile {
        var p = Profile()
        p.title = title; p.companySize = size; p.industry = industry; p.signals = signals; p.email = email
        p.sourceScore = sourceScore; p.origin = "hubspot"
        return p
    }

    @Test func partsExplainAndAddUpToTheScore() {
        let p = profile(title: "V.P., Sales", size: 250, industry: "software",
                        signals: [Signal("demo-request"), Signal("pricing-page", 4), Signal("email-click", 2)])
        let (score, parts) = Scoring.score(p, rules: ScoringRule.defaults)
        #expect(parts.map(\.label) == ["Senior title", "Company 200+ employees", "Target industry", "Demo request", "Pricing page visits", "Email clicks"])
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
        let (score, parts) = Scoring.score(profile(title: "Intern", email: "x@gmail.com", sourceScore: 65), rules: ScoringRule.defaults)
        #expect(score == 65)
        #expect(parts == [ScorePart("Personal email address", -10), ScorePart("Adjusted to the hubspot score 65", 75)])
    }

    @Test func scoresStayWithin0To100() {
        let (low, lowParts) = Scoring.score(profile(email: "a@gmail.com"), rules: ScoringRule.defaults)
        #expect(low == 0)
        #expect(lowParts.reduce(0) { $0 + $1.points } == 0)
        let many = [ScoringRule(label: "Huge", field: .signal, anyOf: ["x"], points: 90)] + [ScoringRule(label: "Huge 2", field: .signal, anyOf: ["x"], points: 90)]
        #expect(Scoring.score(profile(signals: [Signal("x")]), rules: many).score == 100)
    }
}
