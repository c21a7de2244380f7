import Foundation
import LeadqApp
import LeadqFormat

/// stdout and stderr, written as UTF-8 bytes without Swift's print buffering surprises.
///
/// Every write to stdout is checked: the first that fails ends the command with exit 3 and a
/// message naming stdout, since nothing it printed after that could reach anyone.
enum Output {
    /// What the command has saved, said again on stderr if stdout then fails: it stays saved.
    nonisolated(unsafe) static var saved: String?

    static func out(_ s: String) {
        do {
            try Array((s + "\n").utf8).withUnsafeBytes {
                try CheckedWrite.all(1, $0, name: "stdout", consequence: "the output is cut short")
            }
        } catch {
            fail(error)
        }
    }

    static func err(_ s: String) { write(2, Inert.line(s, limit: 8192) + "\n") }

    /// Ends the command after a failed write to stdout.
    static func fail(_ error: Error) -> Never {
        err("leadq: \(error)" + (saved.map { "; saved all the same: \($0)" } ?? ""))
        Glibc.exit(Exit.store)
    }

    /// As gnulib's close_stdout: a stdout that fails to close (NFS, a delayed write error) lost output.
    static func closeStdout() {
        guard Glibc.close(1) != 0, errno != EBADF, errno != EINTR else { return }
        fail(CLIError.io("stdout: can't write: \(CheckedWrite.why(errno)); the output may be incomplete"))
    }

    /// A closed stdin, stdout or stderr (`leadq queue >&-`) would let the next file opened take its
    /// number, and the output land in it: the store's lock or journal. Each is held by /dev/null,
    /// read-only, so a write there fails (stdout: exit 3) and reaches no file.
    static func holdStandardDescriptors() {
        for fd: Int32 in [0, 1, 2] where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let held = Glibc.open("/dev/null", O_RDONLY)
            if held >= 0 && held != fd {
                dup2(held, fd)
                Glibc.close(held)
            }
        }
    }

    /// Best effort, for stderr: when it fails there is nowhere left to say so.
    static func write(_ fd: Int32, _ s: String) {
        _ = try? Array(s.utf8).withUnsafeBytes { try CheckedWrite.all(fd, $0, name: "stderr", consequence: "") }
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
