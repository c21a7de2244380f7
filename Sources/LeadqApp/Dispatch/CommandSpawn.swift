import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a notify command. Lead text never reaches a shell: the program gets an argument vector from
/// the settings and the alert as JSON on its stdin.
public protocol CommandRunner: Sendable {
    /// Runs `argv` with `input` on stdin; nil when it succeeded, else what went wrong, in a line.
    func run(_ argv: [String], input: [UInt8], timeout: Double) -> String?
}

/// posix_spawnp(3): the program is found on PATH, stdout goes to /dev/null, stderr is kept for the
/// report, and a command still running after `timeout` is killed.
public struct SpawnRunner: CommandRunner {
    public init() {}

    public func run(_ argv: [String], input: [UInt8], timeout: Double) -> String? {
        guard let program = argv.first else { return "no program to run" }
        var stdin: [Int32] = [-1, -1]
        var stderr: [Int32] = [-1, -1]
        // Pipes and spawn under one lock: another delivery's child must not inherit these pipes in
        // the moment before they are marked close-on-exec (it would hold stdin open).
        Self.spawning.lock()
        guard Self.pipe(&stdin), Self.pipe(&stderr) else {
            Self.spawning.unlock()
            for fd in stdin + stderr where fd >= 0 { close(fd) }
            return "can't make a pipe: \(String(cString: strerror(errno)))"
        }
        let spawned = spawn(argv, stdin: stdin[0], stderr: stderr[1])
        Self.spawning.unlock()
        close(stdin[0])
        close(stderr[1])
        guard case .started(let pid) = spawned else {
            close(stdin[1])
            close(stderr[0])
            if case .failed(let code) = spawned { return "can't start \(program): \(String(cString: strerror(code)))" }
            return nil
        }
        Self.write(input, to: stdin[1])
        close(stdin[1])
        let (status, said, timedOut) = Self.wait(pid, reading: stderr[0], timeout: timeout)
        close(stderr[0])
        if timedOut { return "still running after \(Int(timeout)) s, so it was killed" }
        return Self.explain(status, said)
    }

    /// Starts the program with fresh signal handling (the dispatcher ignores SIGPIPE and catches
    /// SIGTERM; its commands must not inherit that) and the pipes as its stdin and stderr.
    private func spawn(_ argv: [String], stdin: Int32, stderr: Int32) -> Spawned {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGPIPE, SIGTERM, SIGINT, SIGHUP] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attr, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attr, &mask)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cargs { free(p) } }
        let env = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in env { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, argv[0], &actions, &attr, cargs, env)
        return rc == 0 ? .started(pid) : .failed(rc)
    }

    private static let spawning = NSLock()

    private static func pipe(_ fds: inout [Int32]) -> Bool {
        guard Glibc.pipe(&fds) == 0 else { return false }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return true
    }

    enum Spawned {
        case started(pid_t)
        case failed(Int32)
    }

    /// The alert is small (a few KB) and the pipe empty, so this doesn't wait on the command; one
    /// that exits without reading gets EPIPE here, which its exit status then explains.
    private static func write(_ bytes: [UInt8], to fd: Int32) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }

    /// Reads the command's stderr until it exits or the time is up (then kills it), and reaps it.
    /// Once it has exited, what is left in the pipe is read and no more: a child it left behind
    /// may hold the pipe open.
    private static func wait(_ pid: pid_t, reading fd: Int32, timeout: Double) -> (Int32, String, Bool) {
        let deadline = Date().addingTimeInterval(timeout)
        var said: [UInt8] = []
        var status: Int32 = 0
        var buffer = [UInt8](repeating: 0, count: 4096)
        var exited = false
        var open = true
        while true {
            if !exited && waitpid(pid, &status, WNOHANG) == pid { exited = true }
            if open {
                var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                if poll(&p, 1, exited ? 0 : 50) > 0 {
                    let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                    if n > 0 {
                        said = Array((said + buffer[0..<n]).suffix(2048))
                        continue
                    }
                    open = false
                } else if exited {
                    open = false
                }
            } else if !exited {
                usleep(20_000)
            }
            if exited && !open { return (status, String(decoding: said, as: UTF8.self), false) }
            if Date() >= deadline {
                if !exited {
                    kill(pid, SIGKILL)
                    waitpid(pid, &status, 0)
                }
                return (status, "", !exited)
            }
        }
    }

    /// nil for exit status 0; else the status or signal, and the last line it wrote to stderr.
    static func explain(_ status: Int32, _ said: String) -> String? {
        let last = said.split(whereSeparator: \.isNewline).last.map { ": " + String($0.prefix(200)) } ?? ""
        let signal = status & 0x7F
        if signal != 0 { return "killed by signal \(signal)\(last)" }
        let code = (status >> 8) & 0xFF
        return code == 0 ? nil : "exited with status \(code)\(last)"
    }
}
