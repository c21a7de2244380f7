#if Postgres
import Foundation
import LeadqDomain
import LeadqStore
import LeadqTestSupport
import Testing

/// What `leadq` says when PostgreSQL fails it: a lock or a statement that times out, a connection
/// refused (a wrong password, no such database, the server down). Each is one line on stderr
/// naming the store (its URL without the password) and exit code 3, and nothing is saved.
@Suite(.serialized, .enabled(if: StoreKinds.skipped == nil, "no PostgreSQL server for the tests"))
struct PostgresFailureTests {
    let now = "2026-11-23T10:00:00Z"

    func leadq(_ args: [String], store: String, env: [String: String] = [:]) throws -> LeadqProcess.Result {
        try LeadqProcess.run(args + ["--store", store], env: env.merging(["LEADQ_NOW": now]) { a, _ in a })
    }

    /// One line, naming the store, saying `words`; exit 3.
    func expectOneLine(_ r: LeadqProcess.Result, naming store: String, _ words: String, hiding secret: String? = nil) {
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        #expect(r.status == 3, "\(r.stderr)")
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("leadq: "), "\(r.stderr)")
        #expect(r.stderr.contains(store), "\(r.stderr)")
        #expect(r.stderr.contains(words), "\(r.stderr)")
        if let secret { #expect(!r.stderr.contains(secret) && !r.stdout.contains(secret), "\(r.stderr)") }
    }

    @Test func aLockHeldPastTheTimeoutIsOneLineAndExit3() throws {
        let place = try PostgresHarness.kind.place()
        var settings = Fixture.settings
        settings.lockTimeoutSeconds = 1
        _ = try place.create(settings: settings, leads: Fixture.storeLeads())
        let holder = try PostgresRaw(url: place.location)
        try holder.run("BEGIN")
        try holder.run("SELECT last_seq FROM counters FOR UPDATE")
        let r = try leadq(["accept", "L-00001", "--rep", "ana"], store: place.location)
        try holder.run("ROLLBACK")
        expectOneLine(r, naming: place.location, "gave up after 1 s waiting for another process")
        #expect(try place.open().lead("L-00001")?.stage == .assigned)
    }

    @Test func aStatementPastTheServersTimeoutIsOneLineAndExit3() throws {
        let (url, name) = try PostgresHarness.freshDatabase()
        let place = PostgresHarness.place(url: url)
        _ = try place.create(settings: Fixture.settings, leads: Fixture.storeLeads())
        try PostgresRaw(url: try PostgresHarness.server.get()).run(
            "ALTER DATABASE \(name) SET statement_timeout = '300ms'")
        // The lead's row held by another session: the accept waits on it past the server's limit.
        let holder = try PostgresRaw(url: url)
        try holder.run("BEGIN")
        try holder.run("SELECT id FROM leads WHERE id = 'L-00001' FOR UPDATE")
        let r = try leadq(["accept", "L-00001", "--rep", "ana"], store: url)
        try holder.run("ROLLBACK")
        expectOneLine(r, naming: url, "canceling statement due to statement timeout")
        #expect(try place.open().lead("L-00001")?.stage == .assigned)
    }

    @Test func aRefusedConnectionIsOneLineAndExit3() throws {
        let cluster = try PostgresCluster(password: "right-horse")
        defer { cluster.remove() }
        let dir = cluster.directory
        let wrong = "postgresql://leadq:wrong-horse@/postgres?host=\(dir)&schema=s"
        expectOneLine(
            try leadq(["queue", "--rep", "ana"], store: wrong), naming: "postgresql://leadq@/postgres?host=\(dir)",
            "password authentication failed", hiding: "wrong-horse")
        let viaEnv = try leadq(
            ["queue", "--rep", "ana"], store: "postgresql://leadq@/postgres?host=\(dir)&schema=s",
            env: ["PGPASSWORD": "wrong-horse"])
        expectOneLine(
            viaEnv, naming: "postgresql://leadq@/postgres?host=\(dir)", "password authentication failed",
            hiding: "wrong-horse")
        let noDatabase = "postgresql://leadq:right-horse@/nosuch?host=\(dir)&schema=s"
        expectOneLine(
            try leadq(["queue", "--rep", "ana"], store: noDatabase), naming: "postgresql://leadq@/nosuch?host=\(dir)",
            "database \"nosuch\" does not exist", hiding: "right-horse")
        try cluster.stop()
        let down = "postgresql://leadq:right-horse@/postgres?host=\(dir)&schema=s"
        expectOneLine(
            try leadq(["queue", "--rep", "ana"], store: down), naming: "postgresql://leadq@/postgres?host=\(dir)",
            "can't connect", hiding: "right-horse")
    }
}
#endif
