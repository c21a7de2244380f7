import Foundation
import LeadqApp
import LeadqTestSupport
import Testing

/// Notify commands run by posix_spawn with an argument vector: the alert reaches stdin byte for
/// byte and no shell ever reads it; failures come back in a line.
@Suite struct CommandSpawnTests {
    let runner = SpawnRunner()

    @Test func theAlertReachesStdinVerbatimAndIsNeverRunByAShell() throws {
        let dir = TempDirectory("leadq-spawn")
        let out = dir.file("alert.json")
        let planted = dir.file("planted")
        let payload = "{\"name\":\"$(touch \(planted)); `touch \(planted)` ; rm -rf ~ \u{1B}[31m\"}\n"
        #expect(runner.run(["/bin/cp", "/dev/stdin", out], input: Array(payload.utf8), timeout: 5) == nil)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == payload)
        #expect(!FileManager.default.fileExists(atPath: planted))
        // The program is found on PATH, as curl or sendmail would be.
        #expect(runner.run(["true"], input: [], timeout: 5) == nil)
    }

    @Test func aFailureIsSaidInALine() {
        let failed = runner.run(
            ["/bin/sh", "-c", "read x; echo \"no route to $x\" >&2; exit 7"], input: Array("host\n".utf8), timeout: 5)
        #expect(failed == "exited with status 7: no route to host")
        #expect(
            runner.run(["/nonexistent/pager"], input: [], timeout: 5)
                == "can't start /nonexistent/pager: No such file or directory")
        let start = Date()
        #expect(runner.run(["/bin/sleep", "30"], input: [], timeout: 1) == "still running after 1 s, so it was killed")
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(runner.run(["/bin/sh", "-c", "kill -TERM $$"], input: [], timeout: 5) == "killed by signal 15")
    }

    @Test func aCommandThatLeavesAChildHoldingItsStderrDoesntHoldTheDispatcher() {
        let start = Date()
        #expect(runner.run(["/bin/sh", "-c", "sleep 20 & exit 0"], input: [], timeout: 10) == nil)
        #expect(Date().timeIntervalSince(start) < 5)
    }
}
