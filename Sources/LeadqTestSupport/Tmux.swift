import Foundation

/// A private tmux server running one command in a fixed-size window: the console in a real
/// terminal, for the end-to-end tests and the benchmarks.
public final class Tmux {
    public let socket = "leadq-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

    public init(width: Int = 100, height: Int = 30, env: [String: String], command: String) throws {
        var args = ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)"]
        for (k, v) in env.sorted(by: { $0.key < $1.key }) { args += ["-e", "\(k)=\(v)"] }
        args.append(command)
        try Tmux.run(args, capture: false)
    }

    deinit { _ = try? Tmux.run(["-L", socket, "kill-server"], capture: false) }

    /// Runs a tmux client command; with `capture`, returns what it printed. A command that starts
    /// the server must not capture: the server would inherit the pipe.
    @discardableResult
    public static func run(_ args: [String], capture: Bool = true) throws -> String {
        try Spawn.run(["tmux"] + args, stdout: capture ? .capture : .null).output
    }

    public static var available: Bool { (try? run(["-V"]))?.hasPrefix("tmux") == true }

    /// Key names as tmux knows them ("Enter", "Escape", "C-c", "j").
    public func keys(_ keys: String...) throws {
        for k in keys {
            try Tmux.run(["-L", socket, "send-keys", "-t", "0", k], capture: false)
            // Separate keys by more than the console's Esc delay, as a person would.
            usleep(40_000)
        }
    }

    /// `key` pressed `times` times in one burst, as fast as the terminal takes them (a held key).
    public func burst(_ key: String, times: Int) throws {
        let keys = [String](repeating: key, count: times)
        try Tmux.run(["-L", socket, "send-keys", "-t", "0"] + keys, capture: false)
    }

    public func type(_ text: String) throws {
        try Tmux.run(["-L", socket, "send-keys", "-t", "0", "-l", text], capture: false)
    }

    /// Bytes as a terminal would send them (a mouse report), written to the pane as they are.
    public func bytes(_ bytes: [UInt8]) throws {
        let hex = bytes.map { String(format: "%02x", $0) }
        try Tmux.run(["-L", socket, "send-keys", "-t", "0", "-H"] + hex, capture: false)
    }

    /// A pane's flag as tmux keeps it (`mouse_any_flag`: whether the program asked for mouse reports).
    public func paneFlag(_ name: String) throws -> String {
        try Tmux.run(["-L", socket, "display-message", "-p", "-t", "0", "#{\(name)}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func capture() throws -> String { try Tmux.run(["-L", socket, "capture-pane", "-p", "-t", "0"]) }

    /// Kills what the pane runs and runs `command` in it instead. The pane stays when its command
    /// ends, so the server does too and the pane can be respawned again.
    public func respawn(_ command: String) throws {
        try Tmux.run(["-L", socket, "set-option", "-g", "remain-on-exit", "on"], capture: false)
        try Tmux.run(["-L", socket, "respawn-pane", "-k", "-t", "0", command], capture: false)
    }

    /// The process id of what the pane runs.
    public func panePID() throws -> pid_t? {
        pid_t(
            try Tmux.run(["-L", socket, "display-message", "-p", "-t", "0", "#{pane_pid}"])
                .trimmingCharacters(in: .whitespacesAndNewlines))
    }

    public func resize(width: Int, height: Int) throws {
        try Tmux.run(["-L", socket, "resize-window", "-t", "0", "-x", "\(width)", "-y", "\(height)"], capture: false)
    }

    /// Waits until the screen shows `text`, and returns the screen. The timeout is generous: a CI
    /// machine running every suite at once on two cores can take seconds to start a console, and
    /// only a failing wait ever lasts that long. A capture that fails (the server busy) is retried.
    @discardableResult
    public func wait(for text: String, timeout: Double = 30) throws -> String {
        try wait(until: text, timeout: timeout) { $0.contains(text) }
    }

    /// The first capture `done` accepts. A capture can land between two of ncurses' writes (the
    /// header drawn, the rows not yet), so a test that reads rows waits for the rows themselves.
    public func wait(until what: String, timeout: Double = 30, _ done: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        var lastError: Error?
        while Date() < deadline {
            do {
                screen = try capture()
                lastError = nil
            } catch {
                lastError = error
            }
            if done(screen) { return screen }
            usleep(50_000)
        }
        if let lastError, screen.isEmpty { throw lastError }
        throw E2EError.timeout(what, screen)
    }
}

public enum E2EError: Error, CustomStringConvertible {
    case timeout(String, String)
    public var description: String {
        switch self {
        case .timeout(let text, let screen): return "never saw '\(text)'; the screen was:\n\(screen)"
        }
    }
}
