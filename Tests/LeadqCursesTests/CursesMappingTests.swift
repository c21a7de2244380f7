import CNcursesw
import LeadqUI
import Testing

@testable import LeadqCurses

/// The parts of the curses backend that need no terminal: how themes become attributes and
/// colour pairs, how key codes become keys, and the emergency reset bytes.
@Suite("Curses mapping")
struct CursesMappingTests {
    func resolve(_ theme: Theme, _ support: ColorSupport, maxPairs: Int = 256) -> (
        CursesStyles, [(Int16, Int16, Int16)]
    ) {
        var calls: [(Int16, Int16, Int16)] = []
        let styles = CursesStyles(theme: theme, support: support, maxPairs: maxPairs) { calls.append(($0, $1, $2)) }
        return (styles, calls)
    }

    @Test("a colour theme gets one pair per distinct fg/bg, allocated once")
    func pairs() {
        let (styles, calls) = resolve(.builtinDefault, .palette(colors: 256, defaultColors: true))
        let distinct = Set(
            Role.allCases.map { r -> String in
                let s = Theme.builtinDefault[r]
                return "\(s.fg?.index256 ?? -1)/\(s.bg?.index256 ?? -1)"
            }
        ).subtracting(["-1/-1"])
        #expect(calls.count == distinct.count)
        #expect(calls.map(\.0) == (1...Int16(calls.count)).map { $0 })
        let selected = styles[.selected]
        let pair = calls.first { $0.0 == selected.pair }
        #expect(pair?.1 == 0 && pair?.2 == 6)  // black on cyan
        #expect(styles[.normal].pair == 0)  // terminal default: no pair needed
        #expect(styles[.header].attrs & leadq_a_bold() != 0)
    }

    @Test("without colour a coloured theme becomes mono, so the selection stays visible")
    func noColour() {
        let (styles, calls) = resolve(.builtinDefault, .none)
        #expect(calls.isEmpty)
        #expect(styles[.selected].attrs & leadq_a_reverse() != 0)
        #expect(styles[.row].attrs & leadq_a_reverse() == 0)
        #expect(Role.allCases.allSatisfy { styles[$0].pair == 0 })
    }

    @Test("8-colour terminals: bright foregrounds become bold base colours")
    func eightColours() {
        let theme = Theme(name: "t", styles: [.flag: Style(fg: .ansi(9)), .row: Style(fg: .ansi(1))])
        let (styles, calls) = resolve(theme, .palette(colors: 8, defaultColors: true))
        #expect(styles[.flag].attrs & leadq_a_bold() != 0)
        #expect(styles[.row].attrs & leadq_a_bold() == 0)
        #expect(styles[.flag].pair == styles[.row].pair)  // both red on default
        #expect(calls.allSatisfy { (-1...7).contains($0.1) && (-1...7).contains($0.2) })
    }

    @Test("without default-colour support, white on black stands in for the default")
    func noDefaultColours() {
        let (styles, calls) = resolve(.mono, .palette(colors: 8, defaultColors: false))
        #expect(calls.count == 1 && calls[0].1 == 7 && calls[0].2 == 0)
        #expect(styles[.normal].pair == 1)
    }

    @Test("runs out of pairs gracefully: the rest use the default pair")
    func pairLimit() {
        let (styles, calls) = resolve(.builtinDefault, .palette(colors: 256, defaultColors: true), maxPairs: 3)
        #expect(calls.count == 2)
        #expect(Role.allCases.allSatisfy { styles[$0].pair <= 2 })
    }

    @Test("key codes map to keys")
    func keys() {
        #expect(CursesKeys.key(forCharacter: 4) == .ctrl("d"))
        #expect(CursesKeys.key(forCharacter: 3) == .ctrl("c"))
        #expect(CursesKeys.key(forCharacter: 9) == .tab)
        #expect(CursesKeys.key(forCharacter: 13) == .enter)
        #expect(CursesKeys.key(forCharacter: 10) == .enter)
        #expect(CursesKeys.key(forCharacter: 127) == .backspace)
        #expect(CursesKeys.key(forCharacter: 27) == .escape)
        #expect(CursesKeys.key(forCharacter: 0x4E2D) == .char("中"))
        #expect(CursesKeys.key(forCharacter: 0x9B) == .unknown(code: 0x9B))
        #expect(CursesKeys.key(forFunctionKey: Int32(LEADQ_KEY_NPAGE)) == .pageDown)
        #expect(CursesKeys.key(forFunctionKey: Int32(LEADQ_KEY_RESIZE)) == .resize)
        #expect(CursesKeys.key(forFunctionKey: Int32(leadq_key_f(5))) == .f(5))
        #expect(CursesKeys.key(forFunctionKey: Int32(LEADQ_KEY_BTAB)) == .backTab)
        #expect(CursesKeys.key(forFunctionKey: 0o1777) == .unknown(code: 0o1777))
    }

    @Test("terminfo padding is stripped from the emergency reset bytes")
    func padding() {
        #expect(CursesScreen.stripPadding(Array("\u{1B}[m\u{0F}$<2>".utf8)) == Array("\u{1B}[m\u{0F}".utf8))
        #expect(CursesScreen.stripPadding(Array("a$<5*/>b$c".utf8)) == Array("ab$c".utf8))
    }
}

/// Issue 15, defect 9: without a UTF-8 locale the interface's own symbols were shown as `?`.
@Suite struct ASCIIStandInTests {
    @MainActor @Test func theInterfaceSymbolsHaveOneColumnStandIns() {
        for symbol in ["▶", "—", "…", "·", "│", "×", "↓", "↑", "→", "★", "─", "┌"] {
            let shown = CursesScreen.shownForm(of: symbol, unicode: false)
            #expect(shown.count == 1 && shown != "?" && shown.allSatisfy(\.isASCII), "\(symbol) → \(shown)")
        }
        // Lead text in other scripts still can't be encoded: '?' per column.
        #expect(CursesScreen.shownForm(of: "鈴", unicode: false) == "??")
        #expect(CursesScreen.shownForm(of: "▶", unicode: true) == "▶")
    }
}
