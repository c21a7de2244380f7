import Testing

@testable import LeadqUI

@Suite("KeyName")
struct KeyNameTests {
    @Test(
        "parses names used in key-binding files",
        arguments: [
            ("j", Key.char("j")), ("J", .char("J")), ("?", .char("?")), ("/", .char("/")), ("é", .char("é")),
            ("space", .char(" ")), (" ", .char(" ")), ("minus", .char("-")), ("-", .char("-")),
            ("ctrl-d", .ctrl("d")), ("Ctrl-D", .ctrl("d")), ("C-d", .ctrl("d")), ("^D", .ctrl("d")),
            ("ctrl+x", .ctrl("x")),
            ("ctrl-space", .ctrl("@")), ("ctrl-i", .tab), ("ctrl-m", .enter), ("ctrl-[", .escape),
            ("alt-x", .alt("x")), ("M-x", .alt("x")), ("meta-X", .alt("X")),
            ("enter", .enter), ("Return", .enter), ("esc", .escape), ("escape", .escape),
            ("backspace", .backspace), ("del", .delete), ("delete", .delete), ("insert", .insert),
            ("tab", .tab), ("shift-tab", .backTab), ("backtab", .backTab), ("shift-j", .char("J")),
            ("up", .up), ("down", .down), ("left", .left), ("right", .right), ("home", .home), ("end", .end),
            ("pgup", .pageUp), ("PageUp", .pageUp), ("pgdn", .pageDown), ("pagedown", .pageDown),
            ("f1", .f(1)), ("F12", .f(12)), ("resize", .resize), ("code-999", .unknown(code: 999)),
        ])
    func parse(name: String, key: Key) {
        #expect(KeyName.parse(name) == key)
    }

    @Test(
        "rejects what is not a key",
        arguments: ["", "ctrl-", "ctrl-dd", "ctrl-1", "alt-", "f0", "f64", "fx", "shift-1", "bogus", "\u{1B}", "\u{7}"])
    func rejects(name: String) {
        #expect(KeyName.parse(name) == nil)
    }

    @Test("canonical names read back to the same key")
    func roundTrip() {
        let keys: [Key] = [
            .char("j"), .char("J"), .char(" "), .char("?"), .char("-"), .ctrl("d"), .ctrl("@"), .alt("x"), .alt(" "),
            .enter, .escape, .backspace, .delete, .insert, .tab, .backTab, .up, .down, .left, .right,
            .home, .end, .pageUp, .pageDown, .f(5), .resize, .unknown(code: 4242),
        ]
        for key in keys {
            #expect(KeyName.parse(KeyName.name(of: key)) == key, "\(KeyName.name(of: key))")
        }
        #expect(KeyName.name(of: .pageDown) == "pgdn")
        #expect(KeyName.name(of: .ctrl("d")) == "ctrl-d")
    }

    @Test("labels are short and readable")
    func labels() {
        #expect(KeyName.label(of: .ctrl("d")) == "^D")
        #expect(KeyName.label(of: .down) == "↓")
        #expect(KeyName.label(of: .pageDown) == "PgDn")
        #expect(KeyName.label(of: .char(" ")) == "Space")
        #expect(KeyName.label(of: .alt("x")) == "M-x")
    }
}

@Suite("EscapeSequence")
struct EscapeSequenceTests {
    @Test(
        "names CSI and SS3 key sequences",
        arguments: [
            ("[1~", Key.home), ("[4~", .end), ("[7~", .home), ("[8~", .end), ("[H", .home), ("OH", .home), ("OF", .end),
            ("[2~", .insert), ("[3~", .delete), ("[5~", .pageUp), ("[6~", .pageDown), ("[Z", .backTab),
            ("[A", .up), ("OB", .down), ("[C", .right), ("OD", .left), ("OP", .f(1)), ("[15~", .f(5)), ("[24~", .f(12)),
        ])
    func known(tail: String, key: Key) {
        #expect(EscapeSequence.isComplete(tail))
        #expect(EscapeSequence.key(tail) == key)
    }

    @Test("leaves unknown and modified sequences alone")
    func unknown() {
        #expect(EscapeSequence.key("[1;5A") == nil)  // Ctrl-Up: not guessed
        #expect(EscapeSequence.key("[99~") == nil)
        #expect(EscapeSequence.key("x") == nil)
        #expect(EscapeSequence.key("OZ") == nil)
    }

    @Test("knows when a sequence is complete")
    func completeness() {
        #expect(!EscapeSequence.isComplete(""))
        #expect(!EscapeSequence.isComplete("["))
        #expect(!EscapeSequence.isComplete("[1"))
        #expect(!EscapeSequence.isComplete("[1;5"))
        #expect(EscapeSequence.isComplete("[1;5A"))
        #expect(!EscapeSequence.isComplete("O"))
        #expect(EscapeSequence.isComplete("x"))
    }
}
