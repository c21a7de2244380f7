import LeadqDomain
import LeadqText
import Testing

/// A lead's search text is folded field by field; it must be the bytes of folding the fields
/// joined, which is how it was first made and what stores already hold in their briefs.
@Suite struct SearchTextTests {
    static let pieces = [
        "Grace Müller", "ΟΔΟΣ", "Σ", "ΣA", "İstanbul", "Łódź", "STRASSE", "Straße", "e\u{301}cole", "Ǆemal",
        "ana@example.com", "ANA@EXAMPLE.COM", "web", "", " ", "Zoë O'Neil", "東京", "ﬁnance", "ΑΣ Ω", "x\u{1}y",
    ]

    @Test func fieldByFieldIsTheFoldOfTheJoinedFields() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            func any() -> String {
                (0..<Int.random(in: 0...3, using: &rng)).map { _ in Self.pieces.randomElement(using: &rng)! }
                    .joined(separator: Bool.random(using: &rng) ? " " : "")
            }
            var profile = Profile()
            (profile.name, profile.company, profile.email, profile.source, profile.phone) =
                (any(), any(), any(), any(), "+49 30 1234")
            let lead = Lead(id: "L-00042", profile: profile, history: [])
            let joined = [profile.name, profile.company, profile.email, profile.source, lead.id]
                .joined(separator: "\u{1}")
            #expect(LeadBrief.searchText(lead) == Fold.bytes(joined) + [1] + Fold.digits(profile.phone), "\(joined)")
        }
    }
}
