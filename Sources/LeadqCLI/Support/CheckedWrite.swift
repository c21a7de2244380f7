import Foundation
import LeadqApp
import LeadqFormat

/// A write that puts every byte where it was sent or says why not. A short write is retried
/// until the kernel gives its reason (ENOSPC, EIO, …), which is then reported with `name`, the
/// path as the user gave it, or "stdout".
enum CheckedWrite {
    static func all(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, name: String, consequence: String) throws {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, base + done, bytes.count - done)
            if n > 0 {
                done += n
                continue
            }
            if n < 0 && errno == EINTR { continue }
            let code = n == 0 ? EIO : errno
            if code == EPIPE && fd == 1 { BrokenPipe.end() }
            throw CLIError.io("\(name): can't write: \(why(code)); \(consequence)")
        }
    }

    static func why(_ code: Int32) -> String {
        code == EPIPE ? "its reader went away (EPIPE)" : FSError.explain(code)
    }
}

/// stdout's reader went away (`leadq queue | head`). leadq ignores SIGPIPE so that a write to a
/// named FIFO or socket can fail with a message; on stdout it ends as cat and grep end there, by
/// SIGPIPE and without a word (git does the same). Whatever was saved before is saved.
enum BrokenPipe {
    static func end() -> Never {
        signal(SIGPIPE, SIG_DFL)
        var pipeOnly = sigset_t()
        sigemptyset(&pipeOnly)
        sigaddset(&pipeOnly, SIGPIPE)
        sigprocmask(SIG_UNBLOCK, &pipeOnly, nil)
        raise(SIGPIPE)
        Glibc.exit(128 + SIGPIPE)
    }
}
