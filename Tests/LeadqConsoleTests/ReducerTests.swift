import LeadqConsole
import LeadqDomain
import LeadqStore
import LeadqTestSupport
import LeadqUI
import Testing

/// Keys in, effects and state out: the console's behaviour without a terminal or a store.
@Suite struct ReducerTests {
    var s = ConsoleFixture.state()

    var target: Target { s.target()! }

    @Test mutating func callNoAnswerTakesThreeKeysAndEnter() {
        let t = target
        let e1 = ConsoleFixture.press(&s, .char("c"), .char("c"), .char("n"))
        #expect(e1.isEmpty)
        let e2 = ConsoleFixture.press(&s, .enter)
        #expect(e2 == [.perform(.contact(channel: .call, outcome: .noAnswer, direction: .outbound, note: ""), t)])
    }

    @Test mutating func contactWithANoteEditedInline() {
        let t = target
        ConsoleFixture.press(&s, .char("c"), .char("e"), .char("r"))
        ConsoleFixture.type(&s, "Antwort: später, 下周")
        ConsoleFixture.press(&s, .backspace, .ctrl("a"), .char(">"), .ctrl("e"), .char("!"))
        let e3 = ConsoleFixture.press(&s, .enter)
        #expect(
            e3 == [
                .perform(
                    .contact(channel: .email, outcome: .replied, direction: .outbound, note: ">Antwort: später, 下!"), t)
            ])
    }

    @Test mutating func inboundContactIsAToggle() {
        let t = target
        ConsoleFixture.press(&s, .char("c"), .char("i"), .char("c"), .char("c"))
        let e4 = ConsoleFixture.press(&s, .enter)
        #expect(e4 == [.perform(.contact(channel: .call, outcome: .connected, direction: .inbound, note: ""), t)])
    }

    @Test mutating func rejectIsOneKeyPlusAReasonKey() {
        let t = target
        let e5 = ConsoleFixture.press(&s, .char("r"))
        #expect(e5.isEmpty)
        let e6 = ConsoleFixture.press(&s, .char("b"))
        #expect(e6 == [.perform(.reject(reason: "no-budget", note: ""), t)])
    }

    @Test mutating func otherAsksForANoteAndShiftAddsOneToAnyReason() {
        let t = target
        ConsoleFixture.press(&s, .char("r"), .char("o"))
        guard case .reasonNote(.reject, _, "other", _) = s.mode else {
            Issue.record("no note dialog: \(s.mode)")
            return
        }
        let e7 = ConsoleFixture.press(&s, .enter)
        #expect(e7.isEmpty)
        #expect(s.status?.text == "Reason 'other' needs a note saying why")
        ConsoleFixture.type(&s, "Reseller customer")
        let e8 = ConsoleFixture.press(&s, .enter)
        #expect(e8 == [.perform(.reject(reason: "other", note: "Reseller customer"), t)])

        var s2 = ConsoleFixture.state()
        ConsoleFixture.press(&s2, .char("r"), .char("B"))
        ConsoleFixture.type(&s2, "Q2")
        let e9 = ConsoleFixture.press(&s2, .enter)
        #expect(e9 == [.perform(.reject(reason: "no-budget", note: "Q2"), t)])
    }

    @Test mutating func escapeCancelsWithNothingSaved() {
        for keys: [Key] in [
            [.char("r")], [.char("r"), .char("o")], [.char("c"), .char("c")], [.char("f"), .char("t")], [.char("n")],
        ] {
            var st = ConsoleFixture.state()
            for k in keys { _ = Console.update(&st, .key(k)) }
            let e10 = ConsoleFixture.press(&st, .escape)
            #expect(e10.isEmpty)
            #expect(st.mode == .normal)
            #expect(st.status == StatusLine("Cancelled; nothing saved", .info))
        }
    }

    @Test mutating func clawbackIsOneKeyPlusAReasonKey() {
        let t = target
        ConsoleFixture.press(&s, .char("n"))
        let e11 = ConsoleFixture.press(&s, .char("n"))
        #expect(e11 == [.perform(.clawback(reason: "not-now", note: ""), t)])
    }

    @Test mutating func followUpsQuickChoicesTypedDatesAndDone() {
        let t = target
        let e12 = ConsoleFixture.press(&s, .char("f"), .char("1"))
        #expect(
            e12 == [.perform(.scheduleFollowUp(due: Instant(iso8601: "2026-11-24T09:00:00Z")!, what: ""), t)])
        var s2 = ConsoleFixture.state()
        ConsoleFixture.press(&s2, .char("f"), .char("t"))
        ConsoleFixture.type(&s2, "2026-12-01 14:30")
        ConsoleFixture.press(&s2, .tab)
        ConsoleFixture.type(&s2, "Call the CFO")
        let e13 = ConsoleFixture.press(&s2, .enter)
        #expect(
            e13 == [
                .perform(.scheduleFollowUp(due: Instant(iso8601: "2026-12-01T14:30:00Z")!, what: "Call the CFO"), t)
            ])
        var s3 = ConsoleFixture.state()
        ConsoleFixture.press(&s3, .char("f"), .char("t"))
        ConsoleFixture.type(&s3, "someday")
        let e14 = ConsoleFixture.press(&s3, .enter)
        #expect(e14.isEmpty)
        #expect(s3.status?.kind == .warn)
        var s4 = ConsoleFixture.state()
        let done = ConsoleFixture.press(&s4, .char("d"))
        #expect(done == [.perform(.completeFollowUp(note: ""), t)])
    }

    @Test mutating func qualifyAsksFirstAndRefusesAnUnacceptedLead() {
        s.selected = s.queue.visible.first { s.queue[$0]!.lead.stage == .assigned }!
        let e16 = ConsoleFixture.press(&s, .char("Q"))
        #expect(e16.isEmpty)
        #expect(s.status?.text == "\(target.id) is not accepted yet: accept it before qualifying it")
        let accepted = s.queue.visible.first { s.queue[$0]!.lead.stage == .accepted }!
        s.selected = accepted
        let t = target
        ConsoleFixture.press(&s, .char("Q"))
        #expect(s.mode == .confirmQualify(t, note: nil))
        let e17 = ConsoleFixture.press(&s, .char("y"))
        #expect(e17 == [.perform(.qualify(note: ""), t)])
    }

    @Test mutating func acceptAndUndoAreOneKey() {
        let t = target
        let e18 = ConsoleFixture.press(&s, .char("a"))
        #expect(e18 == [.perform(.accept, t)])
        let e19 = ConsoleFixture.press(&s, .char("u"))
        #expect(e19 == [.undo])
    }

    @Test mutating func movingAndPaging() {
        let v = s.queue.visible
        ConsoleFixture.press(&s, .char("j"), .down)
        #expect(s.selected == v[2])
        ConsoleFixture.press(&s, .char("k"))
        #expect(s.selected == v[1])
        ConsoleFixture.press(&s, .char("G"))
        #expect(s.selected == v.last)
        #expect(s.top == v.count - 26)
        ConsoleFixture.press(&s, .home)
        #expect(s.selected == v[0])
        ConsoleFixture.press(&s, .pageDown)
        #expect(s.selected == v[26])
        ConsoleFixture.press(&s, .pageUp)
        #expect(s.selected == v[0])
    }

    @Test mutating func filterAsYouTypeAndEscapeClears() {
        ConsoleFixture.press(&s, .char("/"))
        ConsoleFixture.type(&s, "freight")
        let expected = s.queue.entries.values.filter { $0.lead.profile.company.lowercased().contains("freight") }.count
        #expect(expected >= 2)
        #expect(s.queue.visible.count == expected)
        #expect(s.queue.visible.allSatisfy { s.queue[$0]!.lead.profile.company.lowercased().contains("freight") })
        #expect(s.selected == s.queue.visible.first)
        ConsoleFixture.press(&s, .enter)
        #expect(s.mode == .normal)
        #expect(s.queue.filter == "freight")
        ConsoleFixture.press(&s, .escape)
        #expect(s.queue.filter.isEmpty)
        #expect(s.queue.visible.count == s.queue.count)
    }

    @Test mutating func orderCyclesAndTheCursorStaysOnItsLead() {
        ConsoleFixture.press(&s, .char("j"), .char("j"))
        let lead = s.selected
        ConsoleFixture.press(&s, .char("o"))
        #expect(s.queue.order == .deadline)
        #expect(s.selected == lead)
        #expect(s.status?.text == "Order: SLA deadline")
        ConsoleFixture.press(&s, .char("o"), .char("o"), .char("o"))
        #expect(s.queue.order == .scoreAge)
    }

    @Test mutating func aHotLeadAssignedByAnotherProcessIsAnnounced() {
        var lead = LeadScript(
            "L-09999", profile: Fixture.profile(name: "Hot Prospect", score: 92), at: ConsoleFixture.now - 60,
            settings: s.settings
        ).assign("ana").lead
        let effects = Console.update(&s, .changed(upserts: [lead], removals: []))
        #expect(effects == [.bell])
        #expect(
            s.status
                == StatusLine("Hot lead L-09999 just assigned to you: Hot Prospect, score 92", .hot, lead: "L-09999"))
        #expect(s.queue["L-09999"]?.isNew == true)
        // No bell when the team turned it off.
        var quiet = ConsoleFixture.state()
        quiet.settings.bellOnHot = false
        lead.id = "L-09998"
        #expect(Console.update(&quiet, .changed(upserts: [lead], removals: [])).isEmpty)
    }

    @Test mutating func aLeadChangedByAnotherProcessWhileADialogIsOpenIsFlagged() {
        ConsoleFixture.press(&s, .char("r"))
        var lead = s.selectedEntry!.lead
        let e = Event(
            lead: lead.id,
            entry: Entry(seq: 99_999, at: ConsoleFixture.now, by: "mia", op: .assign(to: "ben", rule: nil)))
        lead.apply(e)
        _ = Console.update(&s, .changed(upserts: [lead], removals: []))
        #expect(
            s.status
                == StatusLine("\(lead.id) was just changed by mia: Assigned to ben; saving this will be refused", .warn)
        )
        #expect(s.queue[lead.id] == nil)
    }

    @Test mutating func readOnlySessionsSaveNothing() {
        _ = Console.update(&s, .readOnly("the file system is read-only (EROFS)"))
        let e20 = ConsoleFixture.press(&s, .char("a"))
        #expect(e20.isEmpty)
        #expect(s.status == StatusLine("Can't save: the file system is read-only (EROFS)", .error))
    }

    @Test func keymapOverridesKeepTheRest() {
        var k = Keymap()
        k.bind(.accept, to: [.char("y"), .ctrl("a")])
        #expect(k.action(for: .char("y")) == .accept)
        #expect(k.action(for: .char("a")) == nil)
        #expect(k.keys(for: .accept) == [.char("y"), .ctrl("a")])
        #expect(k.keys(for: .moveDown) == [.char("j"), .down])
        #expect(k.label(for: .undo) == "u")
    }

    @Test func lineEditorKeys() {
        var e = LineEditor("héllo wörld")
        let handled = e.handle(.ctrl("w"))
        #expect(handled)
        #expect(e.text == "héllo ")
        _ = e.handle(.home)
        _ = e.handle(.delete)
        #expect(e.text == "éllo ")
        _ = e.handle(.end)
        _ = e.handle(.char("🙂"))
        _ = e.handle(.left)
        _ = e.handle(.ctrl("k"))
        #expect(e.text == "éllo ")
        _ = e.handle(.ctrl("u"))
        #expect(e.text.isEmpty)
        let enter = e.handle(.enter)
        #expect(!enter)
    }
}

