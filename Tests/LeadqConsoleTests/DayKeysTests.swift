import LeadqConsole
import LeadqDomain
import LeadqTestSupport
import LeadqUI
import Testing

/// The keys of a rep's day: notes, the agenda, the mouse, copying a number, the search's keys.
@MainActor @Suite struct DayKeysTests {
    @Test func aNoteTakesSeveralLinesAndEnterSavesIt() {
        var s = ConsoleFixture.state()
        let t = s.target()!
        ConsoleFixture.press(&s, .char("N"))
        ConsoleFixture.type(&s, "Prefers mornings")
        ConsoleFixture.press(&s, .alt("\n"))
        ConsoleFixture.type(&s, "CFO is Jo")
        #expect(ConsoleFixture.press(&s, .enter) == [.perform(.note("Prefers mornings\nCFO is Jo"), t)])
    }

    @Test func escOnATypedNoteAsksFirst() {
        var s = ConsoleFixture.state()
        ConsoleFixture.press(&s, .char("N"))
        ConsoleFixture.type(&s, "Long note")
        ConsoleFixture.press(&s, .escape)
        guard case .note(_, let asking) = s.mode else {
            Issue.record("Esc threw the note away: \(s.mode)")
            return
        }
        #expect(asking.askingDiscard && asking.text == "Long note")
        #expect(ConsoleFixture.screen(s).snapshot().contains("Discard this note? y discards"))
        ConsoleFixture.press(&s, .char("n"))
        guard case .note(_, let kept) = s.mode else {
            Issue.record("n didn't keep the note")
            return
        }
        #expect(!kept.askingDiscard && kept.text == "Long note")
        ConsoleFixture.press(&s, .escape, .char("y"))
        #expect(s.mode == .normal)
        #expect(s.status == StatusLine("Cancelled; nothing saved", .info))
        // Nothing typed: Esc cancels at once.
        ConsoleFixture.press(&s, .char("N"), .escape)
        #expect(s.mode == .normal)
    }

    @Test func qualifyTakesANoteWithTab() {
        var s = ConsoleFixture.state()
        s.selected = s.queue.visible.first { s.queue[$0]?.lead.stage == .accepted }
        let t = s.target()!
        ConsoleFixture.press(&s, .char("Q"), .tab)
        ConsoleFixture.type(&s, "Demo booked for Tuesday")
        #expect(ConsoleFixture.press(&s, .enter) == [.perform(.qualify(note: "Demo booked for Tuesday"), t)])
        var quick = ConsoleFixture.state()
        quick.selected = t.id
        #expect(ConsoleFixture.press(&quick, .char("Q"), .char("y")) == [.perform(.qualify(note: ""), t)])
    }

    @Test func aContactWithADoNotContactLeadSaysSoBeforeTheDialog() {
        var s = ConsoleFixture.state()
        var lead = s.selectedEntry!.lead
        lead.profile.doNotContact = true
        _ = Console.update(&s, .changed(upserts: [lead], removals: []))
        let dnc = lead.id
        s.selected = dnc
        ConsoleFixture.press(&s, .char("c"))
        #expect(s.status?.text == "\(dnc) is do-not-contact (no consent): only a contact they started can be logged")
        guard case .contact(_, let form) = s.mode else {
            Issue.record("no dialog")
            return
        }
        #expect(form.inbound)
    }

    @Test func theAgendaListsFollowUpsAndEnterJumpsToTheLead() {
        var s = ConsoleFixture.state(width: 120, height: 36)
        ConsoleFixture.press(&s, .char("F"))
        #expect(s.page == .agenda)
        let screen = ConsoleFixture.screen(s).snapshot()
        #expect(screen.contains("Overdue (") && screen.contains("Today (") && screen.contains("Next 7 days ("))
        ConsoleFixture.press(&s, .char("j"))
        let agenda = Agenda.of(s.queue.entries.values.map(\.lead), now: s.now, zone: s.config.zone)
        ConsoleFixture.press(&s, .enter)
        #expect(s.page == .queue)
        #expect(s.selected == agenda.items[1].lead)
        #expect(s.detailOpen)
    }

