import Testing

@testable import LeadqText

/// Asserts the property every caller relies on: nothing unsafe survives.
func expectSafe(_ s: String, sourceLocation: SourceLocation = #_sourceLocation) {
    for scalar in s.unicodeScalars {
        let v = scalar.value
        let bad =
            v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || Width.isBidiControl(scalar)
            || Width.glibc(scalar) == nil
        #expect(
            !bad, "unsafe scalar U+\(String(v, radix: 16)) in \(s.debugDescription)", sourceLocation: sourceLocation)
    }
}

@Suite("Inert")
struct InertTests {
    @Test("ordinary text passes through unchanged")
    func ordinary() {
        for s in ["Acme Corp", "José Müller", "Jose\u{301}", "中文公司", "👨\u{200D}👩\u{200D}👧", "🇺🇸", ""] {
            #expect(Inert.line(s) == s)
        }
    }

    @Test(
        "escape sequences start with a visible ␛ and cannot act",
        arguments: [
            ("a\u{1B}[31mred\u{1B}[0m", "a␛[31mred␛[0m"),  // CSI colour
            ("\u{1B}]0;pwned\u{07}", "␛]0;pwned␇"),  // OSC window title, BEL-terminated
            ("\u{1B}]52;c;aGk=\u{1B}\\", "␛]52;c;aGk=␛\\"),  // OSC 52 clipboard, ST-terminated
            ("\u{1B}P+q544e\u{1B}\\", "␛P+q544e␛\\"),  // DCS
            ("\u{1B}[2J\u{1B}[H", "␛[2J␛[H"),  // clear screen
            ("\u{9B}31m", "⟨U+009B⟩31m"),  // 8-bit CSI
            ("\u{9D}0;x\u{9C}", "⟨U+009D⟩0;x⟨U+009C⟩"),  // 8-bit OSC and ST
            ("\u{90}q\u{9C}", "⟨U+0090⟩q⟨U+009C⟩"),  // 8-bit DCS
        ])
    func escapes(input: String, expected: String) {
        #expect(Inert.line(input) == expected)
        expectSafe(Inert.line(input))
    }

    @Test("C0 controls become Control Pictures; DEL becomes ␡")
    func c0() {
        #expect(Inert.line("a\u{0}b") == "a␀b")
        #expect(Inert.line("\u{7}\u{8}\u{B}\u{C}") == "␇␈␋␌")
        #expect(Inert.line("x\u{7F}y") == "x␡y")
        #expect(Inert.line("\u{1F}") == "␟")
        var all = ""
        for v in UInt32(0)..<0x20 where v != 0x09 && v != 0x0A && v != 0x0D {
            all.unicodeScalars.append(Unicode.Scalar(v)!)
        }
        let shown = Inert.line(all)
        expectSafe(shown)
        #expect(Width.of(shown) == 29)  // one column each
    }

    @Test("tab is one space; newlines are ⏎ in a line and breaks in text")
    func whitespace() {
        #expect(Inert.line("a\tb") == "a b")
        #expect(Inert.line("a\nb\r\nc\rd") == "a⏎b⏎c⏎d")
        #expect(Inert.text("a\nb\r\nc\rd") == ["a", "b", "c", "d"])
        #expect(Inert.text("") == [""])
        #expect(Inert.text("one\n") == ["one", ""])
        #expect(Inert.text("x\u{1B}[1m\ny") == ["x␛[1m", "y"])
        #expect(Inert.text("\r\n\r\n") == ["", "", ""])
    }

    @Test("bidi controls are shown by code point")
    func bidi() {
        #expect(Inert.line("invoice\u{202E}fdp.exe") == "invoice⟨U+202E⟩fdp.exe")
        #expect(Inert.line("\u{2066}x\u{2069}") == "⟨U+2066⟩x⟨U+2069⟩")
        #expect(Inert.line("\u{200E}\u{200F}\u{61C}") == "⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩")
        for v: UInt32 in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069] {
            let s = String(Unicode.Scalar(v)!)
            let shown = Inert.line(s)
            #expect(shown == "⟨U+\(String(v, radix: 16, uppercase: true))⟩")
            #expect(Width.of(shown) == 8)
        }
    }

    @Test("every C1 control and other unprintable scalars are shown by code point")
    func c1AndUnprintable() {
        for v in UInt32(0x80)...0x9F {
            let shown = Inert.line(String(Unicode.Scalar(v)!))
            #expect(shown == "⟨U+00\(String(v, radix: 16, uppercase: true))⟩")
        }
        #expect(Inert.line("a\u{2028}b") == "a⟨U+2028⟩b")
        #expect(Inert.line("\u{FFFF}") == "⟨U+FFFF⟩")
    }

    @Test("caps long input in one pass and marks the cut")
    func cap() {
        let long = String(repeating: "x", count: 1_000_000)
        let shown = Inert.line(long)
        #expect(shown.count == Inert.lineLimit)  // limit - 1 kept, plus "…"
        #expect(shown.hasSuffix("x…"))
        #expect(Inert.line("abcdef", limit: 3) == "ab…")
        // A cut inside a ZWJ sequence drops the partial cluster rather than show half of it.
        #expect(Inert.line("ok👨\u{200D}👩\u{200D}👧", limit: 4) == "ok…")
        let lines = Inert.text(String(repeating: "ab\n", count: 100_000))
        #expect(lines.count <= Inert.textLimit / 3 + 1)
        #expect(lines.last?.hasSuffix("…") == true)
    }

    @Test("zalgo runs of combining marks are capped")
    func zalgo() {
        let zalgo = "Z" + String(repeating: "\u{301}", count: 500) + "a"
        let shown = Inert.line(zalgo)
        #expect(shown.unicodeScalars.count == 1 + Inert.maxZeroWidthRun + 1)
        #expect(Width.of(shown) == 2)
    }

    @Test("random scalars, controls included, never come out unsafe")
    func fuzz() {
        var rng = SplitMix(seed: 0x1EAD)
        let hostile: [UInt32] = [
            0, 7, 8, 9, 0x0A, 0x0D, 0x1B, 0x7F, 0x85, 0x9B, 0x9C, 0x200D, 0x202E, 0x2066, 0x2028, 0xFE0F, 0x301,
        ]
        for _ in 0..<300 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int(rng.next() % 40) {
                let v: UInt32
                if rng.next() % 2 == 0 {
                    v = hostile[Int(rng.next() % UInt64(hostile.count))]
                } else {
                    v = UInt32(rng.next() % 0x110000)
                }
                if let scalar = Unicode.Scalar(v) { s.append(scalar) }
            }
            let input = String(s)
            expectSafe(Inert.line(input))
            #expect(!Inert.line(input).contains("\n"))
            for line in Inert.text(input) { expectSafe(line) }
        }
    }
}

/// Small deterministic generator so fuzz-ish tests repeat exactly.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