@Suite struct ThemePickerTests {
    @Test func theThemePickerAppliesTheChosenTheme() {
        var s = ConsoleFixture.state()
        ConsoleFixture.press(&s, .char("t"))
        #expect(s.mode == .themes(selected: 0))
        let chosen = ConsoleFixture.press(&s, .char("j"), .char("j"), .char("j"), .enter)
        #expect(chosen == [.applyTheme("mono")])
        _ = Console.update(&s, .themeApplied("mono"))
        #expect(s.theme == "mono")
        #expect(s.status == StatusLine("Theme: mono, kept for next time", .info))
    }
}

@Suite struct HeaderCountTests {
    /// After each saved action the counts are moved for the one lead; they must equal a full recount.
    @Test func countsAfterASaveEqualAFullRecount() {
        var s = ConsoleFixture.state()
        for (i, id) in s.queue.visible.prefix(12).enumerated() {
            var lead = s.queue[id]!.lead
            let op: Op =
                i % 3 == 0
                ? .reject(reason: "bad-fit", note: "")
                : i % 3 == 1
                    ? .contact(Contact(channel: .call, outcome: .connected))
                    : .scheduleFollowUp(due: s.now - 3600, what: "x", replaces: nil)
            let e = Event(lead: id, entry: Entry(seq: lead.version + 1, at: s.now, by: "ana", op: op))
            lead.apply(e)
            _ = Console.update(&s, .saved(SavedLead(event: e, lead: lead)))
            var fresh = s
            _ = Console.update(&fresh, .tick(s.now))
            #expect(s.counts == fresh.counts, "after \(op.name) on \(id)")
            #expect(s.teamCounts == fresh.teamCounts)
        }
    }
}
