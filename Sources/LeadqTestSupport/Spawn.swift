import Foundation

/// Runs a program with posix_spawn and waits for it: its exit status, its standard output if
/// asked for, the wall time and its peak memory.
///
/// Not Foundation's `Process`: a daemon the child starts (tmux's server) inherits Process's child
/// set-up, so waiting for the child would last as long as the daemon; and `wait4` gives the
/// child's peak RSS, which Process doesn't.
public enum Spawn {
    public struct Outcome: Sendable {
        public init(status: Int32, output: String, seconds: Double, maxRSSKiB: Int) {
            (self.status, self.output, self.seconds, self.maxRSSKiB) = (status, output, seconds, maxRSSKiB)
        }

        /// The exit status, or 128 + the signal that ended it.
        public var status: Int32
        /// Standard output, when captured (else empty).
        public var output: String
        /// From just before the spawn to the reaping of the child.
        public var seconds: Double
        /// The child's peak resident set size (`ru_maxrss`), in KiB.
        public var maxRSSKiB: Int
    }

    public enum Stream: Sendable {
        case null
        case inherit
        case capture
    }

    public struct Failure: Error, CustomStringConvertible {
        public var program: String
        public var code: Int32
        public var description: String { "could not start \(program): \(String(cString: strerror(code)))" }
    }

    /// Runs `argv` (searched in PATH) with `env` added to this process's environment. Standard
    /// input is /dev/null; standard error is inherited when `showErrors`, else /dev/null.
    public static func run(
        _ argv: [String], env: [String: String] = [:], stdout: Stream = .null,
        showErrors: Bool = false
    ) throws -> Outcome {
        var fa = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fa)
        defer { posix_spawn_file_actions_destroy(&fa) }
        let fds = try redirect(&fa, stdout: stdout, showErrors: showErrors, program: argv[0])

        var environment = ProcessInfo.processInfo.environment
        for (k, v) in env { environment[k] = v }
        let argvC = argv.map { strdup($0) } + [nil]
        let envC = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for a in argvC { free(a) }
            for e in envC { free(e) }
        }
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        resetSignals(&attr)
        let start = Monotonic.seconds()
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, argv[0], &fa, &attr, argvC, envC)
        if fds[1] >= 0 { close(fds[1]) }
        guard rc == 0 else {
            if fds[0] >= 0 { close(fds[0]) }
            throw Failure(program: argv[0], code: rc)
        }
        let bytes = fds[0] >= 0 ? drain(fds[0]) : []
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Monotonic.seconds() - start
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift doesn't import as macros.
        let signal = status & 0x7f
        let code = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return Outcome(
            status: code, output: String(decoding: bytes, as: UTF8.self), seconds: seconds,
            maxRSSKiB: Int(usage.ru_maxrss))
    }

    /// Standard input from /dev/null, standard output to /dev/null or a pipe (whose two ends are
    /// returned, else -1s), standard error to /dev/null unless `showErrors`.
    static func redirect(
        _ fa: inout posix_spawn_file_actions_t, stdout: Stream, showErrors: Bool, program: String
    ) throws -> [Int32] {
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0)
        var fds: [Int32] = [-1, -1]
        if stdout == .capture {
            guard pipe(&fds) == 0 else { throw Failure(program: program, code: errno) }
            posix_spawn_file_actions_adddup2(&fa, fds[1], 1)
            posix_spawn_file_actions_addclose(&fa, fds[0])
            posix_spawn_file_actions_addclose(&fa, fds[1])
        } else if stdout == .null {
            posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0)
        }
        if !showErrors { posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0) }
        return fds
    }

    /// Every signal at its default and none blocked, as from a login shell: a test runner may
    /// ignore some (SIGTSTP, SIGINT), and the child (tmux's server, the console) would inherit that.
    static func resetSignals(_ attr: inout posix_spawnattr_t) {
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attr, &all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attr, &none)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    }

    /// Everything written to `fd` until its end, then closes it.
    static func drain(_ fd: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                bytes.append(contentsOf: chunk[0..<n])
                continue
            }
            if n < 0 && errno == EINTR { continue }
            break
        }
        close(fd)
        return bytes
    }
}

/// A clock that only moves forward, for measuring durations.
public enum Monotonic {
    public static func seconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    public static func ms(since start: Double) -> Double { (seconds() - start) * 1000 }
}
