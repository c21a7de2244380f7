import LeadqConsole
import LeadqDomain
import LeadqUI
import Testing

/// Where the console holds the rep back before saving, it says what the rules would say.
@Suite struct RuleWordsTests {
    var s = ConsoleFixture.state()

    func refusal(_ command: Command, on lead: Lead) -> String? {
        let ctx = Context(now: s.now, actor: s.config.rep, settings: s.settings)
        guard case .failure(let r) = Rules.decide(command, on: lead, in: ctx) else { return nil }
        return r.message
    }

    @Test mutating func qualifyingAnUnacceptedLeadIsRefusedInTheRulesWords() throws {
        let id = try #require(s.queue.visible.first { s.queue[$0]!.lead.stage == .assigned })
        s.selected = id
        let lead = s.queue[id]!.lead
        ConsoleFixture.press(&s, .char("Q"))
        let said = try #require(refusal(.qualify(note: ""), on: lead))
        #expect(s.status == StatusLine(said, .error))
        #expect(s.mode == .normal)
    }

    @Test mutating func aReasonWithoutItsNoteIsHeldBackInTheRulesWords() throws {
        let lead = s.selectedEntry!.lead
        ConsoleFixture.press(&s, .char("r"), .char("o"))
        ConsoleFixture.type(&s, "   ")
        let effects = ConsoleFixture.press(&s, .enter)
        #expect(effects.isEmpty)
        let said = try #require(refusal(.reject(reason: "other", note: "   "), on: lead))
        // The same words, begun as a sentence.
        #expect(s.status == StatusLine("R" + said.dropFirst(), .warn))
        guard case .reasonNote(.reject, _, "other", _) = s.mode else {
            Issue.record("the note dialog closed: \(s.mode)")
            return
        }
    }
}
