import Testing

@testable import LeadqText

@Suite("Layout")
struct LayoutTests {
    @Test("truncate leaves fitting text alone and marks cuts with …")
    func truncateBasics() {
        #expect(Layout.truncate("Acme", width: 4) == "Acme")
        #expect(Layout.truncate("Acme", width: 10) == "Acme")
        #expect(Layout.truncate("Acme Corp", width: 5) == "Acme…")
        #expect(Layout.truncate("Acme", width: 1) == "…")
        #expect(Layout.truncate("Acme", width: 0) == "")
        #expect(Layout.truncate("Acme", width: -3) == "")
        #expect(Layout.truncate("Jose\u{301} Ma", width: 5) == "Jose\u{301}…")
        #expect(Layout.truncate("Acme Corp", width: 6, ellipsis: "...") == "Acm...")
        #expect(Layout.truncate("Acme Corp", width: 2, ellipsis: "...") == "Ac")
    }

    @Test("truncate never splits a wide character: a space fills its half")
    func truncateWide() {
        #expect(Layout.truncate("中文公司", width: 4) == "中… ")
        #expect(Layout.truncate("中文公司", width: 5) == "中文…")
        #expect(Layout.truncate("中文公司", width: 2) == "… ")
        #expect(Layout.truncate("👨\u{200D}👩\u{200D}👧 family", width: 3) == "👨\u{200D}👩\u{200D}👧…")
    }

    @Test("truncating a mixed string at every width")
    func truncateEveryWidth() throws {
        let s = "Zoë 中文 👨\u{200D}👩\u{200D}👧 🇺🇸 e\u{301}!"
        let full = Width.of(s)
        #expect(full == 17)
        let clusters = Array(s)
        for width in 0...(full + 2) {
            let t = Layout.truncate(s, width: width)
            if width >= full {
                #expect(t == s)
                continue
            }
            #expect(Width.of(t) == max(0, width), "width \(width): \(t)")
            if width == 0 { continue }
            // Shape: a whole-cluster prefix of s, "…", then only filler spaces.
            let mark = try #require(t.lastIndex(of: "…"), "width \(width): \(t)")
            let body = String(t[..<mark])
            #expect(t[t.index(after: mark)...].allSatisfy { $0 == " " }, "width \(width): \(t)")
            #expect(Array(body) == Array(clusters.prefix(body.count)), "width \(width): \(t)")
            // and it is the longest such prefix that leaves room for the ellipsis.
            if body.count < clusters.count {
                #expect(Width.of(body) + Width.of(clusters[body.count]) > width - 1)
            }
        }
    }

    @Test("pad aligns by display width")
    func pad() {
        #expect(Layout.pad("ab", width: 5) == "ab   ")
        #expect(Layout.pad("ab", width: 5, align: .right) == "   ab")
        #expect(Layout.pad("ab", width: 5, align: .center) == " ab  ")
        #expect(Layout.pad("中文", width: 6) == "中文  ")
        #expect(Layout.pad("e\u{301}", width: 3, align: .right) == "  e\u{301}")
        #expect(Layout.pad("toolong", width: 3) == "toolong")
    }

    @Test("fit gives exactly the requested width")
    func fit() {
        for s in ["", "a", "Acme Corp", "中文公司", "👍🏽 ok", "e\u{301}e\u{301}"] {
            for width in 0...12 {
                #expect(Width.of(Layout.fit(s, width: width)) == width)
                #expect(Width.of(Layout.fit(s, width: width, align: .right)) == width)
            }
        }
        #expect(Layout.fit("Acme Corp", width: 6, align: .right) == "Acme …")
        #expect(Layout.fit("中文公司", width: 4, align: .right) == "中… ")
    }

    @Test("wrap breaks at spaces and hard-breaks long words by cluster")
    func wrap() {
        #expect(Layout.wrap("call back after the demo", width: 10) == ["call back", "after the", "demo"])
        #expect(Layout.wrap("", width: 10) == [""])
        #expect(Layout.wrap("abc", width: 0) == [])
        #expect(Layout.wrap("abcdefgh", width: 3) == ["abc", "def", "gh"])
        #expect(Layout.wrap("中文公司 ok", width: 5) == ["中文", "公司", "ok"])
        #expect(Layout.wrap("a  b", width: 10) == ["a b"])
        for line in Layout.wrap("Zoë 中文 👨\u{200D}👩\u{200D}👧 🇺🇸 some longer words here", width: 7) {
            #expect(Width.of(line) <= 7)
        }
    }
}
