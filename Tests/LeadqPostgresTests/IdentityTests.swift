#if Postgres
import LeadqCodec
import LeadqDomain
import LeadqPostgres
import LeadqStore
import LeadqTestSupport
import Testing

/// A store the owner made (L-00001 assigned to ana, L-00002 accepted by ana, L-00003 in the pool,
/// L-00004 ben's), with ana, ben and mia (a manager) given login roles of their own.
struct LoggedInTeam {
    let owner: String
    let store: PostgresStore
    private let schema: String

    /// `version`: made by the leadq that wrote that schema version, then migrated.
    init(version: Int? = nil) throws {
        owner = try PostgresHarness.freshURL()
        if let version {
            try PostgresStore.createAtVersion(
                version, url: owner, settings: Fixture.settings, leads: Fixture.storeLeads())
            _ = try PostgresStore.migrate(url: owner)
            store = try PostgresStore.open(url: owner)
        } else {
            store = try PostgresStore.create(url: owner, settings: Fixture.settings, leads: Fixture.storeLeads())
        }
        schema = try PostgresTarget.resolve(owner, environment: [:]).schema
        let raw = try PostgresRaw(url: owner)
        for rep in ["ana", "ben", "mia"] {
            // Roles are the whole server's: each test's are its own.
            try raw.run("CREATE ROLE \"\(role(rep))\" LOGIN")
            _ = try store.addMember(Fixture.settings.rep(rep)!, role: role(rep))
        }
    }

    func role(_ rep: String) -> String { "\(rep)_\(schema)" }
    /// The store's URL, logged in as the member's role.
    func url(_ rep: String) -> String { owner + "&user=\(role(rep))" }
    func psql(_ rep: String) throws -> PostgresRaw { try PostgresRaw(url: url(rep)) }
}

