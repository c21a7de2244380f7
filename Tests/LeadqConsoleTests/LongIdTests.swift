import LeadqConsole
import LeadqDomain
import LeadqUI
import Testing

/// An id is what a rep types to act on a lead from the command line, so the table shows it whole:
/// a million leads' ids are nine columns wide.
@MainActor @Suite struct LongIdTests {
    static func rows(_ s: ConsoleState) -> [String] {
        ConsoleFixture.screen(s).snapshot().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Ana's demo queue with each lead's id made seven digits long.
    static func state(width: Int) -> (ConsoleState, [String]) {
        let (_, leads) = ConsoleFixture.demo.generate()
        var n = 10_000_000
        let long = leads.map { l -> Lead in
            n -= 1
            return Lead(id: "L-\(n)", profile: l.profile, history: l.history)
        }
        let s = ConsoleFixture.state(width: width, leads: long)
        return (s, long.filter { $0.owner == "ana" && $0.stage.isActive }.map(\.id))
    }

    @Test(arguments: [80, 100, 160])
    func aNineColumnIdIsShownWhole(width: Int) {
        let (s, ids) = Self.state(width: width)
        let screen = Self.rows(s).joined(separator: "\n")
        let shown = ids.filter { screen.contains($0 + " ") }
        #expect(shown.count >= 5, "ids shown whole at \(width) columns: \(shown)")
        #expect(!screen.contains("L-9999…"))
    }

    @Test func theAgendaShowsThemWholeToo() {
        var (s, ids) = Self.state(width: 100)
        ConsoleFixture.press(&s, .char("F"))
        #expect(s.page == .agenda)
        let screen = Self.rows(s).joined(separator: "\n")
        #expect(ids.filter { screen.contains($0 + " ") }.count >= 3)
        #expect(!screen.contains("L-9999…"))
    }

    @Test func shortIdsKeepTheirSevenColumns() {
        let s = ConsoleFixture.state(width: 100)
        let header = Self.rows(s).first { $0.contains("SCORE") } ?? ""
        #expect(header.contains("ID      SCORE"))
    }
}
