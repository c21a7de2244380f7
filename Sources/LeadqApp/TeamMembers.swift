import LeadqDomain
import LeadqStore

/// The team as the store's owner keeps it: members join the settings and, on a store with logins
/// (PostgreSQL), get the database role they log in with.
public enum TeamMembers {
    /// Adds a member; `role` maps an existing database role, nil makes one named like `id`. With
    /// `compactIfDue` (the CLI) a compaction the store may now need starts detached.
    public static func add(
        at location: String, id: String, name: String, team: String, manager: Bool, role: String?,
        compactIfDue: Bool = false
    ) throws -> MemberAdded {
        let store = try StoreLocator.open(location)
        let rep = Rep(id: id, name: name, team: team, role: manager ? .manager : .rep)
        let added = try store.addMember(rep, role: role)
        if compactIfDue { BackgroundCompaction.startIfDue(store) }
        return added
    }
}
