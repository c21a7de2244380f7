import LeadqDomain

/// A key's hash as a big import holds it instead of the key: 64 bits (Swift's seeded hash) unless
/// told fewer (tests make every key collide). 0 is no key. A hash only finds candidates: wherever
/// two rows are taken to share a key, their keys are compared as texts (`DuplicateGroups`,
/// `FirstLines`).
public struct KeyHash: Sendable {
    public var bits: Int

    public init(bits: Int = 64) { self.bits = max(1, min(64, bits)) }

    public func callAsFunction(_ key: String) -> UInt64 {
        guard !key.isEmpty else { return 0 }
        var h = Hasher()
        h.combine(key)
        let v = UInt64(bitPattern: Int64(h.finalize()))
        let kept = bits == 64 ? v : v & ((1 << UInt64(bits)) - 1)
        return kept == 0 ? 1 : kept
    }
}

/// The line each source key was first seen on, by hash; a hash met again is settled on the keys
/// themselves, the earlier one read again from the file (rare: a repeated key is a bad row).
struct FirstLines {
    let hash: KeyHash
    private var byHash: [UInt64: Int] = [:]
    /// The hashes met more than once: each key with its first line.
    private var exact: [UInt64: [String: Int]] = [:]

    init(hash: KeyHash) { self.hash = hash }

    /// The line `key` was first seen on before `line`, or nil (and it is noted as seen on `line`).
    /// `keyOn` reads the key of the row on a line again.
    mutating func earlier(_ key: String, line: Int, keyOn: (Int) throws -> String) rethrows -> Int? {
        let h = hash(key)
        guard let first = byHash[h] else {
            byHash[h] = line
            return nil
        }
        if exact[h] == nil { exact[h] = [try keyOn(first): first] }
        if let e = exact[h]![key] { return e }
        exact[h]![key] = line
        return nil
    }
}

/// What a streamed import keeps of each good row until planned, in 20 bytes: its owner (one of
/// the file's few), and the hashes of its own email key and name-and-company key; for each hash
/// two rows or more share, one row's key as text (`DuplicateGroups` compares the others with it
/// as their rows are read again).
public struct HashedKeys: Sendable {
    let hash: KeyHash
    /// Each owner's text once; rows name them by index.
    var owners: [String] = []
    private var ownerIndex: [String: Int32] = [:]
    var owner: [Int32] = []
    var email: [UInt64] = []
    var name: [UInt64] = []
    /// Each shared hash's key as one of its rows has it.
    var emailKeys: [UInt64: String] = [:]
    var nameKeys: [UInt64: String] = [:]
    private var seenEmail = Set<UInt64>()
    private var seenName = Set<UInt64>()

    init(hash: KeyHash) { self.hash = hash }

    var count: Int { owner.count }

    /// A good row's keys, as a new lead would have them (`RowKeys.mergedEmail(into: nil)`, …).
    mutating func append(_ row: borrowing ImportRow) {
        if let i = ownerIndex[row.owner] {
            owner.append(i)
        } else {
            ownerIndex[row.owner] = Int32(owners.count)
            owner.append(Int32(owners.count))
            owners.append(row.owner)
        }
        let e = DataQuality.emailKey(row.mergedEmail(into: nil))
        let n = row.mergedNameKey(into: nil)
        email.append(Self.note(hash(e), e, seen: &seenEmail, keys: &emailKeys))
        name.append(Self.note(hash(n), n, seen: &seenName, keys: &nameKeys))
    }

    // Static: a method of `self` handed its own sets inout would copy them, each time.
    private static func note(_ h: UInt64, _ key: String, seen: inout Set<UInt64>, keys: inout [UInt64: String])
        -> UInt64
    {
        if h != 0 && !seen.insert(h).inserted && keys[h] == nil { keys[h] = key }
        return h
    }

    /// Lets go of what only reading needed.
    mutating func doneReading() {
        (ownerIndex, seenEmail, seenName) = ([:], [], [])
    }
}
