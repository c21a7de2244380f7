import LeadqDomain
import LeadqStore

/// 2. Who shares an email, or a name and company, with whom: the file's rows and the store's leads
/// taken together. Most keys are one row's alone: only those shared, or known to the store, form
/// groups, and only groups of two or more carry flags. Every stored lead in a touched group
/// (`outsiders`, those the file doesn't name) is rechecked.
///
/// The groups are found by their key's hash and told apart by the key itself. Made from hashes
/// alone (`hashed`, a big import into an empty store), a group holds every row of its hash: each
/// row found in one is checked to have its key as it is read again, and one that doesn't is a
/// collision (`Found.collision`): the import is planned again from the keys as texts.
struct DuplicateGroups: Sendable {
    struct Group: Sendable {
        let key: String
        /// The group's first members in id order, as many as a member's flags can name, and their
        /// flags (`duplicate-email:L-…`, `duplicate-name:L-…`), made once and shared by the
        /// members' profiles.
        let ids: [String]
        let flags: [String]

        init(key: String, ids: [String], prefix: String) {
            (self.key, self.ids) = (key, Array(ids.prefix(DuplicateGroups.kept)))
            flags = self.ids.map { prefix + $0 }
        }
    }

    enum Found {
        case none
        case group(Group)
        case collision
    }

    /// A member names the first `duplicatesNamed` others by email, then as many by name and company
    /// skipping itself and those: no more members are ever looked at.
    static let kept = 2 * DataQuality.duplicatesNamed + 1

    let hash: KeyHash
    let hashed: Bool
    /// Email key's hash → the groups of that hash, each with its members in id order.
    var byEmail: [UInt64: [Group]] = [:]
    /// Name-and-company key's hash → the groups of that hash.
    var byName: [UInt64: [Group]] = [:]
    var outsiders: [String] = []

    func email(_ key: String) -> Found { find(byEmail, key, hash(key)) }
    func name(_ key: String, hash h: UInt64) -> Found { find(byName, key, h) }
    func mayHaveName(_ h: UInt64) -> Bool { h != 0 && byName[h] != nil }

    private func find(_ table: [UInt64: [Group]], _ key: String, _ h: UInt64) -> Found {
        guard h != 0, let list = table[h] else { return .none }
        for g in list where g.key == key { return .group(g) }
        return hashed ? .collision : .none
    }

    /// The groups of a file's rows alone (the store holds no lead), from their hashes: row `i` is
    /// lead `firstNumber + i`, and each hash two rows share is a group.
    init(hashed keys: HashedKeys, firstNumber: Int) {
        (hash, hashed) = (keys.hash, true)
        byEmail = Self.buckets(keys.email, keys.emailKeys, firstNumber, prefix: ImportPlanner.duplicatePrefix)
        byName = Self.buckets(keys.name, keys.nameKeys, firstNumber, prefix: ImportPlanner.duplicateNamePrefix)
    }

    static func buckets(_ hashes: [UInt64], _ shared: [UInt64: String], _ first: Int, prefix: String)
        -> [UInt64: [Group]]
    {
        guard !shared.isEmpty else { return [:] }
        var ids: [UInt64: [String]] = [:]
        for i in hashes.indices where hashes[i] != 0 && shared[hashes[i]] != nil {
            let h = hashes[i]
            if ids[h, default: []].count < kept { ids[h, default: []].append(LeadID.make(first + i)) }
        }
        var out: [UInt64: [Group]] = [:]
        for (h, list) in ids { out[h] = [Group(key: shared[h] ?? "", ids: list, prefix: prefix)] }
        return out
    }

    /// The groups of the planned rows and the stored leads, from the keys as texts: `emails[i]` and
    /// `names[i]` are row `i`'s email and name-and-company key once merged with its stored lead.
    init(
        _ planned: [ImportPlanner.Planned], emails: [String], names: [String], inFile: Set<String>,
        known: KnownLeads, hash: KeyHash = KeyHash()
    ) throws {
        (self.hash, hashed) = (hash, false)
        let emailKeys = Keys(planned, { DataQuality.emailKey(emails[$0]) }, old: { DataQuality.emailKey($0.email) })
        // A lead merged into another is a duplicate no more: nothing is compared with it.
        let merged = { (id: String) in try known.indexedProfile(id).map(DataQuality.isMerged) ?? false }
        let byEmail = try groups(emailKeys, inFile: inFile) { try known.leadIDs(email: $0).filter { try !merged($0) } }
        let nameKeys = Keys(planned, { names[$0] }, old: { LeadKeys.nameCompanyKey($0.name, $0.company) })
        // The file's own known leads are left out: a group counts them by their rows.
        let stored = try known.leadIDs(nameCompanyKeys: nameKeys.order, excluding: inFile)
        // Only the keys the file repeats, the store has, or known leads left can form a group.
        let candidates = Set(nameKeys.more.keys).union(stored.keys).union(nameKeys.left)
        let byName = try groups(nameKeys, only: candidates, inFile: inFile) { stored[$0] ?? [] }
        for (k, ids) in byEmail {
            self.byEmail[hash(k), default: []].append(Group(key: k, ids: ids, prefix: ImportPlanner.duplicatePrefix))
        }
        for (k, ids) in byName {
            self.byName[hash(k), default: []].append(
                Group(key: k, ids: ids, prefix: ImportPlanner.duplicateNamePrefix))
        }
    }

    /// Each key's first row, the rows after it, and the stored keys the file's rows leave.
    struct Keys {
        var first: [String: String] = [:]
        var more: [String: [String]] = [:]
        /// The file's keys in row order, then the keys its known leads had and no longer have (`left`).
        var order: [String] = []
        var left: [String] = []

        init(_ planned: [ImportPlanner.Planned], _ key: (Int) -> String, old oldKey: (Profile) -> String) {
            first.reserveCapacity(planned.count)
            order.reserveCapacity(planned.count)
            var left = Set<String>()
            for i in planned.indices {
                let p = planned[i]
                let k = p.base.map(DataQuality.isMerged) == true ? "" : key(i)
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
