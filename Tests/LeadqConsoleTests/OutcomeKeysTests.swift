import LeadqConsole
import LeadqDomain
import LeadqTestSupport
import LeadqUI
import Testing

/// W on a qualified lead (found with / Tab, since it has left the queue): won with an amount, or
/// lost with why; the rules' refusals before any typing, and typed mistakes kept in the dialog.
@MainActor @Suite struct OutcomeKeysTests {
    /// Ana's console showing `lead` as the search's only find, selected.
    func found(_ lead: Lead) -> ConsoleState {
        var s = ConsoleFixture.state()
        ConsoleFixture.press(&s, .char("/"))
        ConsoleFixture.type(&s, "opp")
        ConsoleFixture.press(&s, .tab)
        _ = Console.update(&s, .found(SearchResult(query: "opp", leads: [lead], total: 1)))
        ConsoleFixture.press(&s, .enter)
        #expect(s.selected == lead.id)
        return s
    }

    func qualified(by rep: String) -> Lead {
        LeadScript("L-09100", profile: Fixture.profile(name: "Opp Lead")).assign(rep).accept(by: rep).qualify(by: rep)
            .lead
    }

    @Test func aLostOpportunityTakesWhyAndAnAmount() {
        var s = found(qualified(by: "ana"))
        let t = s.target()!
        ConsoleFixture.press(&s, .char("W"))
        #expect(ConsoleFixture.screen(s).snapshot().contains("Won or lost?"))
        ConsoleFixture.press(&s, .char("l"))
        // Enter with no reason keeps the dialog open and says what is missing.
        #expect(ConsoleFixture.press(&s, .enter).isEmpty)
        #expect(ConsoleFixture.screen(s).snapshot().contains("Say why it was lost"))
        ConsoleFixture.type(&s, "price")
        ConsoleFixture.press(&s, .tab)
        ConsoleFixture.type(&s, "12,000.50")
        #expect(
            ConsoleFixture.press(&s, .enter) == [.perform(.lost(reason: "price", amount: 1_200_050, note: ""), t)])
    }

    @Test func aWonOpportunityRefusesAnAmountItCantRead() {
        var s = found(qualified(by: "ana"))
        let t = s.target()!
        ConsoleFixture.press(&s, .char("W"), .char("w"))
        ConsoleFixture.type(&s, "12k")
        #expect(ConsoleFixture.press(&s, .enter).isEmpty)
        let screen = ConsoleFixture.screen(s).snapshot()
        #expect(screen.contains("Not an amount: digits with up to two decimals"), "\(screen)")
        ConsoleFixture.press(&s, .backspace)
        ConsoleFixture.type(&s, "000")
        #expect(ConsoleFixture.press(&s, .enter) == [.perform(.won(amount: 1_200_000, note: ""), t)])
        // Nothing typed: won without an amount.
        var bare = found(qualified(by: "ana"))
        #expect(
            ConsoleFixture.press(&bare, .char("W"), .char("w"), .enter) == [.perform(.won(amount: nil, note: ""), t)])
    }

    @Test func theRulesRefuseBeforeTheDialogOpens() {
        var s = ConsoleFixture.state()
        s.selected = s.queue.visible.first { s.queue[$0]?.lead.stage == .accepted }
        let id = s.selected!
        #expect(ConsoleFixture.press(&s, .char("W")).isEmpty)
        #expect(s.mode == .normal)
        #expect(s.status == StatusLine("\(id) is accepted: only a qualified lead's opportunity is won or lost", .error))
        var bens = found(qualified(by: "ben"))
        ConsoleFixture.press(&bens, .char("W"))
        #expect(bens.mode == .normal)
        #expect(bens.status?.text == "L-09100 was qualified by ben; only they or a manager can record its outcome")
    }

    @Test func escCancelsAndSavesNothing() {
        var s = found(qualified(by: "ana"))
        #expect(ConsoleFixture.press(&s, .char("W"), .char("l")).isEmpty)
        ConsoleFixture.type(&s, "timing")
        #expect(ConsoleFixture.press(&s, .escape).isEmpty)
        #expect(s.mode == .normal)
        #expect(s.status == StatusLine("Cancelled; nothing saved", .info))
    }
}
