import Foundation
import LeadqTestSupport
import Testing

/// A console whose first load takes a while (a manager's team view of 60,000 leads, in the debug
/// build: since the list is read as columns, 20,000 loaded too fast for the loading line to be
/// seen): the screen says what it is reading instead of staying blank, and `q` or Ctrl-C end it
/// there and then, leaving the terminal to the shell.
@Suite(.serialized) struct LoadingE2ETests {
    let dir = TempDirectory("leadq-e2e-load")
    var store: String { dir.path + "/store" }
    let now = "2026-11-23T10:00:00Z"
    var env: [String: String] {
        ["LANG": "C.UTF-8", "TERM": "xterm-256color", "TZ": "UTC", "LEADQ_NOW": now, "HOME": dir.path]
    }

    init() throws {
        #expect(Tmux.available, "tmux is needed for the end-to-end tests (.ci/run installs it)")
        let made = try LeadqProcess.run(
            ["demo", "--leads", "60000", "--seed", "42", "--store", store], env: ["LEADQ_NOW": now])
        #expect(made.status == 0)
    }

    /// The manager's console as a shell runs it (the shell ignoring Ctrl-C); the shell says how it ended.
    func teamConsole() throws -> Tmux {
        try Tmux(
            width: 100, height: 30, env: env,
            command:
                "sh -c 'trap true INT; \(LeadqProcess.binary) --store \(store) --rep mia; echo EXITED $?; sleep 30'")
    }

    @Test(arguments: ["q", "C-c"])
    func aKeyThatQuitsEndsTheConsoleWhileItLoads(_ key: String) throws {
        let t = try teamConsole()
        try t.wait(for: "Reading every queue and the pool from the store")
        try t.keys(key)
        let screen = try t.wait(for: "EXITED 0")
        // The console's screen is gone: the terminal is the shell's again.
        #expect(!screen.contains("team view"))
        #expect(!screen.contains("Reading every queue"))
    }

    /// The loading line counts the leads read so far, so a long wait shows it is getting somewhere.
    @Test func theLoadingLineCountsTheLeadsRead() throws {
        let t = try teamConsole()
        let screen = try t.wait(for: " leads, ")
        let line = try #require(screen.split(separator: "\n").first { $0.contains("Reading every queue") })
        let count = line.split(separator: "…").last?.split(separator: " ").first.flatMap { Int($0) }
        #expect((count ?? 0) > 0, "\(line)")
        try t.keys("q")
        try t.wait(for: "EXITED 0")
    }

    @Test func keysTypedWhileLoadingActOnTheLoadedQueue() throws {
        let t = try teamConsole()
        try t.wait(for: "Reading every queue and the pool from the store")
        // The help page, asked for before the queue is there.
        try t.keys("?")
        let screen = try t.wait(for: "Keys", timeout: 60)
        #expect(!screen.contains("Reading every queue"))
        try t.keys("Escape", "q")
        try t.wait(for: "EXITED 0")
    }
}
