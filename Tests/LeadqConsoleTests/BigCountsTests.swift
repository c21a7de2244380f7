import LeadqConsole
import LeadqFormat
import LeadqUI
import Testing

/// The team column at a million leads: each figure in its four columns, said short rather than cut.
@MainActor @Suite struct BigCountsTests {
    @Test func aCountIsSaidInFourColumnsAtMost() {
        let said = [0, 7, 9_999, 10_000, 59_999, 592_185, 999_999, 1_000_000, 1_250_000, 9_999_999, 12_000_000]
            .map(shortCount)
        #expect(said == ["0", "7", "9999", "10k", "59k", "592k", "999k", "1.0M", "1.2M", "9.9M", "12M"])
        #expect(said.allSatisfy { $0.count <= 4 })
    }

    @Test func theTeamColumnShowsBigCountsShortAndTheNamesStay() {
        var s = ManagerAndStatsTests.managerState()
        s.counts.inQueue = 592_185
        s.counts.breaches = 263_410
        s.counts.pool = 407_815
        let rep = "ana"
        #expect(s.teamCounts[rep] != nil)
        s.teamCounts[rep]?.inQueue = 3_945
        s.teamCounts[rep]?.breaches = 1_702
        let rows = ConsoleFixture.screen(s).snapshot().split(separator: "\n").map { String($0.prefix(26)) }
        #expect(rows.contains("│All queues    592k !263k│"))
        #expect(rows.contains { $0.hasPrefix("│\(rep)") && $0.hasSuffix("3945 !1702│") })
        #expect(rows.contains("│Unassigned po… 407k     │"))
        s.counts.pool = 42
        let few = ConsoleFixture.screen(s).snapshot().split(separator: "\n").map { String($0.prefix(26)) }
        #expect(few.contains("│Unassigned pool  42     │"))
    }
}
