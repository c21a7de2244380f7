import Foundation
import LeadqConsole
import LeadqDomain
import LeadqStore
import LeadqTestSupport
import LeadqText
import LeadqUI
import SnapshotTesting
import Testing

/// Whole screens as text, compared with the files in __Snapshots__/GoldenScreenTests.
/// Re-record after an intended change with `SNAPSHOT_TESTING_RECORD=all swift test --filter GoldenScreenTests`.
@MainActor @Suite struct GoldenScreenTests {
    func golden(
        _ s: ConsoleState, named name: String? = nil, file: StaticString = #filePath, testName: String = #function,
        line: UInt = #line
    ) {
        let screen = ConsoleFixture.screen(s)
        assertSnapshot(of: screen.snapshot(), as: .lines, named: name, file: file, testName: testName, line: line)
    }

    @Test func queueAt100x30() { golden(ConsoleFixture.state(width: 100, height: 30)) }

    @Test func queueAt80x24() { golden(ConsoleFixture.state(width: 80, height: 24)) }

    @Test func queueAt120x36() { golden(ConsoleFixture.state(width: 120, height: 36)) }

    @Test func queueAt200x50() { golden(ConsoleFixture.state(width: 200, height: 50)) }

    @Test func queueAt160x40WithTheDetailBeside() {
        var s = ConsoleFixture.state(width: 160, height: 40)
        ConsoleFixture.press(&s, .char("j"), .enter)
        golden(s)
    }

    @Test func detailPaneBelow() {
        var s = ConsoleFixture.state()
        ConsoleFixture.press(&s, .char("j"), .char("j"), .enter)
        golden(s)
    }

    @Test func reasonPicker() {
        var s = ConsoleFixture.state()
        ConsoleFixture.press(&s, .char("r"), .down, .down)
        golden(s)
    }

    @Test func contactFormAtTheOutcomeStep() {
        var s = ConsoleFixture.state()
        ConsoleFixture.press(&s, .char("c"), .char("c"))
        golden(s)
    }

    @Test func contactFormWithANote() {
        var s = ConsoleFixture.state()
        ConsoleFixture.press(&s, .char("c"), .char("e"), .char("n"))
        ConsoleFixture.type(&s, "Bounced twice, trying LinkedIn → 下周")
        golden(s)
    }

    @Test func followUpWithATypedDate() {
        var s = ConsoleFixture.state()
        ConsoleFixture.press(&s, .char("f"), .char("t"))
        ConsoleFixture.type(&s, "tomorrow 14:30")
        golden(s)
    }

    @Test func helpOverlayFiltered() {
        var s = ConsoleFixture.state()
        ConsoleFixture.press(&s, .char("?"))
        golden(s, named: "all")
        ConsoleFixture.type(&s, "follow")
        golden(s, named: "filtered")
    }

    @Test func filteredQueue() {
        var s = ConsoleFixture.state()
        ConsoleFixture.press(&s, .char("/"))
        ConsoleFixture.type(&s, "freight")
        golden(s)
    }

    @Test func tooSmall() { golden(ConsoleFixture.state(width: 50, height: 10)) }

    @Test func savedStatusLine() {
        var s = ConsoleFixture.state()
        let lead = s.selectedEntry!.lead
        var rejected = lead
        rejected.apply(
            Event(
                lead: lead.id,
                entry: Entry(
                    seq: lead.version + 1, at: ConsoleFixture.now, by: "ana", op: .reject(reason: "no-budget", note: "")
                )))
        _ = Console.update(
            &s, .saved(.init(event: rejected.history.last.map { Event(lead: lead.id, entry: $0) }!, lead: rejected)))
        golden(s)
    }

