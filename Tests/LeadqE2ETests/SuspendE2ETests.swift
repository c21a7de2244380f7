import Foundation
import LeadqTestSupport
import Testing

/// Ctrl-Z stops the screen whenever it comes, frames being written included: ncurses ignores
/// SIGTSTP while it writes a frame, and a Ctrl-Z typed then used to be lost (the console went on
/// running). The test program draws frame after frame in a real terminal, so most Ctrl-Zs land
/// inside a frame's writing.
@Suite(.serialized) struct SuspendE2ETests {
    let env = ["LANG": "C.UTF-8", "TERM": "xterm-256color"]

    /// The state letter of /proc/PID/stat ("T" stopped, "R"/"S" running).
    static func state(_ pid: pid_t) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        return stat[stat.index(close, offsetBy: 2)...].split(separator: " ").first.map(String.init)
    }

    static func waitFor(_ pid: pid_t, stopped: Bool, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (SuspendE2ETests.state(pid) == "T") == stopped { return true }
            usleep(5_000)
        }
        return false
    }

    /// Under an interactive shell, as a user runs it: a process group without a job-control
    /// parent (an orphan) is never stopped by SIGTSTP at all.
    @Test func everyCtrlZStopsTheScreenEvenWhileAFrameIsWritten() throws {
        let t = try Tmux(width: 200, height: 60, env: env, command: "bash --norc --noprofile -i")
        try t.wait(for: "bash")
        try t.type(ChildProcess.crashChild + " frames")
        try t.keys("Enter")
        try t.wait(for: "frame")
        let shell = try #require(try t.panePID())
        let children = try Spawn.run(["pgrep", "-P", "\(shell)"], stdout: .capture).output
        let pid = try #require(children.split(separator: "\n").first.flatMap { pid_t($0) })
        var stops = 0
        for i in 0..<40 {
            usleep(UInt32(3_000 + (i * 7_919) % 40_000))
            try t.keys("C-z")
            if SuspendE2ETests.waitFor(pid, stopped: true, seconds: 3) { stops += 1 }
            try t.type("fg")
            try t.keys("Enter")
            #expect(SuspendE2ETests.waitFor(pid, stopped: false, seconds: 5), "it goes on after fg")
            try t.wait(until: "drawing") { $0.contains("frame") || $0.contains("FRAME") }
        }
        #expect(stops == 40, "every Ctrl-Z stopped it")
        try t.keys("q")
        let deadline = Date().addingTimeInterval(5)
        while kill(pid, 0) == 0 && Date() < deadline { usleep(10_000) }
        #expect(kill(pid, 0) != 0, "q ended it")
    }
}
