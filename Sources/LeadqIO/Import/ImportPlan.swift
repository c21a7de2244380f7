import LeadqDomain
import LeadqStore

/// What the store knows of its leads' profiles: `Store` answers from its profile index.
public protocol KnownLeads {
    func leadIDs(originKey: String) throws -> [String]
    func leadIDs(email: String) throws -> [String]
    func indexedProfile(_ id: String) throws -> Profile?
}

extension Store: KnownLeads {}

/// What an import will do, decided against the store as it is now.
public struct ImportPlan: Sendable {
    public enum Action: Equatable, Sendable {
        case create(id: String, profile: Profile)
        case update(id: String, profile: Profile, fields: [String])
        case unchanged(id: String)
    }
    public struct Item: Equatable, Sendable {
        public var line: Int
        public var action: Action
        /// The rep the file's owner maps to, when the lead gets assigned by this import.
        public var assign: String?
        public var id: String {
            switch action {
            case .create(let id, _), .update(let id, _, _), .unchanged(let id): return id
            }
        }
    }
    public struct FlagUpdate: Equatable, Sendable {
        public var id: String
        public var profile: Profile
    }

    public var items: [Item] = []
    /// Leads not in the file whose duplicate flags change (a new lead shares their email, or stopped sharing it).
    public var flagUpdates: [FlagUpdate] = []
    /// Owners the owner map doesn't know, with how many rows name each: those leads stay unassigned.
    public var unknownOwners: [String: Int] = [:]
    /// Owners that map to a rep who is away: those leads stay unassigned too.
    public var awayOwners: [String: Int] = [:]
    /// Rows whose final profile carries review flags (missing critical fields, duplicates, bad email).
    public var flagged = 0

    public var new: Int { items.filter { if case .create = $0.action { true } else { false } }.count }
    public var updated: Int { items.filter { if case .update = $0.action { true } else { false } }.count }
    public var unchanged: Int { items.filter { if case .unchanged = $0.action { true } else { false } }.count }
    public var assigned: Int { items.filter { $0.assign != nil }.count }
}

/// Decides, row by row, whether the lead is new, changed or unchanged, which flags it carries, and
/// whom its owner maps to. Pure apart from the store lookups it is handed, so it runs inside the
/// writer lock against the current state, and a dry run shows exactly what the import would do.
public enum ImportPlanner {
    public static let ownerMapRule = "owner-map"
    static let duplicatePrefix = "duplicate-email:"
    static let invalidEmail = "invalid-email"

