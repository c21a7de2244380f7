import Testing

@testable import LeadqText

@Suite("Width")
struct WidthTests {
    @Test("ASCII is one column per character")
    func ascii() {
        #expect(Width.of("") == 0)
        #expect(Width.of("Acme Corp, 42 ~!") == 16)
        #expect(Width.of(Character("a")) == 1)
    }

    @Test("accented letters are one column, precomposed or combining")
    func accented() {
        let precomposed = "Jos\u{E9}"
        let combining = "Jose\u{301}"
        #expect(precomposed.count == 4 && combining.count == 4)
        #expect(Width.of(precomposed) == 4)
        #expect(Width.of(combining) == 4)
        #expect(Width.of("Zoe\u{308}\u{301}") == 3)  // two marks on one base
        #expect(Width.of(Character("\u{301}")) == 0)  // a lone mark takes no column
    }

    @Test("CJK and Hangul are two columns")
    func cjk() {
        #expect(Width.of("中文") == 4)
        #expect(Width.of("日本語テキスト") == 14)
        #expect(Width.of("한국") == 4)
        #expect(Width.of(Character("\u{1100}\u{1161}\u{11A8}")) == 2)  // conjoining jamo L V T
        #expect(Width.of("ｆｕｌｌ") == 8)  // fullwidth Latin
        #expect(Width.of("ｶﾀｶﾅ") == 4)  // halfwidth katakana stays narrow
    }

    @Test("emoji: single, VS16, ZWJ family, skin tone, flags, keycap")
    func emoji() {
        #expect(Width.of("😀") == 2)
        #expect(Width.of("\u{2764}") == 1)  // text-default heart
        #expect(Width.of("\u{2764}\u{FE0F}") == 2)  // heart with VS16
        let family = "👨\u{200D}👩\u{200D}👧\u{200D}👦"
        #expect(family.count == 1)
        #expect(Width.of(family) == 2)
        #expect(Width.of("👍🏽") == 2)
        #expect(Width.of("🇺🇸") == 2)
        #expect(Width.of("🇺🇸🇩🇪") == 4)
        #expect(Width.of(Character("\u{1F1FA}")) == 1)  // a lone regional indicator: glibc says 1
        #expect(Width.of("1\u{FE0F}\u{20E3}") == 2)  // keycap
        #expect(Width.of("🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}") == 2)  // Scotland
    }

    @Test("clusters with spacing marks count each spacing scalar, as ncurses does")
    func spacingMarks() {
        #expect("கா".count == 1)
        #expect(Width.of("கா") == 2)
    }

    @Test("zero-width format characters take no column; unsafe clusters take one (shown as �)")
    func zeroAndUnsafe() {
        #expect(Width.of("a\u{200B}b") == 2)
        #expect(Width.of(Character("\u{1B}")) == 1)
        #expect(Width.of(Character("\u{0}")) == 1)
        #expect(Width.of(Character("\u{202E}")) == 1)
        #expect(Width.of(Character("\r\n")) == 1)
        #expect(Width.isUnsafe(Character("\u{9B}")))
        #expect(!Width.isUnsafe(Character("é")))
    }

    @Test("terminalForm makes ncurses advance exactly Width.of columns")
    func terminalForm() {
        let samples: [Character] = [
            "a", "é", "e\u{301}", "中", "😀", "\u{2764}", "\u{2764}\u{FE0F}",
            "👨\u{200D}👩\u{200D}👧\u{200D}👦", "👍🏽", "🇺🇸", "1\u{FE0F}\u{20E3}", "கா",
            "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}", "\u{1B}", "\u{202E}", "\u{301}",
        ]
        for c in samples {
            let form = Width.terminalForm(c)
            let counted = form.unicodeScalars.reduce(0) { $0 + (Width.glibc($1) ?? 99) }
            #expect(counted == Width.of(c), "\(c.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(!form.unicodeScalars.contains(where: Width.isUnsafe))
        }
        #expect(Width.terminalForm("👨\u{200D}👩\u{200D}👧") == "👨")
        #expect(Width.terminalForm("\u{2764}\u{FE0F}") == "\u{2764} ")
        #expect(Width.terminalForm("🇺🇸") == "🇺🇸")
        #expect(Width.terminalForm("\u{1B}") == "\u{FFFD}")
        #expect(Width.terminalForm("e\u{301}") == "e\u{301}")
    }

    @Test("range lookup handles table edges")
    func lookupEdges() {
        #expect(Width.glibc("\u{300}") == 0)  // first combining mark
        #expect(Width.glibc("\u{36F}") == 0)
        #expect(Width.glibc("\u{370}") == 1)
        #expect(Width.glibc("\u{10FFFD}") == 1)  // private use, plane 16
        #expect(Width.glibc("\u{378}") == nil)  // unassigned
        #expect(Width.glibc("\u{1F}") == nil)
        #expect(Width.glibc("\u{3000}") == 2)
    }
}
