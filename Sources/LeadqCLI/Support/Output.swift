import Foundation
import LeadqText

/// stdout and stderr, written as UTF-8 bytes without Swift's print buffering surprises.
enum Output {
    static func out(_ s: String) { write(1, s + "\n") }
    static func err(_ s: String) { write(2, Inert.line(s, limit: 8192) + "\n") }

    static func write(_ fd: Int32, _ s: String) {
        var bytes = Array(s.utf8)
        bytes.withUnsafeMutableBytes { buf in
            var done = 0
            while done < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + done, buf.count - done)
                if n <= 0 { if errno == EINTR { continue }; return }
                done += n
            }
        }
    }

    static var isTerminal: Bool { isatty(1) == 1 }

    /// The terminal's width when stdout is one; nil for pipes and files (no truncation there).
    static var terminalWidth: Int? {
        guard isTerminal else { return nil }
        var ws = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 { return Int(ws.ws_col) }
        return nil
    }
}
