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
        var rssStatsMiB: Double
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

    func measure(store: String, args: [String], expect: FirstScreen, runs: Int) throws -> [Run] {
        let t = try Tmux(width: size.width, height: size.height, env: [:], command: "sleep 3600")
        var out: [Run] = []
        // One launch first, not counted: the binary and the store into the page cache.
        for i in 0...runs {
            let t0 = Monotonic.seconds()
            try t.respawn(command(["--store", store] + args))
            try poll(t, timeout: 30) { $0.contains(expect.first) && $0.contains(expect.last) }
            let start = Monotonic.ms(since: t0)
            guard let pid = try t.panePID() else { throw BenchError("tmux did not say which process the console is") }
            // Use it: scroll, a filter, the detail pane; every key drawn before the next.
            for keys in [
                ["NPage", "NPage", "NPage", "NPage"], ["j", "j", "j", "j", "j", "j"], ["G"], ["g"], ["/"], ["m", "a"],
                ["Escape"], ["Enter"], ["J", "J"], ["Enter"], ["k", "k", "k"],
            ] {
                try send(t, keys)
            }
            let scrolled = try peakRSSMiB(pid)
            try send(t, ["S"])
            try poll(t, timeout: 60) { $0.contains("Leads handled") }
            let stats = try peakRSSMiB(pid)
            try send(t, ["Escape"])
            try send(t, ["q"])
            if i > 0 { out.append(Run(startMs: start, rssScrolledMiB: scrolled, rssStatsMiB: stats)) }
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

    private func poll(_ t: Tmux, timeout: Double, until done: (String) -> Bool) throws {
        let deadline = Monotonic.seconds() + timeout
        var screen = ""
        while Monotonic.seconds() < deadline {
            screen = try t.capture()
            if done(screen) { return }
        }
        throw BenchError("the console never showed its first screen; the terminal showed:\n\(screen)")
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
