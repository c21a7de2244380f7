import Foundation
import LeadqTestSupport
import LeadqUI

/// The real console (`leadq` on curses) in a tmux window: how long from launch until the first
/// full queue screen is on the terminal, and its peak memory while it is used.
struct TmuxConsole {
    let binary: String
    let env: [String: String]
    let size: Size

    struct Run {
        var startMs: Double
        /// VmHWM after scrolling, a filter, the detail pane and back.
        var rssScrolledMiB: Double
        /// VmHWM after the stats page, which reads every lead on a background thread.
        /// Nil when the page didn't show its figures within `statsTimeout`.
        var rssStatsMiB: Double?
        /// `S` → the stats page's figures shown; nil when they didn't come within `statsTimeout`.
        var statsMs: Double?
        /// CPU used over two seconds with nothing typed, as a share of one core (%).
        var idlePercent: Double
        /// Another process's change (`change`) made → the header redrawn; nil without one.
        var changeMs: Double?
        /// `q` → the queue's rows gone from the terminal.
        var quitMs: Double
    }

    /// What must be on the screen for the first frame to count as shown: text of the first and
    /// the last queue rows of the first page (curses draws top to bottom).
    struct FirstScreen {
        var first: String
        var last: String
    }

    private func command(_ args: [String]) -> String {
        let vars = env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        // Quoted for the pane's shell: a PostgreSQL URL holds `?` and `&`.
        return (["exec", "env"] + (vars + [binary] + args).map(TmuxConsole.quoted)).joined(separator: " ")
    }

    static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// tmux's own share of the start figure: respawning the pane with a shell that prints a word,
    /// until the word is on the screen.
    func overheadMs(runs: Int) throws -> Samples {
        let t = try Tmux(width: size.width, height: size.height, env: [:], command: "sleep 3600")
        var out = Samples()
        for i in 0..<runs {
            let word = "ready-\(i)"
            let t0 = Monotonic.seconds()
            try t.respawn("exec sh -c 'echo \(word); exec sleep 3600'")
            try poll(t, timeout: 10) { $0.contains(word) }
            out.add(Monotonic.ms(since: t0))
        }
        return out
    }

    /// `change`, when given, makes a change from another process (run i) that the header shows.
    func measure(
        store: String, args: [String], expect: FirstScreen, runs: Int, change: ((Int) throws -> Void)? = nil
    ) throws -> [Run] {
        let t = try Tmux(width: size.width, height: size.height, env: [:], command: "sleep 3600")
        var out: [Run] = []
        // One launch first, not counted: the binary and the store into the page cache.
        for i in 0...runs {
            let t0 = Monotonic.seconds()
            try t.respawn(command(["--store", store] + args))
            try poll(t, timeout: 30) { $0.contains(expect.first) && $0.contains(expect.last) }
            let start = Monotonic.ms(since: t0)
            guard let pid = try t.panePID() else { throw BenchError("tmux did not say which process the console is") }
            let idle = try idlePercent(pid)
            var changeMs: Double?
            if let change {
                let header = try t.capture().split(separator: "\n").prefix(2)
                try change(i)
                let t1 = Monotonic.seconds()
                try poll(t, timeout: 10) { $0.split(separator: "\n").prefix(2) != header }
                changeMs = Monotonic.ms(since: t1)
            }
            // Use it: scroll, a filter, the detail pane; every key drawn before the next.
            for keys in [
                ["NPage", "NPage", "NPage", "NPage"], ["j", "j", "j", "j", "j", "j"], ["G"], ["g"], ["/"], ["m", "a"],
                ["Escape"], ["Enter"], ["J", "J"], ["Enter"], ["k", "k", "k"],
            ] {
                try send(t, keys)
            }
            let scrolled = try peakRSSMiB(pid)
            let t3 = Monotonic.seconds()
            try send(t, ["S"])
            let shown = try wait(t, timeout: TmuxConsole.statsTimeout) { $0.contains("Leads handled") }
            let statsMs = shown ? Monotonic.ms(since: t3) : nil
            let stats = shown ? try peakRSSMiB(pid) : nil
            try send(t, ["Escape"])
            let t2 = Monotonic.seconds()
            try Tmux.run(["-L", t.socket, "send-keys", "-t", "0", "q"], capture: false)
            try poll(t, timeout: 10) { !$0.contains(expect.first) }
            let quit = Monotonic.ms(since: t2)
            if i > 0 {
                out.append(
                    Run(
                        startMs: start, rssScrolledMiB: scrolled, rssStatsMiB: stats, statsMs: statsMs,
                        idlePercent: idle,
                        changeMs: changeMs, quitMs: quit))
            }
        }
        return out
    }

