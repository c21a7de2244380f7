import CLeadqSignals
import CNcursesw
import Glibc
import LeadqText
import LeadqUI

/// What the screen sets on the terminal outside curses, and what a signal handler needs to undo it.
extension CursesScreen {
    /// Ctrl-S/Ctrl-Q (IXON) and Ctrl-V/Ctrl-O (IEXTEN) would otherwise be eaten by the tty.
    static func disableFlowControl() {
        var modes = termios()
        guard tcgetattr(STDIN_FILENO, &modes) == 0 else { return }
        modes.c_iflag &= ~tcflag_t(IXON)
        modes.c_lflag &= ~tcflag_t(IEXTEN)
        tcsetattr(STDIN_FILENO, TCSANOW, &modes)
    }

    /// The bytes a signal handler writes to undo curses' screen modes in an emergency:
    /// attributes off, cursor visible, keypad off, leave the alternate screen.
    static func recordEmergencyReset() {
        var bytes: [UInt8] = []
        for capability in ["sgr0", "cnorm", "rmkx", "rmcup"] {
            guard let value = leadq_tigetstr(capability) else { continue }
            bytes.append(contentsOf: stripPadding(Array(String(cString: value).utf8)))
        }
        bytes.append(contentsOf: Array("\r\n".utf8))
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { leadq_signals_set_reset_sequence($0.baseAddress, $0.count) }
        }
    }

    /// Removes terminfo delay markers (`$<5>`, `$<2*/>`), which are not meant for the terminal.
    nonisolated static func stripPadding(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "$"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "<"),
                let close = bytes[(i + 2)...].firstIndex(of: UInt8(ascii: ">"))
            {
                i = close + 1
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }

    nonisolated static func signalName(_ sig: Int32) -> String {
        switch sig {
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP"
        case SIGQUIT: return "SIGQUIT"
        case SIGINT: return "SIGINT"
        default: return "signal \(sig)"
        }
    }
}
