import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process a test can read line by line while it runs, and kill at a moment of its choosing
/// (Foundation's Process only sends SIGTERM and reads its pipes at the end).
public final class ChildProcess: @unchecked Sendable {
    public let pid: pid_t
    private var outFD: Int32
    private var errFD: Int32
    private var pending: [UInt8] = []
    private var errBytes: [UInt8] = []
    public private(set) var lines: [String] = []
    private var reaped: Int32?

    /// Starts `path args…` with stdin from /dev/null and stdout/stderr on pipes.
    public init(_ path: String, _ args: [String], environment: [String: String] = [:]) throws {
        var outPipe: [Int32] = [0, 0]
        var errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { throw ChildError.spawn(path, errno) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for fd in outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }
        var env = ProcessInfo.processInfo.environment
        env["TZ"] = "UTC"
        for (k, v) in environment { env[k] = v }
        let argv = ([path] + args).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, path, &actions, nil, argv, envp)
        Glibc.close(outPipe[1])
        Glibc.close(errPipe[1])
        guard rc == 0 else {
            Glibc.close(outPipe[0])
            Glibc.close(errPipe[0])
            throw ChildError.spawn(path, rc)
        }
        pid = child
        outFD = outPipe[0]
        errFD = errPipe[0]
    }

    deinit {
        if reaped == nil {
            Glibc.kill(pid, SIGKILL)
            _ = wait()
        }
        if outFD >= 0 { Glibc.close(outFD) }
        if errFD >= 0 { Glibc.close(errFD) }
    }

    public enum ChildError: Error, CustomStringConvertible {
        case spawn(String, Int32)
        public var description: String {
            switch self {
            case .spawn(let p, let e): return "can't start \(p): \(String(cString: strerror(e)))"
            }
        }
    }

    /// Seconds on a clock that never jumps.
    public static func monotonic() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Reads whatever output arrives until `deadline` (monotonic seconds), until `stop` accepts the
    /// lines read so far, or until both pipes close. Returns true when the pipes closed.
    @discardableResult
    public func pump(until deadline: Double, stop: ([String]) -> Bool = { _ in false }) -> Bool {
        while outFD >= 0 || errFD >= 0 {
            if stop(lines) { return false }
            let left = deadline - ChildProcess.monotonic()
            if left <= 0 { return false }
            var fds = [
                pollfd(fd: outFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: errFD, events: Int16(POLLIN), revents: 0),
            ]
            let n = poll(&fds, 2, Int32(max(1, min(left * 1000, 1000))))
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            if n == 0 { continue }
            if fds[0].revents != 0 { drain(&outFD, into: &pending, lines: true) }
            if fds[1].revents != 0 { drain(&errFD, into: &errBytes, lines: false) }
        }
        return true
    }

    private func drain(_ fd: inout Int32, into buffer: inout [UInt8], lines split: Bool) {
        guard fd >= 0 else { return }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        if n <= 0 {
            if n < 0 && errno == EINTR { return }
            Glibc.close(fd)
            fd = -1
            return
        }
        buffer.append(contentsOf: chunk[0..<n])
        if split {
            while let nl = buffer.firstIndex(of: 0x0A) {
                lines.append(String(decoding: buffer[..<nl], as: UTF8.self))
                buffer.removeSubrange(...nl)
            }
        }
    }

    /// Sends a signal (SIGKILL for a crash).
    public func kill(_ signal: Int32 = SIGKILL) { if reaped == nil { _ = Glibc.kill(pid, signal) } }

    /// Reads everything left and waits for the process; returns its raw wait status.
    @discardableResult
    public func wait(timeout: Double = 600) -> Int32 {
        if let s = reaped { return s }
        pump(until: ChildProcess.monotonic() + timeout)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        reaped = status
        return status
    }

    /// Output after the last newline (a line the child was killed while writing).
    public var unfinishedLine: String { String(decoding: pending, as: UTF8.self) }
    public var stderr: String { String(decoding: errBytes, as: UTF8.self) }

    /// How the process ended, once `wait` returned: "exit 0", "signal 9".
    public var ending: String {
        guard let s = reaped else { return "running" }
        if s & 0x7F == 0 { return "exit \((s >> 8) & 0xFF)" }
        return "signal \(s & 0x7F)"
    }

    public var exitedNormally: Bool { ending == "exit 0" }
    public var killedBySignal: Int32? {
        guard let s = reaped, s & 0x7F != 0 else { return nil }
        return s & 0x7F
    }

    /// The test-only child next to the test bundle (SwiftPM builds it for the tests that depend on it).
    public static var crashChild: String {
        if let env = ProcessInfo.processInfo.environment["LEADQ_CRASH_CHILD"], !env.isEmpty { return env }
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return dir.appendingPathComponent("leadq-crash-child").path
    }
}
