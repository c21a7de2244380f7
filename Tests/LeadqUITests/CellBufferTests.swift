import Testing

@testable import LeadqUI

@Suite("CellBuffer")
struct CellBufferTests {
    func rows(_ b: CellBuffer) -> [String] { (0..<b.height).map { b.rowText($0) } }

    @Test("put writes clusters left to right and returns the next column")
    func putBasics() {
        var b = CellBuffer(width: 8, height: 2)
        #expect(b.put("Acme", x: 1, y: 0, role: .row) == 5)
        #expect(rows(b) == [" Acme   ", "        "])
        #expect(b[1, 0] == Cell(text: "A", role: .row))
        #expect(b[0, 0] == Cell(text: " ", role: .normal))
        #expect(b.put("Jose\u{301}", x: 0, y: 1, role: .row) == 4)  // combining mark stays in its cell
        #expect(b[3, 1].text == "e\u{301}")
        #expect(b.put("x", x: 0, y: 5, role: .row) == 0)  // rows outside are ignored
    }

    @Test("put clips at the right edge, at maxWidth, and left of column 0")
    func clipping() {
        var b = CellBuffer(width: 6, height: 1)
        #expect(b.put("overflowing", x: 2, y: 0, role: .row) == 6)
        #expect(b.rowText(0) == "  over")
        b = CellBuffer(width: 6, height: 1)
        #expect(b.put("abcdef", x: 1, y: 0, role: .row, maxWidth: 3) == 4)
        #expect(b.rowText(0) == " abc  ")
        b = CellBuffer(width: 6, height: 1)
        b.put("abcdef", x: -2, y: 0, role: .row)
        #expect(b.rowText(0) == "cdef  ")
        b = CellBuffer(width: 6, height: 1)
        b.put("中文", x: -1, y: 0, role: .row)  // 中 straddles the left edge
        #expect(b.rowText(0) == " 文   ")
        #expect(!b[0, 0].isContinuation)
    }

    @Test("a wide character that does not fit at the right edge becomes a space")
    func wideAtRightEdge() {
        var b = CellBuffer(width: 5, height: 1)
        #expect(b.put("ab中文", x: 0, y: 0, role: .row) == 5)
        #expect(rows(b) == ["ab中 "])
        #expect(b[2, 0].text == "中" && b[3, 0].isContinuation)
        #expect(b[4, 0] == Cell(text: " ", role: .row))
        var c = CellBuffer(width: 6, height: 1)
        c.put("中文中", x: 0, y: 0, role: .row, maxWidth: 5)
        #expect(c.rowText(0) == "中文  ")
        #expect(c[4, 0] == Cell(text: " ", role: .row) && c[5, 0] == Cell.blank)
    }

    @Test("overwriting either half of a wide character blanks the other half")
    func overwriteHalf() {
        var b = CellBuffer(width: 6, height: 1)
        b.put("中文", x: 1, y: 0, role: .row)  // 中 at 1-2, 文 at 3-4
        b.put("x", x: 2, y: 0, role: .selected)  // right half of 中
        #expect(b.rowText(0) == "  x文 ")
        #expect(b[1, 0] == Cell(text: " ", role: .row))
        b.put("y", x: 3, y: 0, role: .selected)  // left half of 文
        #expect(b.rowText(0) == "  xy  ")
        #expect(b[4, 0] == Cell(text: " ", role: .row))
        // A wide character written over another, shifted by one, leaves no orphan.
        var c = CellBuffer(width: 6, height: 1)
        c.put("中文", x: 0, y: 0, role: .row)
        c.put("字", x: 1, y: 0, role: .row)
        #expect(c.rowText(0) == " 字   ")
        #expect((0..<6).filter { c[$0, 0].isContinuation } == [2])
    }

    @Test("emoji sequences take two cells")
    func emoji() {
        var b = CellBuffer(width: 6, height: 1)
        #expect(b.put("👨\u{200D}👩\u{200D}👧🇺🇸", x: 0, y: 0, role: .row) == 4)
        #expect(b[0, 0].text == "👨\u{200D}👩\u{200D}👧" && b[1, 0].isContinuation)
        #expect(b[2, 0].text == "🇺🇸" && b[3, 0].isContinuation)
    }

    @Test("unsafe clusters are stored as �, zero-width clusters are skipped")
    func guardAgainstControls() {
        var b = CellBuffer(width: 10, height: 1)
        let end = b.put("a\u{1B}[1m\u{9B}\u{202E}\u{0}\u{200B}b", x: 0, y: 0, role: .row)
        #expect(b.rowText(0) == "a�[1m���b ")
        #expect(end == 9)
        for x in 0..<10 {
            for s in b[x, 0].text.unicodeScalars {
                #expect(s.value >= 0x20 && !(0x7F...0x9F).contains(s.value) && s.value != 0x202E)
            }
        }
    }

