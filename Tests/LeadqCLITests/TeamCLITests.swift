import Foundation
import LeadqTestSupport
import Testing

/// `leadq team add` on every kind of store, and on PostgreSQL who you are: the role you log in as.
@Suite struct TeamCLITests {
    func leadq(_ args: [String], store: String, env: [String: String] = [:]) throws -> LeadqProcess.Result {
        try LeadqProcess.run(
            args + ["--store", store], env: env.merging(["LEADQ_NOW": "2026-11-23T10:00:00Z"]) { a, _ in a })
    }

    @Test(arguments: StoreKinds.all)
    func teamAddPutsAMemberOnTheTeamOnce(_ kind: StoreKind) throws {
        let place = try kind.place()
        _ = try place.create()
        // Database roles are the whole server's: a name of this run's own.
        let id = "zed\(UInt32.random(in: 1...UInt32.max))"
        let added = try leadq(["team", "add", id, "--name", "Zed Ng", "--team", "emea"], store: place.location)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.hasPrefix("Added \(id) (Zed Ng, rep, team emea) to the team"), "\(added.stdout)")
        let again = try leadq(["team", "add", id, "--name", "Zed Ng"], store: place.location)
        #expect(again.status == 1)
        #expect(again.stderr.hasPrefix("leadq: \(id) is already on the team (Zed Ng, rep)"), "\(again.stderr)")
        let nameless = try leadq(["team", "add", "yan"], store: place.location)
        #expect(nameless.status == 2)
        #expect(nameless.stderr == "leadq: yan needs a name (--name)\n")
        let queue = try leadq(["queue", "--rep", id], store: place.location)
        #expect(queue.status == 0, "\(queue.stderr)")
        #expect(try leadq(["verify"], store: place.location).status == 0)
    }

    @Test func aDirectoryHasNoLoginsToMap() throws {
        let place = try StoreKinds.file.place()
        _ = try place.create()
        let r = try leadq(["team", "add", "yan", "--name", "Yan Li", "--role", "yan_db"], store: place.location)
        #expect(r.status == 2)
        #expect(r.stderr == "leadq: --role maps a PostgreSQL login role; a store in a directory has no logins\n")
    }

    #if Postgres
    /// The dispatcher writes as `dispatch`, which the server lets a manager's login do and no rep's.
    @Test(.enabled(if: StoreKinds.skipped == nil, "no PostgreSQL server for the tests"))
    func onPostgreSQLAManagersLoginRunsTheDispatcherAndARepsCant() throws {
        let owner = try PostgresHarness.freshURL()
        #expect(try leadq(["demo", "--leads", "60", "--seed", "3"], store: owner).status == 0)
        let schema = owner.components(separatedBy: "schema=").last!
        for rep in ["mia", "ana"] {
            try PostgresRaw(url: owner).run("CREATE ROLE \"\(rep)_\(schema)\" LOGIN")
            #expect(try leadq(["team", "add", rep, "--role", "\(rep)_\(schema)"], store: owner).status == 0)
        }
        let events = { try self.leadq(["export", "--format", "jsonl", "--events"], store: owner).stdout }
        let before = try events()
        let asAna = try leadq(["dispatch", "--once"], store: owner + "&user=ana_\(schema)")
        #expect(asAna.status == 1)
        #expect(asAna.stderr.contains("acting as dispatch is refused"), "\(asAna.stderr)")
        #expect(try events() == before, "a rep's dispatcher saved something")
        let asMia = try leadq(["dispatch", "--once"], store: owner + "&user=mia_\(schema)")
        #expect(asMia.status == 0, "\(asMia.stderr)")
        #expect(asMia.stdout.contains(" routed L-"), "\(asMia.stdout)")
        #expect(try events() != before)
        let routed = try #require(asMia.stdout.firstMatch(of: /routed (L-\d{5})/)?.1)
        let history = try leadq(["history", String(routed)], store: owner).stdout
        #expect(history.contains("dispatch"), "\(history)")
        #expect(try leadq(["verify"], store: owner).status == 0)
    }

    @Test(.enabled(if: StoreKinds.skipped == nil, "no PostgreSQL server for the tests"))
    func onPostgreSQLYouActAsTheRoleYouLogInAs() throws {
        let place = try PostgresHarness.kind.place()
        _ = try place.create()
        let owner = place.location
        let role = "ana_" + owner.components(separatedBy: "schema=").last!
        try PostgresRaw(url: owner).run("CREATE ROLE \"\(role)\" LOGIN")
        let mapped = try leadq(["team", "add", "ana", "--role", role], store: owner)
        #expect(mapped.status == 0, "\(mapped.stderr)")
        #expect(
            mapped.stdout
                == "ana (Ana Souza, rep, team emea) was on the team already; they log in as the database role \(role)\n"
        )
        let ana = owner + "&user=\(role)"

        let queue = try leadq(["queue"], store: ana)
        #expect(queue.status == 0, "\(queue.stderr)")
        #expect(queue.stdout.contains("L-00001") && !queue.stdout.contains("L-00004"), "\(queue.stdout)")
        let refusal =
            "leadq: you are logged in to the store as \(role) (ana); acting as ben is refused: on this store you act as the member you log in as\n"
        let asBen = try leadq(["accept", "L-00004", "--rep", "ben"], store: ana)
        #expect(asBen.status == 1)
        #expect(asBen.stderr == refusal)
        let viaEnv = try leadq(["accept", "L-00004"], store: ana, env: ["LEADQ_REP": "ben"])
        #expect(viaEnv.status == 1)
        #expect(viaEnv.stderr == refusal)
        let own = try leadq(["accept", "L-00001"], store: ana)
        #expect(own.status == 0, "\(own.stderr)")
        #expect(own.stdout.hasSuffix("· saved\n"), "\(own.stdout)")
        let notOwner = try leadq(["team", "add", "yan", "--name", "Yan Li"], store: ana)
        #expect(notOwner.status == 1)
        #expect(notOwner.stderr.hasPrefix("leadq: only the store's owner"), "\(notOwner.stderr)")

        // The owner is no member: it acts for the member it names.
        let forBen = try leadq(["accept", "L-00004", "--rep", "ben"], store: owner)
        #expect(forBen.status == 0, "\(forBen.stderr)")
        let history = try leadq(["history", "L-00001"], store: owner)
        #expect(history.stdout.contains("ana"), "\(history.stdout)")
        #expect(try leadq(["verify"], store: owner).status == 0)
    }
    #endif
}
