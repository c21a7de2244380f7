import LeadqDomain
import LeadqStore

/// The team as the store's owner keeps it: members join the settings and, on a store with logins
/// (PostgreSQL), get the database role they log in with.
public enum TeamMembers {
    /// Adds a member; `role` maps an existing database role, nil makes one named like `id`.
    /// `then` is handed the store afterwards (the CLI starts a compaction it may now need).
    public static func add(
        at location: String, id: String, name: String, team: String, manager: Bool, role: String?,
        then: (any LeadStore) -> Void = { _ in }
    ) throws -> MemberAdded {
        let store = try StoreLocator.open(location)
        let rep = Rep(id: id, name: name, team: team, role: manager ? .manager : .rep)
        let added = try store.addMember(rep, role: role)
        then(store)
        return added
    }
}
