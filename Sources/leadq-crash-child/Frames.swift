import Foundation
import LeadqCurses
import LeadqUI

/// `frames`: the curses screen drawing frame after frame, each different from the one before, and
/// reading keys between them without waiting, as the console does under a held key, until `q`.
/// A Ctrl-Z (SIGTSTP) sent at any moment must stop it: ncurses ignores SIGTSTP while it writes a
/// frame, which is most of this loop's time.
@MainActor
func drawFrames() throws {
    try withCursesScreen(CursesOptions(environment: ProcessInfo.processInfo.environment)) { screen in
        // Two frames made once, every cell different between them: the loop is nearly all writing.
        let frames = (0..<2).map { k in
            var frame = CellBuffer(size: screen.size)
            let line = String(repeating: k == 0 ? "frame ▒ " : "FRAME ░ ", count: screen.size.width / 8 + 1)
            for y in 0..<screen.size.height {
                _ = frame.put(line, x: 0, y: y, role: (y + k) % 2 == 0 ? .normal : .selected)
            }
            return frame
        }
        var n = 0
        while true {
            n += 1
            screen.draw(frames[n % 2])
            if case .char("q") = try screen.readKey(timeoutMs: 0) { return }
        }
    }
}
