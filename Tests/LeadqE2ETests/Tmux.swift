import Foundation
import LeadqTestSupport

/// A private tmux server running one command in a fixed-size window, for end-to-end tests of the
/// console in a real terminal.
final class Tmux {
    let socket = "leadq-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

    init(width: Int = 100, height: Int = 30, env: [String: String], command: String) throws {
        var args = ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)"]
        for (k, v) in env.sorted(by: { $0.key < $1.key }) { args += ["-e", "\(k)=\(v)"] }
        args.append(command)
        // The server this starts outlives the call: it must not inherit a pipe we wait on.
        try Tmux.run(args, capture: false)
    }

    deinit { _ = try? Tmux.run(["-L", socket, "kill-server"], capture: false) }

    @discardableResult
    static func run(_ args: [String], capture: Bool = true) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["tmux"] + args
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        guard capture else {
            try spawn(args)
            return ""
        }
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs tmux without Foundation's Process, whose child set-up the tmux server would inherit:
    /// waiting for that child would then last as long as the server.
    static func spawn(_ args: [String]) throws {
        var pid: pid_t = 0
        var fa = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fa)
        defer { posix_spawn_file_actions_destroy(&fa) }
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0)
        // Start the server with every signal at its default, as from a login shell: a test runner
        // may ignore some (SIGTSTP, SIGINT), and ignored signals would be inherited by the console.
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attr, &all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attr, &none)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv = (["tmux"] + args).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        let rc = posix_spawnp(&pid, "tmux", &fa, &attr, argv, environ)
        guard rc == 0 else { throw E2EError.spawn(rc) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    static var available: Bool { (try? run(["-V"]))?.hasPrefix("tmux") == true }

    /// Key names as tmux knows them ("Enter", "Escape", "C-c", "j").
    func keys(_ keys: String...) throws {
        for k in keys {
            try Tmux.run(["-L", socket, "send-keys", "-t", "0", k], capture: false)
            // Separate keys by more than the console's Esc delay, as a person would.
            usleep(40_000)
        }
    }

    func type(_ text: String) throws { try Tmux.run(["-L", socket, "send-keys", "-t", "0", "-l", text], capture: false) }

    func capture() throws -> String { try Tmux.run(["-L", socket, "capture-pane", "-p", "-t", "0"]) }

    func resize(width: Int, height: Int) throws {
        try Tmux.run(["-L", socket, "resize-window", "-t", "0", "-x", "\(width)", "-y", "\(height)"], capture: false)
    }

    /// Waits until the screen shows `text`, and returns the screen.
    @discardableResult
    func wait(for text: String, timeout: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if screen.contains(text) { return screen }
            usleep(50_000)
        }
        throw E2EError.timeout(text, screen)
    }
}

enum E2EError: Error, CustomStringConvertible {
    case timeout(String, String)
    case spawn(Int32)
    var description: String {
        switch self {
        case .timeout(let text, let screen): return "never saw '\(text)'; the screen was:\n\(screen)"
        case .spawn(let rc): return "could not start tmux (posix_spawn: \(rc))"
        }
    }
}