    /// - Parameters:
    ///   - neverAssigned: of these known leads, those still unassigned that were never assigned: an
    ///     existing lead gets its CRM owner only then (asked once, for the rows whose owner maps to a rep).
    ///   - firstNewID: the id the first created lead will get (`Transaction.nextLeadID`).
    public static func plan(_ read: ReadRows, known: KnownLeads, neverAssigned: (Set<String>) throws -> Set<String>,
                            settings: Settings, now: Instant, firstNewID: String) throws -> ImportPlan {
        var plan = ImportPlan()
        guard var next = LeadID.number(firstNewID) else { throw ImportUsageError("can't number new leads after \(firstNewID)") }
        let allowRepIDs = read.format == .jsonl

        // 1. Each row against what the store holds under its source key.
        struct Planned { var row: ImportRow; var id: String; var base: Profile?; var profile: Profile }
        var planned: [Planned] = []
        planned.reserveCapacity(read.rows.count)
        var inFile = Set<String>()
        for row in read.rows {
            let existing = try known.leadIDs(originKey: row.originKey).first
            let base = try existing.flatMap { try known.indexedProfile($0) }
            let id: String
            if let existing, base != nil { id = existing } else { id = LeadID.make(next); next += 1 }
            planned.append(Planned(row: row, id: id, base: base, profile: row.merged(into: base, extraKeys: read.extraKeys, now: now)))
            if base != nil { inFile.insert(id) }
        }
        let candidates = Set(planned.filter { p in
            p.base != nil && !p.row.owner.isEmpty && OwnerMap.rep(for: p.row.owner, settings: settings, allowRepIDs: allowRepIDs) != nil
        }.map(\.id))
        let routable = candidates.isEmpty ? [] : try neverAssigned(candidates)

        // 2. Who shares an email with whom, the file's new addresses and the store's taken together.
        var fileByKey: [String: [String]] = [:]
        var keys = Set<String>()
        for p in planned {
            let k = DataQuality.emailKey(p.profile.email)
            if !k.isEmpty { fileByKey[k, default: []].append(p.id); keys.insert(k) }
            if let b = p.base { let old = DataQuality.emailKey(b.email); if !old.isEmpty { keys.insert(old) } }
        }
        var members: [String: [String]] = [:]
        for k in keys {
            let stored = try known.leadIDs(email: k).filter { !inFile.contains($0) }
            members[k] = (stored + (fileByKey[k] ?? [])).sorted(by: LeadID.precedes)
        }
        func withFlags(_ p: Profile, id: String, recheckEmail: Bool) -> Profile {
            var q = p
            let k = DataQuality.emailKey(p.email)
            var flags = p.flags.filter { !$0.hasPrefix(duplicatePrefix) && (!recheckEmail || $0 != invalidEmail) }
            if recheckEmail && !k.isEmpty && !looksLikeEmail(p.email) { flags.append(invalidEmail) }
            flags += (members[k] ?? []).filter { $0 != id }.map { duplicatePrefix + $0 }
            q.flags = flags
            return q
        }

        // 3. Final profiles: flags, then the score by the store's rules (the file's score wins).
        for p in planned {
            var profile = withFlags(p.profile, id: p.id, recheckEmail: true)
            (profile.score, profile.scoreParts) = Scoring.score(profile, rules: settings.scoring)
            if !DataQuality.flags(profile).isEmpty { plan.flagged += 1 }
            var item: ImportPlan.Item
            if let base = p.base {
                let fields = Profile.changedFields(base, profile)
                item = .init(line: p.row.line, action: fields.isEmpty ? .unchanged(id: p.id) : .update(id: p.id, profile: profile, fields: fields), assign: nil)
            } else {
                item = .init(line: p.row.line, action: .create(id: p.id, profile: profile), assign: nil)
            }
            // 4. The owner, mapped, never guessed; an existing lead only while it has never been routed.
            let owner = p.row.owner
            if !owner.isEmpty {
                let eligible = p.base == nil || routable.contains(p.id)
                if let rep = OwnerMap.rep(for: owner, settings: settings, allowRepIDs: allowRepIDs) {
                    if settings.rep(rep)?.away == true {
                        if eligible { plan.awayOwners["\(owner) → \(rep)", default: 0] += 1 }
                    } else if eligible {
                        item.assign = rep
                    }
                } else if eligible {
                    plan.unknownOwners[owner, default: 0] += 1
                }
            }
            plan.items.append(item)
        }

        // 5. Leads outside the file whose duplicate flags change.
        var seen = Set<String>()
        let created = Set(planned.filter { $0.base == nil }.map(\.id))
        for k in keys.sorted() {
            for id in members[k] ?? [] where !inFile.contains(id) && !created.contains(id) && seen.insert(id).inserted {
                guard let profile = try known.indexedProfile(id) else { continue }
                let updated = withFlags(profile, id: id, recheckEmail: false)
                if updated.flags != profile.flags { plan.flagUpdates.append(.init(id: id, profile: updated)) }
            }
        }
        return plan
    }

    /// Something@domain.tld, without spaces: enough to flag addresses a rep can't use.
    static func looksLikeEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !s.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return domain.count >= 2 && domain.allSatisfy { !$0.isEmpty }
    }
}

/// The store's `ownerMap`: CRM owners (ids, emails, names) to reps.
public enum OwnerMap {
    /// The rep an owner maps to: an exact key first, then one that differs only in case or
    /// surrounding spaces. leadq's own exports name reps by id, so for them a team member's id counts.
    public static func rep(for owner: String, settings: Settings, allowRepIDs: Bool = false) -> String? {
        if let m = settings.ownerMap.first(where: { $0.owner == owner }) { return m.rep }
        let key = FieldValues.trimmed(owner).lowercased()
        if let m = settings.ownerMap.first(where: { FieldValues.trimmed($0.owner).lowercased() == key }) { return m.rep }
        if allowRepIDs, settings.rep(owner) != nil { return owner }
        return nil
    }

    /// How the owner map names a rep for a CRM, for exports: the first key of the rep that looks
    /// like that system's owner reference (Salesforce user id `005…`, HubSpot owner email or id, any
    /// name for Odoo).
    public static func owner(of rep: String, for format: SourceFormat, settings: Settings) -> String? {
        let keys = settings.ownerMap.filter { $0.rep == rep }.map(\.owner)
        switch format {
        case .salesforce:
            return keys.first { k in (k.count == 15 || k.count == 18) && k.hasPrefix("005") && k.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
        case .hubspot:
            return keys.first { $0.contains("@") } ?? keys.first { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        case .odoo:
            return keys.first { !$0.contains("@") && !($0.hasPrefix("005") && $0.count >= 15) }
        case .jsonl:
            return rep
        }
    }
}
