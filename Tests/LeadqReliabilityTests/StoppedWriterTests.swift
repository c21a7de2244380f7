import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

/// A writer stopped while it holds the store's lock (SIGSTOP, Ctrl-Z) must not freeze anyone else:
/// readers read the last complete records at once, a writer says whom it waits for after a second
/// and gives up after the settings' timeout, and a console keeps answering keys.
@Suite(.serialized) struct StoppedWriterTests {
    let dir = TempDirectory("leadq-stopped")
    var store: String { dir.path + "/store" }
    let now = "2026-11-23T10:00:00Z"

    func leadq(_ args: [String]) throws -> (LeadqProcess.Result, Double) {
        let start = Date()
        let r = try LeadqProcess.run(args + ["--store", store], env: ["LEADQ_NOW": now])
        return (r, Date().timeIntervalSince(start))
    }

    /// `flock --no-fork -x STORE/lock sleep 120`, stopped once it holds the lock: the stopped writer.
    func stoppedHolder() throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        p.arguments = ["--no-fork", "-x", store + "/lock", "sleep", "120"]
        try p.run()
        let fd = open(store + "/lock", O_RDONLY)
        defer { close(fd) }
        let deadline = Date().addingTimeInterval(10)
        while LockHolder.of(fd)?.pid != p.processIdentifier, Date() < deadline { usleep(5_000) }
        #expect(LockHolder.of(fd)?.pid == p.processIdentifier, "sleep never took the lock")
        kill(p.processIdentifier, SIGSTOP)
        return p
    }

    func release(_ p: Process) {
        kill(p.processIdentifier, SIGKILL)
        kill(p.processIdentifier, SIGCONT)
        p.waitUntilExit()
    }

    func makeStore(timeout: Int) throws -> String {
        let (made, _) = try leadq(["demo", "--leads", "60", "--seed", "3"])
        #expect(made.status == 0, "\(made.stderr)")
        let path = store + "/settings.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "\"lockTimeoutSeconds\": 30", with: "\"lockTimeoutSeconds\": \(timeout)")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let (q, _) = try leadq(["queue", "--json", "--rep", "ana"])
        let rows = try JSONSerialization.jsonObject(with: Data(q.stdout.utf8)) as! [[String: Any]]
        return rows.first { $0["stage"] as? String == "assigned" }!["id"] as! String
    }

    @Test func readersDontWaitAndAWriterNamesTheHolderThenGivesUp() throws {
        let id = try makeStore(timeout: 3)
        let holder = try stoppedHolder()
        defer { release(holder) }
        let pid = holder.processIdentifier
        for args in [["show", id], ["queue", "--rep", "ana"], ["verify"], ["history", id], ["report"]] {
            let (r, seconds) = try leadq(args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(seconds < 1.5, "\(args) took \(seconds) s behind a stopped writer")
        }
        let (accept, seconds) = try leadq(["accept", id, "--rep", "ana"])
        #expect(accept.status == 3, "\(accept.stderr)")
        #expect(accept.stderr.contains("waiting for PID \(pid) (sleep"), "\(accept.stderr)")
        #expect(accept.stderr.contains("gave up after 3 s waiting for PID \(pid) (sleep"), "\(accept.stderr)")
        #expect(accept.stderr.contains("nothing was saved"), "\(accept.stderr)")
        #expect(seconds >= 2.5 && seconds < 8, "\(seconds) s")
        // Once the holder is gone the same action goes through.
        release(holder)
        let (again, _) = try leadq(["accept", id, "--rep", "ana"])
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test func aConsoleStartsAndKeepsAnsweringKeysBehindAStoppedWriter() throws {
        #expect(Tmux.available)
        let id = try makeStore(timeout: 30)
        let holder = try stoppedHolder()
        defer { release(holder) }
        let pid = holder.processIdentifier
        let env = ["LANG": "C.UTF-8", "TERM": "xterm-256color", "TZ": "UTC", "LEADQ_NOW": now, "HOME": dir.path]
        let t = try Tmux(
            width: 120, height: 30, env: env,
            command: "sh -c '\(LeadqProcess.binary) --store \(store) --rep ana; echo EXITED $?; sleep 30'")
        // Waits for what isn't under test are long: a loaded machine may take seconds to start a console.
        try t.wait(for: "in queue", timeout: 30)
        try t.wait(for: "PID \(pid) (sleep", timeout: 30)
        try t.keys("Escape", "/")
        try t.type(id)
        try t.keys("Enter")
        try t.wait(for: "▶\(id)")
        let start = Date()
        try t.keys("a")
        let screen = try t.wait(for: "gave up after", timeout: 5)
        #expect(Date().timeIntervalSince(start) < 3)
        #expect(screen.contains("nothing was saved"), "\(screen)")
        // Still answering: the cursor moves and q quits at once.
        try t.keys("q")
        try t.wait(for: "EXITED 0", timeout: 30)
    }

    /// A console following the store while a stopped writer holds the lock still gets every record
    /// that was made durable before it stopped, and learns after a second who holds the lock.
    @Test func aFollowerReadsWhatWasMadeDurableAndNamesTheHolder() throws {
        let id = try makeStore(timeout: 30)
        let console = try FileStore.open(store)
        let writer = try FileStore.open(store)
        try writer.perform(.accept, on: id, as: "ana", at: Instant(iso8601: now)!)
        let holder = try stoppedHolder()
        defer { release(holder) }
        let first = try console.refresh()
        #expect(first.changed == [id])
        #expect(try console.lead(id)?.stage == .accepted)
        #expect(first.lockHeld == nil)
        usleep(1_100_000)
        let later = try console.refresh()
        #expect(later.lockHeld?.holder?.pid == holder.processIdentifier)
        #expect((later.lockHeld?.seconds ?? 0) >= 1)
        // A store opened now doesn't wait either, and sees the same.
        let opened = try FileStore.open(store)
        #expect(try opened.lead(id)?.stage == .accepted)
    }
}