@Suite(.enabled(if: StoreKinds.skipped == nil, "no PostgreSQL server for the tests"))
struct IdentityTests {
    @Test func aRepWithPsqlCanRewriteNoOtherRepsLead() throws {
        let team = try LoggedInTeam()
        let before = try team.store.dump()
        let ana = try team.psql("ana")
        #expect(try ana.run("UPDATE leads SET stage = 'won' WHERE id = 'L-00004' RETURNING id") == [])
        #expect(try ana.run("UPDATE leads SET owner = 'ana' WHERE owner = 'ben' RETURNING id") == [])
        #expect(ana.refusal("DELETE FROM leads")?.contains("permission denied") == true)
        #expect(
            ana.refusal(
                "INSERT INTO leads SELECT 'L-00099', version, stage, owner, score, assigned_at, origin_key, email_key, name, company, body FROM leads WHERE id = 'L-00001'"
            )?.contains("row-level security") == true)
        #expect(try team.store.dump() == before)
    }

    @Test func aRepWithPsqlCanForgeNoHistory() throws {
        let team = try LoggedInTeam()
        let before = try team.store.dump()
        let ana = try team.psql("ana")
        let event = { (seq: String, actor: String, lead: String) in
            "INSERT INTO events (seq, at, actor, lead, op, body) VALUES (\(seq), now(), '\(actor)', '\(lead)', 'note', '{}')"
        }
        // With a number handed out properly, in a transaction of her own: still not as ben, nor on his lead.
        try ana.run("BEGIN")
        try ana.run("SELECT leadq_lock_counters()")
        let seq = try #require(try ana.run("SELECT leadq_next_seq(1, 0)::text").first ?? nil)
        #expect(ana.refusal(event(seq, "ben", "L-00001"))?.contains("row-level security") == true)
        try ana.run("ROLLBACK")
        try ana.run("BEGIN")
        try ana.run("SELECT leadq_next_seq(1, 0)")
        #expect(ana.refusal(event(seq, "ana", "L-00004"))?.contains("row-level security") == true)
        try ana.run("ROLLBACK")
        // A number nobody handed out, and numbers handed out and left unwritten.
        #expect(ana.refusal(event("1000", "ana", "L-00001"))?.contains("leadq_next_seq") == true)
        try ana.run("BEGIN")
        try ana.run("SELECT leadq_next_seq(2, 0)")
        try ana.run(event(seq, "ana", "L-00001"))
        #expect(ana.refusal("COMMIT")?.contains("not all written") == true)
        for sql in ["UPDATE events SET actor = 'ana'", "DELETE FROM events", "TRUNCATE events"] {
            #expect(ana.refusal(sql)?.contains("permission denied") == true, "\(sql)")
        }
        for sql in ["UPDATE counters SET last_seq = last_seq + 5", "DELETE FROM counters", "TRUNCATE counters"] {
            #expect(ana.refusal(sql)?.contains("permission denied") == true, "\(sql)")
        }
        #expect(ana.refusal("SELECT leadq_next_seq(1, 3)")?.contains("may not number") == true)
        #expect(try ana.run("UPDATE settings SET body = '{}' RETURNING 1") == [])
        #expect(ana.refusal("INSERT INTO members VALUES ('x', 'mia')")?.contains("permission denied") == true)
        #expect(try team.store.dump() == before)
    }

    /// A store made by the previous leadq (version 5) and migrated: its owner, not a superuser,
    /// locks the lead a rep may not change, so the rep is told whose lead it is, not that it
    /// doesn't exist.
    @Test func aMigratedStoreTellsARepWhoseLeadItIs() throws {
        let team = try LoggedInTeam(version: 5)
        #expect(try PostgresRaw(url: team.owner).run("SELECT max(version)::text FROM migrations") == ["6"])
        let ana = try PostgresStore.open(url: team.url("ana"))
        #expect(throws: Refusal("L-00004 is ben's lead; only ben or a manager can accept it")) {
            try ana.perform(.accept, on: "L-00004", as: "ana", at: t1)
        }
        #expect(try ana.perform(.accept, on: "L-00001", as: "ana", at: t1).lead.stage == .accepted)
        // Still no way for ana to change ben's row herself, through the new policy or any other.
        let raw = try team.psql("ana")
        try raw.run("BEGIN")
        _ = try raw.run("SELECT leadq_lock_lead('L-00004')")
        #expect(try raw.run("UPDATE leads SET owner = 'ana' WHERE id = 'L-00004' RETURNING id") == [])
        try raw.run("ROLLBACK")
        #expect(try PostgresStore.open(url: team.owner).lead("L-00004")?.owner == "ben")
    }

    @Test func throughLeadqARepActsOnlyAsTheRoleTheyLogInAs() throws {
        let team = try LoggedInTeam()
        let ana = try PostgresStore.open(url: team.url("ana"))
        #expect(ana.login == .member(role: team.role("ana"), rep: "ana", manager: false))
        let refused = Refusal(
            "you are logged in to the store as \(team.role("ana")) (ana); acting as ben is refused: on this store you act as the member you log in as"
        )
        #expect(throws: refused) { try ana.perform(.accept, on: "L-00004", as: "ben", at: t1) }
        #expect(throws: refused) { try ana.perform(.accept, on: "L-00004", as: "ben", at: t1) }
        let accepted = try ana.perform(.accept, on: "L-00001", as: "ana", at: t1)
        #expect(accepted.lead.stage == .accepted)
        _ = try team.store.refresh()
        #expect(try team.store.lead("L-00001")?.stage == .accepted)
        // The rules' own refusal, the same as on any store.
        #expect(throws: Refusal("L-00004 is ben's lead; only ben or a manager can accept it")) {
            try ana.perform(.accept, on: "L-00004", as: "ana", at: t1)
        }
        let mia = try PostgresStore.open(url: team.url("mia"))
        #expect(mia.login == .member(role: team.role("mia"), rep: "mia", manager: true))
        try mia.perform(.assign(to: "ana", rule: nil), on: "L-00004", as: "mia", at: t1)
        try mia.perform(.note("called ben's old lead"), on: "L-00004", as: "mia", at: t1)
        _ = try team.store.refresh()
        #expect(try team.store.lead("L-00004")?.owner == "ana")
        try ana.perform(.accept, on: "L-00004", as: "ana", at: t1)
        #expect(try team.store.verify().leads == 4)
        #expect(isOwner(try PostgresStore.open(url: team.owner).login))
    }

    @Test func verifyNamesTheLeadARepRewroteBehindLeadqsBack() throws {
        let team = try LoggedInTeam()
        let ana = try PostgresStore.open(url: team.url("ana"))
        try ana.perform(.accept, on: "L-00001", as: "ana", at: t1)
        var won = try #require(try ana.lead("L-00001"))
        // Her own lead, with a true event of hers beside the rewritten row: all the server can see.
        let psql = try team.psql("ana")
        try psql.run("BEGIN")
        try psql.run("SELECT leadq_lock_counters()")
        let text = try #require(try psql.run("SELECT leadq_next_seq(1, 0)::text").first ?? nil)
        let seq = try #require(Int64(text))
        let note = Event(lead: "L-00001", entry: Entry(seq: seq, at: t1, by: "ana", op: .note("called")))
        won.apply(
            Event(lead: "L-00001", entry: Entry(seq: seq, at: t1, by: "ana", op: .won(amount: 9_000_000, note: ""))))
        try psql.run(
            "INSERT INTO events (seq, at, actor, lead, op, body) VALUES (\(seq), now(), 'ana', 'L-00001', 'note', $1::json)",
            String(decoding: EventCodec.encode(note), as: UTF8.self))
        try psql.run(
            "UPDATE leads SET version = \(seq), stage = 'won', body = $1::json WHERE id = 'L-00001'",
            String(decoding: LeadCodec.encode(won), as: UTF8.self))
        try psql.run("COMMIT")
        #expect(throws: StoreError.self) { try team.store.verify() }
        do { _ = try team.store.verify() } catch let e as StoreError {
            #expect(e.description.contains("L-00001 (stage won, the events say accepted)"), "\(e)")
        }
    }

    func isOwner(_ login: Login) -> Bool {
        guard case .owner = login else { return false }
        return true
    }

    @Test func theOwnerAloneAddsMembersAndARoleIsMappedOnce() throws {
        let team = try LoggedInTeam()
        let ana = try PostgresStore.open(url: team.url("ana"))
        let zoe = Rep(id: "zed", name: "Zed Ng", team: "emea")
        #expect(throws: Refusal.self) { try ana.addMember(zoe, role: nil) }
        #expect(throws: Refusal("the role \(team.role("ben")) already logs in as ben")) {
            try team.store.addMember(zoe, role: team.role("ben"))
        }
        #expect(throws: Refusal("there is no database role 'nobody_here' to map (--role)", badInput: true)) {
            try team.store.addMember(zoe, role: "nobody_here")
        }
        #expect(throws: Refusal("ana is already on the team (Ana Souza, rep) with a login")) {
            try team.store.addMember(Rep(id: "ana", name: "Ana Souza"), role: nil)
        }
        let stranger = "stranger_\(team.role("x"))"
        try PostgresRaw(url: team.owner).run("CREATE ROLE \"\(stranger)\" LOGIN")
        #expect(throws: Refusal.self) { try PostgresStore.open(url: team.owner + "&user=\(stranger)") }
    }

    @Test func aManagersOwnLoginAppliesSettingsAndARepsDoesNot() throws {
        let team = try LoggedInTeam()
        var changed = Fixture.settings
        changed.undoWindowHours = 12
        let ana = try PostgresStore.open(url: team.url("ana"))
        #expect(throws: Refusal.self) { try ana.applySettings(changed, note: "", as: "ana", at: t1) }
        let mia = try PostgresStore.open(url: team.url("mia"))
        let event = try mia.applySettings(changed, note: "shorter undo", as: "mia", at: t1)
        #expect(event.entry.by == "mia")
        #expect(try PostgresStore.open(url: team.owner).settings.undoWindowHours == 12)
    }

    @Test func aVersion1StoreIsRefusedUntilItsOwnerMigratesIt() throws {
        let url = try PostgresHarness.freshURL()
        let s = try PostgresStore.create(url: url, settings: Fixture.settings, leads: Fixture.storeLeads())
        // Versions 2 and 3 taken away again: the store as version 1 made it.
        let raw = try PostgresRaw(url: url)
        for f in [
            "leadq_is_owner()", "leadq_me()", "leadq_is_manager()", "leadq_may_act(text)", "leadq_lock_counters()",
            "leadq_next_seq(bigint, bigint)", "leadq_lock_lead(text)", "leadq_no_gaps()", "leadq_events_numbered()",
            "leadq_rows_follow_events()",
        ] {
            try raw.run("DROP FUNCTION \(f) CASCADE")
        }
        for (table, policies) in [
            ("events", ["read", "add", "owner_update", "owner_delete"]),
            ("leads", ["read", "add", "change", "owner_delete", "lock"]),
            ("dispatch", ["read", "add", "write"]),
            ("settings", ["read", "change", "add"]),
        ] {
            for p in policies { try raw.run("DROP POLICY IF EXISTS \(table)_\(p) ON \(table)") }
            try raw.run("ALTER TABLE \(table) DISABLE ROW LEVEL SECURITY")
        }
        try raw.run("DROP TABLE members")
        try raw.run("DELETE FROM migrations WHERE version > 1")
        #expect(
            throws: StoreError.database(
                store: s.location, reason: "its schema is version 1, older than this leadq's 6",
                consequence: "its owner upgrades it with `leadq migrate`")
        ) { try PostgresStore.open(url: url) }
        let done = try PostgresStore.migrate(url: url)
        #expect(done.from == 1 && done.to == 6)
        #expect(try PostgresStore.migrate(url: url).from == 6)
        let upgraded = try PostgresStore.open(url: url)
        try upgraded.perform(.accept, on: "L-00001", as: "ana", at: t1)
        #expect(try upgraded.verify().leads == 4)
    }
}
#endif
