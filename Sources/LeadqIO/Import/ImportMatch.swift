import LeadqDomain
import LeadqStore

extension ImportPlanner {
    /// A row against what the store holds under its key, in 32 bytes (a big import plans a million).
    /// The merged profile is made later, on every core, from the row read again.
    struct Planned: Sendable {
        /// The new lead's number (0 for a stored lead: its id is the stored one's).
        var number: Int
        /// The row's owner, in `Owners`.
        var owner: Int32
        /// The hash of the row's name-and-company key once merged (0: none): whether to make the key.
        var name: UInt64
        /// Boxed: a profile held inline is over 500 bytes, in every row's entry even when nil.
        private var stored: StoredProfile?
        var base: Profile? { stored?.profile }
        var id: String { stored?.id ?? LeadID.make(number) }

        init(number: Int, owner: Int32, name: UInt64, stored: (id: String, profile: Profile)?) {
            (self.number, self.owner, self.name) = (number, owner, name)
            self.stored = stored.map { StoredProfile(id: $0.id, profile: $0.profile) }
        }
    }

    /// A stored lead's id and profile as the index gave them.
    final class StoredProfile: Sendable {
        let id: String
        let profile: Profile
        init(id: String, profile: Profile) { (self.id, self.profile) = (id, profile) }
    }

    /// A file's owners, each once, with the rep the owner map gives (nil: none, or no owner).
    struct Owners: Sendable {
        var names: [String] = []
        var reps: [String?] = []
        private var index: [String: Int32] = [:]

        init() {}

        init(_ names: [String], map: OwnerMap) {
            for n in names { _ = add(n, map) }
        }

        mutating func add(_ name: String, _ map: OwnerMap) -> Int32 {
            if let i = index[name] { return i }
            let i = Int32(names.count)
            index[name] = i
            names.append(name)
            reps.append(name.isEmpty ? nil : map.rep(for: name))
            return i
        }
    }

    /// What matching found: each row's plan entry, the file's owners, the known leads the file
    /// names, those of them whose owner maps to a rep (`candidates`), and each row's email and
    /// name-and-company key once merged (for the duplicate groups).
    struct Matched {
        var planned: [Planned] = []
        var owners = Owners()
        var inFile = Set<String>()
        var candidates = Set<String>()
        var emails: [String] = []
        var names: [String] = []
    }

    /// 1. Each row against what the store holds under its source key: its lead's id (a new one
    /// numbered in file order) and stored profile. Also the known leads the file names.
    static func match(
        count: Int, _ keys: (Int) throws -> RowKeys, known: KnownLeads, map: OwnerMap, firstNumber: Int,
        hash: KeyHash = KeyHash()
    ) throws -> Matched {
        var next = firstNumber
        var m = Matched()
        m.planned.reserveCapacity(count)
        m.emails.reserveCapacity(count)
        m.names.reserveCapacity(count)
        for i in 0..<count {
            let row = try keys(i)
            let existing = try known.leadIDs(originKey: row.originKey).first
            let base = try existing.flatMap { try known.indexedProfile($0) }
            var stored: (id: String, profile: Profile)?
            if let existing, let base {
                stored = (existing, base)
                m.inFile.insert(existing)
            }
            let owner = m.owners.add(row.owner, map)
            let name = row.mergedNameKey(into: base)
            m.planned.append(Planned(number: stored == nil ? next : 0, owner: owner, name: hash(name), stored: stored))
            if stored == nil { next += 1 }
            if let stored, m.owners.reps[Int(owner)] != nil { m.candidates.insert(stored.id) }
            m.emails.append(row.mergedEmail(into: base))
            m.names.append(name)
        }
        return m
    }

    /// `match` for a file whose keys were kept hashed, into a store that holds no lead: every row is
    /// a new lead, numbered in file order.
    static func match(hashed keys: HashedKeys, map: OwnerMap, firstNumber: Int) -> Matched {
        var m = Matched()
        m.owners = Owners(keys.owners, map: map)
        m.planned.reserveCapacity(keys.count)
        for i in 0..<keys.count {
            m.planned.append(Planned(number: firstNumber + i, owner: keys.owner[i], name: keys.name[i], stored: nil))
        }
        return m
    }
}
