import LeadqCodec
import LeadqDomain
import LeadqStore

/// Leads by source-system key (`salesforce:00Q…`) and by email address, so an import can tell new
/// leads from known ones and flag shared emails without decoding every lead's history.
/// It holds each lead's current profile too, so re-importing 100,000 known leads compares profiles
/// without a lookup and a full decode per lead (tens of MB, and only in a process that imports).
final class ProfileIndex {
    private(set) var byOrigin: [String: [String]] = [:]
    private(set) var byEmail: [String: [String]] = [:]
    private(set) var profiles: [String: Profile] = [:]

    func add(_ id: String, _ p: Profile) {
        profiles[id] = p
        if !p.originKey.isEmpty { byOrigin[p.originKey, default: []].append(id) }
        let e = DataQuality.emailKey(p.email)
        if !e.isEmpty { byEmail[e, default: []].append(id) }
    }

    func reserve(_ more: Int) {
        profiles.reserveCapacity(profiles.count + more)
        byOrigin.reserveCapacity(byOrigin.count + more)
        byEmail.reserveCapacity(byEmail.count + more)
    }

    /// A created or updated event: the lead's keys move from its old profile to its new one.
    func replace(_ id: String, old: Profile?, new: Profile) {
        if let old {
            if old.originKey == new.originKey && DataQuality.emailKey(old.email) == DataQuality.emailKey(new.email) {
                profiles[id] = new
                return
            }
            Self.remove(id, old.originKey, from: &byOrigin)
            Self.remove(id, DataQuality.emailKey(old.email), from: &byEmail)
        }
        add(id, new)
    }

    private static func remove(_ id: String, _ key: String, from map: inout [String: [String]]) {
        guard !key.isEmpty, var ids = map[key] else { return }
        ids.removeAll { $0 == id }
        map[key] = ids.isEmpty ? nil : ids
    }
}

extension FileStore {
    /// The leads whose source key (`Profile.originKey`) is `key`, in id order; normally one.
    public func leadIDs(originKey key: String) throws -> [String] {
        guard !key.isEmpty else { return [] }
        let ids = try profileIndex().byOrigin[key] ?? []
        return ids.count < 2 ? ids : ids.sorted(by: LeadID.precedes)
    }

    /// The leads whose email matches `email` (trimmed, case-insensitive), in id order.
    public func leadIDs(email: String) throws -> [String] {
        let key = DataQuality.emailKey(email)
        guard !key.isEmpty else { return [] }
        let ids = try profileIndex().byEmail[key] ?? []
        return ids.count < 2 ? ids : ids.sorted(by: LeadID.precedes)
    }

    /// The lead's current profile as the index holds it (nil for an unknown id).
    public func indexedProfile(_ id: String) throws -> Profile? {
        try profileIndex().profiles[id]
    }

    /// Builds the index now, e.g. before taking the writer lock, so a transaction only looks things up.
    public func prepareProfileIndex() throws {
        _ = try profileIndex()
    }

    /// An import's new leads are spooled to a scratch file until the write (`FileSpool`).
    public var streamsImports: Bool { true }

    /// Lets the index go (it is built again on next use): a process done importing needn't keep
    /// every profile twice, nor keep the index current while it saves the import's events.
    public func releaseProfileIndex() {
        profiles = nil
    }

    /// Builds the index on first use: one pass over the snapshot reading ids and profiles only (each
    /// line's checksum checked), then the leads changed since. `apply` keeps it current afterwards,
    /// and reopening (after a compaction) drops it to be built again from the new snapshot.
    func profileIndex() throws -> ProfileIndex {
        if let p = profiles { return p }
        let index = ProfileIndex()
        if let snap = snapshot {
            try snap.forEachLine { start, line in
                switch Checksummed.check(line, 0, line.count) {
                case .ok: break
                case .missing: throw snap.damaged(start, "lead record without its checksum")
                case .mismatch:
                    throw snap.damaged(start, "checksum mismatch (the bytes were changed after leadq wrote them)")
                }
                var r = JSONReader(line)
                let (id, profile): (String, Profile)
                do { (id, profile) = try LeadCodec.idAndProfile(&r) } catch let e as JSONError {
                    throw snap.damaged(start + e.offset, e.message)
                }
                // A lead still waiting for its journal events has the profile of its last update.
                if overlay[id] == nil {
                    index.add(id, pending[id]?.last(where: { $0.profile != nil })?.profile ?? profile)
                }
            }
        }
        for (id, lead) in overlay { index.add(id, lead.profile) }
        profiles = index
        return index
    }
}
