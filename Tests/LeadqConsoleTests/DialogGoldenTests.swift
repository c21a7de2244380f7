import LeadqConsole
import LeadqDomain
import LeadqTestSupport
import LeadqUI
import SnapshotTesting
import Testing

/// The dialogs and pages a rep opens during the day, as whole screens, compared with the files in
/// __Snapshots__/DialogGoldenTests. Re-record after an intended change with
/// `SNAPSHOT_TESTING_RECORD=all swift test --filter DialogGoldenTests`.
@MainActor @Suite struct DialogGoldenTests {
    func golden(
        _ s: ConsoleState, named name: String? = nil, file: StaticString = #filePath, testName: String = #function,
        line: UInt = #line
    ) {
        let screen = ConsoleFixture.screen(s)
        assertSnapshot(of: screen.snapshot(), as: .lines, named: name, file: file, testName: testName, line: line)
    }

    /// Ana's console with her first accepted lead selected.
    func onAnAcceptedLead() -> ConsoleState {
        var s = ConsoleFixture.state()
        s.selected = s.queue.visible.first { s.queue[$0]?.lead.stage == .accepted }
        return s
    }

    /// Ana's console showing her qualified lead as the search's only find, selected.
    func onAQualifiedLead() -> ConsoleState {
        let lead = LeadScript("L-09100", profile: Fixture.profile(name: "Opp Lead")).assign("ana").accept(by: "ana")
            .qualify(by: "ana").lead
        var s = ConsoleFixture.state()
        ConsoleFixture.press(&s, .char("/"))
        ConsoleFixture.type(&s, "opp")
        ConsoleFixture.press(&s, .tab)
        _ = Console.update(&s, .found(SearchResult(query: "opp", leads: [lead], total: 1)))
        ConsoleFixture.press(&s, .enter)
        return s
    }

    @Test func themePicker() {
        var s = ConsoleFixture.state()
        ConsoleFixture.press(&s, .char("t"), .down)
        golden(s)
    }

    @Test func qualifyWithANote() {
        var s = onAnAcceptedLead()
        ConsoleFixture.press(&s, .char("Q"))
        golden(s, named: "asked")
        ConsoleFixture.press(&s, .tab)
        ConsoleFixture.type(&s, "Demo booked for Tuesday")
        golden(s, named: "note")
    }

    @Test func wonOrLost() {
        var s = onAQualifiedLead()
        ConsoleFixture.press(&s, .char("W"))
        golden(s, named: "choice")
        ConsoleFixture.press(&s, .char("l"))
        ConsoleFixture.type(&s, "price")
        ConsoleFixture.press(&s, .tab)
        ConsoleFixture.type(&s, "12,000.50")
        golden(s, named: "lost")
        var won = onAQualifiedLead()
        ConsoleFixture.press(&won, .char("W"), .char("w"))
        ConsoleFixture.type(&won, "12k")
        ConsoleFixture.press(&won, .enter)
        golden(won, named: "wonWithAnAmountItCantRead")
    }

    @Test func noteOnSeveralLinesAndTheDiscardQuestion() {
        var s = ConsoleFixture.state()
        ConsoleFixture.press(&s, .char("N"))
        ConsoleFixture.type(&s, "Prefers mornings")
        ConsoleFixture.press(&s, .alt("\n"))
        ConsoleFixture.type(&s, "CFO is Jo; budget signed off in Q1")
        golden(s, named: "typed")
        ConsoleFixture.press(&s, .escape)
        golden(s, named: "discard")
    }

    @Test func clawbackReasons() {
        var s = onAnAcceptedLead()
        ConsoleFixture.press(&s, .char("n"))
        golden(s)
    }

    @Test func replacingAFollowUpAsksFirst() {
        var s = ConsoleFixture.state()
        let lead = LeadScript("L-09999").assign("ana").accept(by: "ana")
            .followUp(due: s.now + Span.day, what: "Call CFO", by: "ana").lead
        _ = Console.update(&s, .changed(upserts: [lead], removals: []))
        s.selected = "L-09999"
        ConsoleFixture.press(&s, .char("f"), .char("t"))
        ConsoleFixture.type(&s, "+2d")
        ConsoleFixture.press(&s, .enter)
        golden(s)
    }

    @Test func agendaPage() {
        var s = ConsoleFixture.state(width: 120, height: 36)
        ConsoleFixture.press(&s, .char("F"), .char("j"))
        golden(s)
    }
}
