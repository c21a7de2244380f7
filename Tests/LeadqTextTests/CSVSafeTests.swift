import Testing

@testable import LeadqText

@Suite("CSVSafe")
struct CSVSafeTests {
    @Test(
        "cells a spreadsheet would run get a leading quote",
        arguments: [
            ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
            ("+1 555 0100", "'+1 555 0100"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
            ("\t=1+1", "' =1+1"),
            ("\r=1+1", "'⏎=1+1"),
            ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
        ])
    func formulas(input: String, expected: String) {
        #expect(CSVSafe.cell(input) == expected)
        #expect(CSVSafe.needsNeutralising(input))
    }

    @Test(
        "plain text and plain numbers pass unchanged",
        arguments: ["Acme", "", "12", "3.25", "a=b", "José Müller", "中文", "'quoted"])
    func plain(input: String) {
        #expect(CSVSafe.cell(input) == input)
    }

    @Test(
        "every cell starting with a minus is neutralised, negative numbers too",
        arguments: ["-12", "-0.5", "-", "-.5", "-1.", "-1.2.3", "-1e5", "- 1"])
    func notPlainNumbers(input: String) {
        #expect(CSVSafe.cell(input).hasPrefix("'"))
    }

    @Test("control characters never go out raw")
    func controls() {
        #expect(CSVSafe.cell("a\u{1B}[31mb") == "a␛[31mb")
        #expect(CSVSafe.cell("x\u{0}y\u{7F}z") == "x␀y␡z")
        #expect(CSVSafe.cell("\u{9B}1m") == "⟨U+009B⟩1m")
        #expect(CSVSafe.cell("abc\u{202E}gnp.exe") == "abc⟨U+202E⟩gnp.exe")
        #expect(CSVSafe.cell("tab\there") == "tab here")
        #expect(CSVSafe.cell("one\r\ntwo\rthree\nfour") == "one⏎two⏎three⏎four")
        #expect(CSVSafe.cell("one\r\ntwo\rthree", lineBreaks: .keep) == "one\ntwo\nthree")
        for s in ["\u{1B}]52;c;aGk=\u{7}", "\u{85}\u{2028}x", "\u{2066}a\u{2069}"] {
            #expect(
                !CSVSafe.cell(s).unicodeScalars.contains {
                    $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || Width.isBidiControl($0)
                })
        }
    }

    @Test("fields are quoted only when needed, quotes doubled")
    func quoting() {
        #expect(CSVSafe.field("plain") == "plain")
        #expect(CSVSafe.field("a,b") == "\"a,b\"")
        #expect(CSVSafe.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVSafe.field(" padded ") == "\" padded \"")
        #expect(CSVSafe.field("l1\nl2", lineBreaks: .keep) == "\"l1\nl2\"")
        #expect(CSVSafe.field("l1\nl2") == "l1⏎l2")
        #expect(CSVSafe.field("=1,2") == "\"'=1,2\"")
        #expect(CSVSafe.line(["id", "=cmd", "x,y", "-4"]) == "id,'=cmd,\"x,y\",'-4")
    }
}
