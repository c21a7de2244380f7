#if Postgres
import LeadqDomain
import LeadqPostgres
import LeadqStore
import LeadqTestSupport
import Testing

/// The store made and run by an ordinary role, as the README's set-up makes it (`LOGIN CREATEROLE`,
/// owner of its database), not by the superuser the other suites connect as, whom no row-level
/// policy binds.
@Suite(.enabled(if: StoreKinds.skipped == nil, "no PostgreSQL server for the tests"))
struct OwnerRoleTests {
    /// A database owned by a new role of its own; the URL logs in as that role.
    static func ownedDatabase() throws -> String {
        let (admin, name) = try PostgresHarness.freshDatabase()
        let raw = try PostgresRaw(url: admin)
        try raw.run("CREATE ROLE \(name)_owner LOGIN CREATEROLE")
        try raw.run("ALTER DATABASE \(name) OWNER TO \(name)_owner")
        return admin + "&user=\(name)_owner"
    }

    @Test func anOrdinaryOwnerRoleCreatesActsChangesSettingsAndAddsAMember() throws {
        let url = try Self.ownedDatabase()
        let store = try PostgresStore.create(url: url, settings: Fixture.settings, leads: Fixture.storeLeads())
        #expect(
            try PostgresRaw(url: url).run("SELECT rolsuper::text FROM pg_roles WHERE rolname = session_user") == [
                "false"
            ])
        try store.perform(.accept, on: "L-00001", as: "ana", at: t1)
        var changed = store.settings
        changed.undoWindowHours = 2
        _ = try store.applySettings(changed, note: "shorter undo", as: "mia", at: t1)
        let added = try store.addMember(Fixture.settings.rep("ben")!, role: nil)
        let role = try #require(added.role)
        // The owner's URL names its user last: the member's replaces it.
        let ben = try PostgresStore.open(url: url + "&user=\(role)")
        try ben.perform(.accept, on: "L-00004", as: "ben", at: t1)
        #expect(throws: Refusal.self) { try ben.perform(.accept, on: "L-00001", as: "ana", at: t1) }
        let again = try PostgresStore.open(url: url)
        #expect(again.settings.undoWindowHours == 2)
        #expect(try again.lead("L-00001")?.stage == .accepted)
        #expect(try again.lead("L-00004")?.stage == .accepted)
        #expect(try again.verify().leads == 4)
    }
}
#endif