    /// `q` typed as soon as the console is started, so it lands while the console loads (a
    /// manager's at 1M reads for over half a second), timed until the console's process has ended,
    /// the terminal given back: the loading screen answering `q` rather than the load finishing first.
    func quitWhileLoading(store: String, args: [String], runs: Int) throws -> [Double] {
        let t = try Tmux(width: size.width, height: size.height, env: [:], command: "sleep 3600")
        var out: [Double] = []
        // One launch first, not counted, as `measure` does.
        for i in 0...runs {
            try t.respawn(command(["--store", store] + args))
            let t0 = Monotonic.seconds()
            try Tmux.run(["-L", t.socket, "send-keys", "-t", "0", "q"], capture: false)
            while try Tmux.run(["-L", t.socket, "display-message", "-p", "-t", "0", "#{pane_dead}"]).hasPrefix("0") {
                guard Monotonic.seconds() - t0 < 30 else {
                    throw BenchError("the console didn't end within 30 s of a `q` typed while it loaded")
                }
                usleep(2_000)
            }
            if i > 0 { out.append(Monotonic.ms(since: t0)) }
        }
        return out
    }

    private func send(_ t: Tmux, _ keys: [String]) throws {
        let before = try t.capture()
        try Tmux.run(["-L", t.socket, "send-keys", "-t", "0"] + keys, capture: false)
        // Until the screen changed (or a moment passed: a key may leave it as it was).
        let deadline = Monotonic.seconds() + 0.3
        while Monotonic.seconds() < deadline, try t.capture() == before { usleep(2_000) }
    }

    /// How long the stats page may take before the run goes on without its figures.
    static let statsTimeout = 120.0

    private func poll(_ t: Tmux, timeout: Double, until done: (String) -> Bool) throws {
        var screen = ""
        guard
            try wait(
                t, timeout: timeout,
                until: {
                    screen = $0
                    return done($0)
                })
        else {
            throw BenchError("the console never showed what was awaited; the terminal showed:\n\(screen)")
        }
    }

    /// Whether the screen came to satisfy `done` within `timeout` seconds.
    private func wait(_ t: Tmux, timeout: Double, until done: (String) -> Bool) throws -> Bool {
        let start = Monotonic.seconds()
        let deadline = start + timeout
        while Monotonic.seconds() < deadline {
            if done(try t.capture()) { return true }
            // Each capture starts a tmux client: every 2 ms they took three quarters of a core,
            // and on two cores that slowed the very work being waited for (the stats page's
            // readers). So the pause grows with the wait, to a fiftieth of it (2 to 50 ms): a
            // long wait is measured to within 2%, a short one to within 2 ms.
            let waited = Monotonic.seconds() - start
            usleep(UInt32(min(50_000, max(2_000, waited * 20_000))))
        }
        return false
    }

    /// The CPU the process uses over two seconds, in percent of one core (`/proc/PID/stat`'s
    /// utime and stime, in clock ticks).
    func idlePercent(_ pid: pid_t) throws -> Double {
        func ticks() throws -> Double {
            let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
            // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
            guard let close = stat.lastIndex(of: ")") else { throw BenchError("unreadable /proc/\(pid)/stat") }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 12, let u = Double(fields[11]), let s = Double(fields[12]) else {
                throw BenchError("unreadable /proc/\(pid)/stat")
            }
            return u + s
        }
        let before = try ticks()
        let t0 = Monotonic.seconds()
        usleep(2_000_000)
        let seconds = Monotonic.seconds() - t0
        return (try ticks() - before) / Double(sysconf(Int32(_SC_CLK_TCK))) / seconds * 100
    }

    /// The process's peak resident set size so far (VmHWM).
    func peakRSSMiB(_ pid: pid_t) throws -> Double {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kib = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else {
            throw BenchError("no VmHWM in /proc/\(pid)/status")
        }
        return kib / 1024
    }
}
