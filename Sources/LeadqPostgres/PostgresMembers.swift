#if Postgres
import Foundation
import LeadqCodec
import LeadqDomain
import LeadqStore
import PostgresNIO

/// Logins: each member of the team has a database role, mapped to them in `members`; the role
/// that made the store owns it. The server's policies hold whoever connects to the same rules
/// (see SchemaIdentity); this is leadq's side of them.
extension PostgresStore {
    /// Who `session_user` is to this store. A role that may not even read the schema is refused.
    static func readLogin(_ link: PGLink, schema: String) throws -> Login {
        let sql = "SELECT session_user::text, leadq_me(), leadq_is_owner(), leadq_is_manager()"
        let row: PostgresRow?
        do { row = try link.query(PostgresQuery(unsafeSQL: sql), "the store can't be opened").first } catch let e
            as StoreError
        {
            guard case .database(_, let reason, _) = e, reason.contains("SQLSTATE 42501") else { throw e }
            throw try stranger(link)
        }
        guard let (role, rep, owner, manager) = try row?.decode((String, String?, Bool, Bool).self) else {
            throw try stranger(link)
        }
        if owner { return .owner(role: role) }
        guard let rep else { throw try stranger(link) }
        return .member(role: role, rep: rep, manager: manager)
    }

    /// The refusal for a role that is no member of the store.
    static func stranger(_ link: PGLink) throws -> Refusal {
        let role = try link.query("SELECT session_user::text").first?.decode(String.self) ?? "?"
        return Refusal(
            "you are logged in as \(role), who is not a member of the store at \(link.location); its owner adds members with `leadq team add`"
        )
    }

    /// Whether the schema exists and this role may not look into it: a stranger, before it is
    /// told there's no store there.
    static func lockedOut(_ link: PGLink, schema: String) throws -> Bool {
        let rows = try link.query(
            "SELECT NOT has_schema_privilege(oid, 'USAGE') FROM pg_namespace WHERE nspname = \(schema)",
            "the store can't be opened")
        return try rows.first?.decode(Bool.self) ?? false
    }

    /// The role that holds every member's grants: one per store, named after its schema and database.
    var memberGroup: String {
        let name = "\(target.schema)_\(target.database)_members"
        if name.utf8.count <= 63 { return name }
        var hash: UInt32 = 2_166_136_261
        for b in target.database.utf8 { hash = (hash ^ UInt32(b)) &* 16_777_619 }
        return "\(target.schema)_\(String(hash, radix: 16))_members"
    }

    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public func addMember(_ rep: Rep, role: String?) throws -> MemberAdded {
        guard case .owner = login else {
            throw Refusal("only the store's owner (the role that ran `leadq init`) adds members; you are \(loginName)")
        }
        let consequence = "the team was not changed"
        try link.run("BEGIN", consequence)
        var open = true
        defer { if open { try? link.run("ROLLBACK") } }
        _ = try link.query("SELECT 1 FROM settings FOR UPDATE", consequence)
        let current = try PostgresStore.readSettings(link)
        // A member the settings already list (`leadq init --reps`) without a login just gets one.
        let known = current.rep(rep.id)
        if let known, try !link.query("SELECT role FROM members WHERE rep = \(rep.id)", consequence).isEmpty {
            throw TeamRules.alreadyOnTeam(known, withLogin: true)
        }
        let next = known == nil ? try TeamRules.adding(rep, to: current).get() : current
        do { try SettingsCodec.check(next, source: location + " (settings)") } catch let e as SettingsError {
            throw StoreError.settings(e)
        }
        let name = role ?? rep.id
        let created = try makeOrFindRole(name, named: role != nil, consequence)
        try grantMembership(to: name, consequence)
        try link.query("INSERT INTO members (role, rep) VALUES (\(name), \(rep.id))", consequence)
        let json = String(decoding: SettingsCodec.encode(next), as: UTF8.self)
        try link.query("UPDATE settings SET body = \(json)::json", consequence)
        open = false
        try link.run("COMMIT", "the team may or may not have been changed: look with `leadq team`")
        settings = next
        return MemberAdded(rep: known ?? rep, role: name, created: created, wasOnTeam: known != nil)
    }

    private var loginName: String {
        switch login {
        case .anyone: return "not logged in"
        case .owner(let role): return role
        case .member(let role, let rep, _): return "\(role) (\(rep))"
        }
    }

    /// Makes a login role named `name`, or finds the existing one `--role` named; true if made.
    private func makeOrFindRole(_ name: String, named: Bool, _ consequence: String) throws -> Bool {
        let exists = try !link.query("SELECT 1 FROM pg_roles WHERE rolname = \(name)", consequence).isEmpty
        if named && !exists { throw Refusal("there is no database role '\(name)' to map (--role)", badInput: true) }
        if !named && exists {
            throw Refusal("a database role '\(name)' exists already: map it with --role \(name), or choose another id")
        }
        let mapped = try link.query("SELECT rep FROM members WHERE role = \(name)", consequence)
        if let other = try mapped.first?.decode(String.self) {
            throw Refusal("the role \(name) already logs in as \(other)")
        }
        if !exists { try link.run("CREATE ROLE \(PostgresStore.quoted(name)) LOGIN", consequence) }
        return !exists
    }

    /// Puts the role in the store's member group, making the group and its grants first if needed.
    private func grantMembership(to name: String, _ consequence: String) throws {
        let group = PostgresStore.quoted(memberGroup)
        if try link.query("SELECT 1 FROM pg_roles WHERE rolname = \(memberGroup)", consequence).isEmpty {
            try link.run("CREATE ROLE \(group) NOLOGIN", consequence)
        }
        for grant in SchemaIdentity.grants(to: group, schema: target.schema) { try link.run(grant, consequence) }
        try link.run("GRANT \(group) TO \(PostgresStore.quoted(name))", consequence)
    }
}
#endif
