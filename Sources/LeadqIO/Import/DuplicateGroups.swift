import LeadqDomain

/// 2. Who shares an email, or a name and company, with whom: the file's rows and the store's leads
/// taken together. Most keys are one row's alone: only those shared, or known to the store, form
/// groups, and only groups of two or more carry flags. Every stored lead in a touched group
/// (`outsiders`, those the file doesn't name) is rechecked.
struct DuplicateGroups {
    /// Email key → the ids sharing it, in id order.
    var byEmail: [String: [String]] = [:]
    /// Name-and-company key → the ids sharing it, in id order.
    var byName: [String: [String]] = [:]
    var outsiders: [String] = []

    init(_ planned: [ImportPlanner.Planned], inFile: Set<String>, known: KnownLeads) throws {
        let emails = Keys(planned, key: { DataQuality.emailKey($0.email) }, oldKey: { DataQuality.emailKey($0.email) })
        byEmail = try groups(emails, inFile: inFile) { try known.leadIDs(email: $0) }
        let names = Keys(planned, key: \.nameKey, oldKey: { LeadKeys.nameCompanyKey($0.name, $0.company) })
        let stored = try known.leadIDs(nameCompanyKeys: Set(names.order))
        byName = try groups(names, inFile: inFile) { stored[$0] ?? [] }
    }

    /// Each key's first row, the rows after it, and the stored keys the file's rows leave.
    struct Keys {
        var first: [String: String] = [:]
        var more: [String: [String]] = [:]
        /// The file's keys in row order, then keys its known leads had and no longer have.
        var order: [String] = []

        init(_ planned: [ImportPlanner.Planned], key: (ImportPlanner.Planned) -> String, oldKey: (Profile) -> String) {
            first.reserveCapacity(planned.count)
            order.reserveCapacity(planned.count)
            var left = Set<String>()
            for p in planned {
                let k = key(p)
                if !k.isEmpty {
                    if let f = first[k] { more[k, default: [f]].append(p.id) } else { first[k] = p.id; order.append(k) }
                }
                if let b = p.base {
                    let old = oldKey(b)
                    if !old.isEmpty && old != k { left.insert(old) }
                }
            }
            order += left.filter { first[$0] == nil }.sorted()
        }
    }

    mutating func groups(_ keys: Keys, inFile: Set<String>, stored: (String) throws -> [String]) throws -> [String: [String]] {
        var members: [String: [String]] = [:]
        for k in keys.order {
            let storedIDs = try stored(k)
            let fileIDs = keys.more[k] ?? keys.first[k].map { [$0] } ?? []
            if storedIDs.isEmpty && fileIDs.count < 2 { continue }
            let outside = storedIDs.filter { !inFile.contains($0) }
            if outside.count + fileIDs.count >= 2 { members[k] = (outside + fileIDs).sorted(by: LeadID.precedes) }
            outsiders += outside
        }
        return members
    }
}