    @Test("fill and restyle cover a clipped rectangle and keep wide characters whole")
    func fillAndRestyle() {
        var b = CellBuffer(width: 5, height: 3)
        b.put("中文", x: 0, y: 1, role: .row)
        b.fill(Rect(x: 1, y: 1, width: 10, height: 1), role: .popup, with: ".")
        #expect(b.rowText(1) == " ....")
        #expect(b[0, 1] == Cell(text: " ", role: .row))
        b.fill(Rect(x: -1, y: -1, width: 2, height: 2), role: .header)
        #expect(b[0, 0].role == .header && b[1, 0].role == .normal)
        b.fill(Rect(x: 0, y: 2, width: 2, height: 1), role: .row, with: "中")  // not 1 column: space
        #expect(b.rowText(2) == "     ")
        b.put("abc", x: 0, y: 2, role: .row)
        b.restyle(Rect(x: 0, y: 2, width: 5, height: 1), role: .selected)
        #expect(b.rowText(2) == "abc  ")
        #expect(b.rowRoles(2) == Array(repeating: .selected, count: 5))
    }

    @Test("box draws a frame with a title, in line-drawing or ASCII characters")
    func box() {
        var b = CellBuffer(width: 12, height: 4)
        b.box(Rect(x: 0, y: 0, width: 12, height: 4), role: .popupBorder, title: "Lead", titleRole: .popupTitle)
        #expect(rows(b) == ["┌─ Lead ───┐", "│          │", "│          │", "└──────────┘"])
        #expect(b[3, 0].role == .popupTitle && b[0, 0].role == .popupBorder)
        var a = CellBuffer(width: 8, height: 3, boxStyle: .ascii)
        a.box(Rect(x: 0, y: 0, width: 8, height: 3), role: .border, title: "A very long title")
        #expect(rows(a) == ["+- A… -+", "|      |", "+------+"])
        var tiny = CellBuffer(width: 3, height: 3)
        tiny.box(Rect(x: 0, y: 0, width: 1, height: 3), role: .border)
        #expect(tiny == CellBuffer(width: 3, height: 3))
    }

    @Test("diff: nothing changed gives no runs; no previous frame gives full rows")
    func diffBasics() {
        var a = CellBuffer(width: 4, height: 2)
        a.put("ab", x: 0, y: 0, role: .row)
        #expect(a.diff(from: a).isEmpty)
        let full = a.diff(from: nil)
        #expect(full.map(\.y) == [0, 1] && full.allSatisfy { $0.x == 0 && $0.width == 4 })
        #expect(a.diff(from: CellBuffer(width: 5, height: 2)).count == 2)  // other size: full
    }

    @Test("diff: runs of changed cells per row, split by unchanged cells")
    func diffRuns() {
        var old = CellBuffer(width: 10, height: 2)
        old.put("0123456789", x: 0, y: 0, role: .row)
        var new = old
        new.put("ab", x: 1, y: 0, role: .row)
        new.put("Z", x: 7, y: 0, role: .row)
        new.restyle(Rect(x: 0, y: 1, width: 1, height: 1), role: .selected)
        let runs = new.diff(from: old)
        #expect(runs.map { "\($0.y):\($0.x):\($0.text)" } == ["0:1:ab", "0:7:Z", "1:0: "])
        #expect(runs[2].cells == [Cell(text: " ", role: .selected)])
    }

    @Test("diff: a run never starts or ends inside a wide character")
    func diffWide() {
        var old = CellBuffer(width: 6, height: 1)
        old.put("中文ab", x: 0, y: 0, role: .row)
        var new = old
        new.restyle(Rect(x: 1, y: 0, width: 1, height: 1), role: .selected)  // only 中's right half
        let runs = new.diff(from: old)
        #expect(runs.count == 1)
        #expect(runs[0].x == 0 && runs[0].width == 2 && runs[0].text == "中")
        var new2 = old
        new2.put("x", x: 0, y: 0, role: .row)  // left half of 中: its right half is blanked too
        #expect(new2.diff(from: old).map(\.text) == ["x "])
        var new3 = old
        new3.put("字", x: 4, y: 0, role: .row)
        #expect(new3.diff(from: old).map { "\($0.x):\($0.text):\($0.width)" } == ["4:字:2"])
    }

    @Test("run segments group cells by role; a wide cell counts both columns")
    func segments() {
        let run = CellRun(
            x: 3, y: 0,
            cells: [
                Cell(text: "a", role: .row), Cell(text: "中", role: .row), Cell(text: "", role: .row),
                Cell(text: "b", role: .selected), Cell(text: "c", role: .selected),
            ])
        let segs = run.segments
        #expect(segs.count == 2)
        #expect(segs[0].x == 3 && segs[0].width == 3 && segs[0].text == "a中" && segs[0].role == .row)
        #expect(segs[1].x == 6 && segs[1].width == 2 && segs[1].clusters == ["b", "c"])
    }

    @Test("resized keeps the overlap and blanks a wide character cut by the new edge")
    func resized() {
        var b = CellBuffer(width: 6, height: 2)
        b.put("ab中", x: 0, y: 0, role: .row)
        let small = b.resized(to: Size(width: 3, height: 1))
        #expect(small.size == Size(width: 3, height: 1))
        #expect(small.rowText(0) == "ab ")
        #expect(!small[2, 0].isContinuation)
        let big = b.resized(to: Size(width: 8, height: 3))
        #expect(big.rowText(0) == "ab中    " && big.rowText(2) == "        ")
    }
}
