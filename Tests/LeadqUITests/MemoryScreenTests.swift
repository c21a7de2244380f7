import Testing

@testable import LeadqUI

@MainActor
@Suite("MemoryScreen")
struct MemoryScreenTests {
    func frame(_ size: Size, selectedRow: Int) -> CellBuffer {
        var b = CellBuffer(size: size)
        b.put("leadq", x: 0, y: 0, role: .header)
        for (i, name) in ["Acme", "中文公司", "Zoë"].enumerated() {
            let y = i + 1
            let role: Role = y == selectedRow ? .selected : .row
            b.fill(Rect(x: 0, y: y, width: size.width, height: 1), role: role)
            b.put(name, x: 1, y: y, role: role)
        }
        return b
    }

    @Test("snapshot is the grid as text, trailing spaces trimmed or kept")
    func snapshot() {
        let screen = MemoryScreen(width: 10, height: 5)
        screen.draw(frame(screen.size, selectedRow: 2))
        #expect(screen.snapshot() == "leadq\n Acme\n 中文公司\n Zoë\n")
        #expect(
            screen.snapshot(trimTrailing: false).split(separator: "\n", omittingEmptySubsequences: false)
                == ["leadq     ", " Acme     ", " 中文公司 ", " Zoë      ", "          "])
        #expect(screen.row(2) == " 中文公司")
    }

    @Test("role snapshot shows which row is selected, column-aligned")
    func roles() {
        let screen = MemoryScreen(width: 10, height: 4)
        screen.draw(frame(screen.size, selectedRow: 2))
        #expect(
            screen.roleSnapshot([.selected: "S", .header: "H", .row: "r"]) == """
                HHHHH.....
                rrrrrrrrrr
                SSSSSSSSSS
                rrrrrrrrrr
                """)
        #expect(screen.roles(row: 2) == [.selected])
    }

    @Test("draw records only the changed runs after the first frame")
    func runs() {
        let screen = MemoryScreen(width: 10, height: 4)
        screen.draw(frame(screen.size, selectedRow: 1))
        #expect(screen.lastRuns.count == 4)  // first frame: every row
        screen.draw(frame(screen.size, selectedRow: 2))
        #expect(screen.lastRuns.map(\.y) == [1, 2])  // selection moved: two rows
        screen.draw(frame(screen.size, selectedRow: 2))
        #expect(screen.lastRuns.isEmpty)
        screen.apply(Theme.mono)  // new theme: everything again
        screen.draw(frame(screen.size, selectedRow: 2))
        #expect(screen.lastRuns.count == 4)
        #expect(screen.drawCount == 4)
    }

    @Test("resize queues .resize, refits the frame and forces a full redraw")
    func resize() {
        let screen = MemoryScreen(width: 10, height: 4, keys: [.char("j")])
        screen.draw(frame(screen.size, selectedRow: 1))
        screen.resize(to: Size(width: 4, height: 2))
        #expect(screen.snapshot() == "lead\n Acm")
        #expect(screen.readKey(timeoutMs: 0) == .char("j"))
        #expect(screen.readKey(timeoutMs: 0) == .resize)
        #expect(screen.readKey(timeoutMs: 0) == nil)
        screen.draw(frame(Size(width: 10, height: 4), selectedRow: 1))  // app drew for the old size
        #expect(screen.frame.size == Size(width: 4, height: 2))
        #expect(screen.lastRuns.count == 2)
    }

    @Test("bell, suspend and resume are recorded")
    func misc() {
        let screen = MemoryScreen(width: 2, height: 1)
        screen.bell()
        screen.suspend()
        #expect(screen.isSuspended && screen.bellCount == 1)
        screen.resume()
        #expect(!screen.isSuspended)
    }
}
