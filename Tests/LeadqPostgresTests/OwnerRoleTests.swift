#if Postgres
import LeadqDomain
import LeadqPostgres
import LeadqStore
import LeadqTestSupport
import Testing

/// The store made and run by an ordinary role, as the README's set-up makes it (`LOGIN CREATEROLE`,
/// owner of its database): one of this test's own, with a member it adds itself (the other suites
/// share `PostgresHarness.owner`, made the same way).
@Suite(.enabled(if: StoreKinds.skipped == nil, "no PostgreSQL server for the tests"))
struct OwnerRoleTests {
    @Test func anOrdinaryOwnerRoleCreatesActsChangesSettingsAndAddsAMember() throws {
        let url = try PostgresHarness.ownedDatabase().location
        let store = try PostgresStore.create(url: url, settings: Fixture.settings, leads: Fixture.storeLeads())
        #expect(
            try PostgresRaw(url: url).run("SELECT rolsuper::text FROM pg_roles WHERE rolname = session_user") == [
                "false"
            ])
        try store.perform(.accept, on: "L-00001", as: "ana", at: t1)
        var changed = store.settings
        changed.undoWindowHours = 2
        _ = try store.applySettings(changed, note: "shorter undo", as: "mia", at: t1)
        // Roles are the whole server's: a member of this run's own, made by the owner (CREATEROLE).
        let bea = Rep(id: "bea\(UInt32.random(in: 1...UInt32.max))", name: "Bea Ortiz", team: "emea")
        let added = try store.addMember(bea, role: nil)
        #expect(added.created)
        try store.perform(.assign(to: bea.id, rule: nil), on: "L-00003", as: "mia", at: t1)
        let role = try #require(added.role)
        // The owner's URL names its user last: the member's replaces it.
        let member = try PostgresStore.open(url: url + "&user=\(role)")
        try member.perform(.accept, on: "L-00003", as: bea.id, at: t1)
        #expect(throws: (any Error).self) { try member.perform(.accept, on: "L-00004", as: "ben", at: t1) }
        let again = try PostgresStore.open(url: url)
        #expect(again.settings.undoWindowHours == 2)
        #expect(try again.lead("L-00001")?.stage == .accepted)
        #expect(try again.lead("L-00003")?.stage == .accepted)
        #expect(try again.lead("L-00004")?.stage == .assigned)
        #expect(try again.verify().leads == 4)
    }
}
#endif
