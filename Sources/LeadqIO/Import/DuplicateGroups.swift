import LeadqDomain
import LeadqStore

/// 2. Who shares an email, or a name and company, with whom: the file's rows and the store's leads
/// taken together. Most keys are one row's alone: only those shared, or known to the store, form
/// groups, and only groups of two or more carry flags. Every stored lead in a touched group
/// (`outsiders`, those the file doesn't name) is rechecked.
struct DuplicateGroups: Sendable {
    /// Email key → the ids sharing it, in id order.
    var byEmail: [String: [String]] = [:]
    /// Name-and-company key → the ids sharing it, in id order.
    var byName: [String: [String]] = [:]
    /// Each group's flags (`duplicate-email:L-…`, `duplicate-name:L-…`), one per member in the same
    /// order, made once and shared by the members' profiles: a group of n gives each member n - 1.
    var emailFlags: [String: [String]] = [:]
    var nameFlags: [String: [String]] = [:]
    var outsiders: [String] = []

    init(_ planned: [ImportPlanner.Planned], inFile: Set<String>, known: KnownLeads) throws {
        let emails = Keys(planned, key: { DataQuality.emailKey($0.email) }, oldKey: { DataQuality.emailKey($0.email) })
        // A lead merged into another is a duplicate no more: nothing is compared with it.
        let merged = { (id: String) in try known.indexedProfile(id).map(DataQuality.isMerged) ?? false }
        byEmail = try groups(emails, inFile: inFile) { try known.leadIDs(email: $0).filter { try !merged($0) } }
        let names = Keys(planned, key: \.nameKey, oldKey: { LeadKeys.nameCompanyKey($0.name, $0.company) })
        // The file's own known leads are left out: a group counts them by their rows.
        let stored = try known.leadIDs(nameCompanyKeys: names.order, excluding: inFile)
        // Only the keys the file repeats, the store has, or known leads left can form a group.
        let candidates = Set(names.more.keys).union(stored.keys).union(names.left)
        byName = try groups(names, only: candidates, inFile: inFile) { stored[$0] ?? [] }
        emailFlags = byEmail.mapValues { $0.map { ImportPlanner.duplicatePrefix + $0 } }
        nameFlags = byName.mapValues { $0.map { ImportPlanner.duplicateNamePrefix + $0 } }
    }

    /// Each key's first row, the rows after it, and the stored keys the file's rows leave.
    struct Keys {
        var first: [String: String] = [:]
        var more: [String: [String]] = [:]
        /// The file's keys in row order, then the keys its known leads had and no longer have (`left`).
        var order: [String] = []
        var left: [String] = []

        init(_ planned: [ImportPlanner.Planned], key: (ImportPlanner.Planned) -> String, oldKey: (Profile) -> String) {
            first.reserveCapacity(planned.count)
            order.reserveCapacity(planned.count)
            var left = Set<String>()
            for p in planned {
                let k = p.base.map(DataQuality.isMerged) == true ? "" : key(p)
                if !k.isEmpty {
                    // One hash of the key for its first row (most keys have no other): ids are never empty.
                    if let f = Keys.claim(&first[k, default: ""], p.id) {
                        more[k, default: [f]].append(p.id)
                    } else {
                        order.append(k)
                    }
                }
                if let b = p.base {
                    let old = oldKey(b)
                    if !old.isEmpty && old != k { left.insert(old) }
                }
            }
            self.left = left.filter { first[$0] == nil }.sorted()
            order += self.left
        }

        /// Takes an empty slot for `id`, or gives the id already in it.
        static func claim(_ slot: inout String, _ id: String) -> String? {
            guard slot.isEmpty else { return slot }
            slot = id
            return nil
        }
    }

    /// The groups of `keys` (of those in `only`, when given) with the stored leads `stored` names for each.
    mutating func groups(
        _ keys: Keys, only: Set<String>? = nil, inFile: Set<String>, stored: (String) throws -> [String]
    ) throws -> [String: [String]] {
        var members: [String: [String]] = [:]
        for k in only.map(Array.init) ?? keys.order {
            let storedIDs = try stored(k)
            // Most keys are one row's alone: passed over without making a list.
            let more = keys.more[k]
            if storedIDs.isEmpty && more == nil { continue }
            let fileIDs = more ?? keys.first[k].map { [$0] } ?? []
            let outside = storedIDs.filter { !inFile.contains($0) }
            if outside.count + fileIDs.count >= 2 { members[k] = (outside + fileIDs).sorted(by: LeadID.precedes) }
            outsiders += outside
        }
        return members
    }
}
