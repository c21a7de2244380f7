import LeadqConsole
import LeadqDomain
import LeadqTestSupport
import LeadqUI
import Testing

/// The detail pane's history says what an import changed, from what to what, as inert text.
@MainActor @Suite struct UpdateDetailTests {
    @Test func anUpdateShowsItsChangesWithoutRawControlBytes() {
        let worked = LeadScript("L-00001", at: ConsoleFixture.now - 3_600).assign("ana").accept(by: "ana")
        var next = worked.lead.profile
        next.score = 85
        next.email = "evil\u{1B}[2J@x.example"
        let lead = worked.after(60).update(to: next).lead
        var s = ConsoleFixture.state(width: 140, height: 60, leads: [lead])
        ConsoleFixture.press(&s, .enter)
        #expect(s.detailOpen)
        let screen = ConsoleFixture.screen(s).snapshot()
        // The line wraps in the pane; the escape shows as a visible placeholder.
        #expect(screen.contains("#4 mia: Updated email grace@acme.example →"), "\(screen)")
        #expect(screen.contains("evil\u{241B}[2J@x.example, score 50 → 85"), "\(screen)")
        #expect(!screen.contains("\u{1B}"))
    }
}