    @Test func theMouseSelectsOpensAndScrolls() {
        var s = ConsoleFixture.state(width: 100, height: 30)
        let v = s.queue.visible
        // Row 2 of the screen is the first lead (header, column titles).
        ConsoleFixture.press(&s, .mouse(Mouse(.click, x: 10, y: 5)))
        #expect(s.selected == v[3])
        ConsoleFixture.press(&s, .mouse(Mouse(.wheelDown, x: 10, y: 5)))
        #expect(s.selected == v[6])
        ConsoleFixture.press(&s, .mouse(Mouse(.doubleClick, x: 10, y: 2)))
        #expect(s.selected == v[0])
        #expect(s.detailOpen)
    }

    @Test func copyingThePhoneIsOffUnlessTheTeamTurnsItOn() {
        var s = ConsoleFixture.state()
        s.selected = s.queue.visible.first { !(s.queue[$0]?.lead.profile.phone.isEmpty ?? true) }
        let phone = s.selectedEntry!.lead.profile.phone
        #expect(ConsoleFixture.press(&s, .char("y")).isEmpty)
        #expect(s.status?.text.contains("phone: \(phone)") == true)
        #expect(s.status?.text.contains("copying is off (console.clipboard in settings.json)") == true)
        s.settings.console.clipboard = true
        #expect(ConsoleFixture.press(&s, .char("y")) == [.copy(phone)])
    }

    @Test func slashThenTabSearchesEveryLeadUntilEsc() {
        var s = ConsoleFixture.state()
        let queue = s.queue.visible
        ConsoleFixture.press(&s, .char("/"))
        ConsoleFixture.type(&s, "zur")
        #expect(ConsoleFixture.press(&s, .tab) == [.search("zur")])
        #expect(ConsoleFixture.press(&s, .char("i")) == [.search("zuri")])
        let bens = LeadScript("L-09001", profile: Fixture.profile(name: "Zürich Person")).assign("ben").lead
        let old = SearchResult(query: "zur", leads: [], total: 0)
        _ = Console.update(&s, .found(old))
        // An answer to what was typed before is dropped; nothing shows until the current one comes.
        #expect(s.queue.visible.isEmpty)
        _ = Console.update(&s, .found(SearchResult(query: "zuri", leads: [bens], total: 1)))
        #expect(s.queue.visible == ["L-09001"])
        #expect(ConsoleFixture.screen(s).snapshot().contains("all leads: 'zuri' (1 found)"))
        ConsoleFixture.press(&s, .enter, .char("a"))
        #expect(s.status?.text == "L-09001 is ben's lead (assigned): read-only here")
        ConsoleFixture.press(&s, .escape)
        #expect(s.search == nil)
        #expect(s.queue.visible == queue)
    }

    /// The index became ready with the answer to a query typed over since: the current one is asked.
    @Test func theFirstAnswerAfterIndexingAsksTheCurrentQueryAgain() {
        var s = ConsoleFixture.state()
        ConsoleFixture.press(&s, .char("/"))
        ConsoleFixture.type(&s, "zu")
        ConsoleFixture.press(&s, .tab)
        _ = Console.update(&s, .found(SearchResult(query: "zu", leads: [], total: 0, indexing: true)))
        ConsoleFixture.press(&s, .char("r"))
        #expect(s.search?.indexing == true)
        let effects = Console.update(&s, .found(SearchResult(query: "zu", leads: [], total: 0)))
        #expect(effects == [.search("zur")])
        #expect(s.search?.indexing == false)
    }

    @Test func theQueueFilterIgnoresAccentsAndFindsPhoneDigits() {
        var s = ConsoleFixture.state()
        ConsoleFixture.press(&s, .char("/"))
        ConsoleFixture.type(&s, "zurich")
        #expect(!s.queue.visible.isEmpty)
        #expect(s.queue.visible.allSatisfy { s.queue[$0]!.lead.profile.company.contains("Zürich") })
        let withPhone = s.queue.entries.values.first { !$0.lead.profile.phone.isEmpty }!.lead
        ConsoleFixture.press(&s, .ctrl("u"))
        ConsoleFixture.type(&s, String(withPhone.profile.phone.suffix(8)))
        #expect(s.queue.visible.contains(withPhone.id))
    }
}