    /// Names in several scripts, each row a different mix of widths.
    static func wideLeads() -> [Lead] {
        let names = [
            "Ana Müller", "王伟", "佐藤 健", "김민준", "Γιώργος Π.", "Зоя Иванова", "😀 Emoji Person", "Chloé Dubois",
            "ليلى حداد",
        ]
        let companies = [
            "Café Olé", "北京数据科技", "株式会社ミライ", "서울 클라우드", "🚀 Rocket Labs", "Ñandú", "Zürich Re", "Hansen & Søn", "Acme",
        ]
        return names.enumerated().map { i, name in
            LeadScript(
                LeadID.make(i + 1), profile: Fixture.profile(name: name, company: companies[i], score: 90 - i),
                at: ConsoleFixture.now - 3600, settings: ConsoleFixture.state().settings
            ).assign("ana").lead
        }
    }

    @Test func wideCharactersKeepTheColumnsAligned() {
        let s = ConsoleFixture.state(leads: GoldenScreenTests.wideLeads())
        golden(s)
        // Every row's STAGE column starts at the same display column as its title.
        let screen = ConsoleFixture.screen(s)
        let header = screen.frame
        func column(of text: String, row y: Int) -> Int? {
            var x = 0
            while x < header.width {
                var s = ""
                var k = x
                while k < header.width && s.count < text.count {
                    s += header[k, y].text
                    k += 1
                }
                if s == text { return x }
                x += 1
            }
            return nil
        }
        let stage = column(of: "STAGE", row: 1)!
        for y in 2..<11 { #expect(column(of: "assigned", row: y) == stage, "row \(y): \(screen.row(y))") }
    }

    static func hostileLead() -> Lead {
        var p = Fixture.profile(
            name: "Eve\u{1B}[2J\u{1B}]0;owned\u{07} \u{9B}31mRed", company: "Bidi\u{202E}gnp.exe\u{2066}", score: 95)
        p.title = "CTO\u{0}\u{1B}]52;c;ZXZpbA==\u{07}"
        p.trigger = "Form\r\nInjected: line"
        p.extra = [Attribute("Notes", String(repeating: "long ", count: 2000))]
        return LeadScript(
            "L-00666", profile: p, at: ConsoleFixture.now - 600, settings: ConsoleFixture.state().settings
        ).assign("ana")
            .contact(.call, .noAnswer, note: "\u{1B}[31mred note\u{1B}[0m\u{85}", by: "ana").lead
    }

    @Test func escapeInjectionIsShownInert() {
        var s = ConsoleFixture.state(leads: [GoldenScreenTests.hostileLead()])
        ConsoleFixture.press(&s, .enter)
        golden(s)
        let screen = ConsoleFixture.screen(s)
        for y in 0..<s.size.height {
            for x in 0..<s.size.width {
                for u in screen.frame[x, y].text.unicodeScalars {
                    #expect(
                        u.value >= 0x20 && u.value != 0x7F && !(0x80...0x9F).contains(u.value)
                            && !Width.isBidiControl(u), "raw \(u.value) at \(x),\(y)")
                }
            }
        }
        #expect(screen.snapshot().contains("␛"))
    }

    /// The mono theme as attributes per cell: R reverse, B bold, U bold+underline, _ underline,
    /// X bold+underline+reverse, d dim, . plain. The cursor row and breaches are plain to see.
    @Test func monoThemeMarksWithoutColour() {
        let s = ConsoleFixture.state()
        let screen = ConsoleFixture.screen(s)
        let mono = Theme.mono
        #expect(!mono.usesColor)
        let marks = (0..<screen.frame.height).map { y in
            String(
                (0..<screen.frame.width).map { x -> Character in
                    let st = mono.style(for: screen.frame[x, y].role)
                    switch (st.bold, st.underline, st.reverse, st.dim) {
                    case (true, true, true, _): return "X"
                    case (_, _, true, _): return "R"
                    case (true, true, false, _): return "U"
                    case (true, false, false, _): return "B"
                    case (false, true, false, _): return "_"
                    case (false, false, false, true): return "d"
                    default: return "."
                    }
                })
        }.joined(separator: "\n")
        assertSnapshot(of: screen.snapshot() + "\n\n" + marks, as: .lines)
        // The selected row is reverse video from edge to edge.
        #expect(marks.split(separator: "\n")[2].allSatisfy { $0 == "R" })
    }
}
