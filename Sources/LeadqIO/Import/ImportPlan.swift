import Dispatch
import LeadqDomain
import LeadqStore

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
    public var new = 0, updated = 0, unchanged = 0, assigned = 0
    /// `flagUpdates.count`, kept when the updates themselves are let go.
    public var flagUpdateCount = 0

    mutating func add(_ item: Item) {
        switch item.action {
        case .create: new += 1
        case .update: updated += 1
        case .unchanged: unchanged += 1
        }
        if item.assign != nil { assigned += 1 }
        items.append(item)
    }
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
    public static func plan(
        _ read: ReadRows, known: KnownLeads, neverAssigned: (Set<String>) throws -> Set<String>,
        settings: Settings, now: Instant, firstNewID: String
    ) throws -> ImportPlan {
        var plan = ImportPlan()
        guard var next = LeadID.number(firstNewID) else {
            throw ImportUsageError("can't number new leads after \(firstNewID)")
        }
        let allowRepIDs = read.format == .jsonl

        // 1. Each row against what the store holds under its source key.
        // The merged profile is made later, on every core; the address is all the grouping needs.
        struct Planned: Sendable {
            var row: Int
            var line: Int
            var owner: String
            var rep: String?
            var id: String
            var base: Profile?
            var email: String
        }
        let owners = OwnerMap(settings: settings, allowRepIDs: allowRepIDs)
        var planned: [Planned] = []
        planned.reserveCapacity(read.rows.count)
        var inFile = Set<String>()
        for (i, row) in read.rows.enumerated() {
            let existing = try known.leadIDs(originKey: row.originKey).first
            let base = try existing.flatMap { try known.indexedProfile($0) }
            let id: String
            if let existing, base != nil {
                id = existing
            } else {
                id = LeadID.make(next)
                next += 1
            }
            planned.append(
                Planned(
                    row: i, line: row.line, owner: row.owner, rep: row.owner.isEmpty ? nil : owners.rep(for: row.owner),
                    id: id, base: base,
                    email: row.mergedEmail(into: base)))
            if base != nil { inFile.insert(id) }
        }
        let candidates = Set(planned.filter { $0.base != nil && $0.rep != nil }.map(\.id))
        let routable = candidates.isEmpty ? [] : try neverAssigned(candidates)

        // 2. Who shares an email with whom, the file's new addresses and the store's taken together.
        // Most addresses are the file's alone: only those shared, or known to the store, form groups.
        var firstByKey: [String: String] = [:]
        var moreByKey: [String: [String]] = [:]
        var keys: [String] = []
        var oldKeys = Set<String>()
        firstByKey.reserveCapacity(planned.count)
        keys.reserveCapacity(planned.count)
        for p in planned {
            let k = DataQuality.emailKey(p.email)
            if !k.isEmpty {
                if let first = firstByKey[k] {
                    moreByKey[k, default: [first]].append(p.id)
                } else {
                    firstByKey[k] = p.id
                    keys.append(k)
                }
            }
            if let b = p.base {
                let old = DataQuality.emailKey(b.email)
                if !old.isEmpty && old != k { oldKeys.insert(old) }
            }
        }
        // Only groups of two or more carry flags; every stored lead in a touched group is rechecked.
        var members: [String: [String]] = [:]
        var outsiders: [String] = []
        keys += oldKeys.filter { firstByKey[$0] == nil }.sorted()
        for k in keys {
            let stored = try known.leadIDs(email: k)
            let fileIDs = moreByKey[k] ?? firstByKey[k].map { [$0] } ?? []
            if stored.isEmpty && fileIDs.count < 2 { continue }
            let outside = stored.filter { !inFile.contains($0) }
            if outside.count + fileIDs.count >= 2 { members[k] = (outside + fileIDs).sorted(by: LeadID.precedes) }
            outsiders += outside
        }
        let groups = members

        // 3. Final profiles: flags, then the score by the store's rules (the file's score wins).
        // 4. The owner, mapped, never guessed; an existing lead only while it has never been routed.
        // Each row on its own, so big files are done in two halves at once.
        let scoring = Scoring.Model(settings.scoring)
        let rows = planned
        let away = Set(settings.reps.filter { $0.away }.map(\.id))
        let parts = rows.count > 20_000 ? 2 : 1
        let outs = (0..<parts).map { _ in Finished() }
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            let out = outs[k]
            let range = rows.count * k / parts..<rows.count * (k + 1) / parts
            out.plan.items.reserveCapacity(range.count)
            for p in rows[range] {
                let merged = read.rows[p.row].merged(into: p.base, now: now)
                var profile = withFlags(merged, id: p.id, recheckEmail: true, groups)
                (profile.score, profile.scoreParts) = scoring.score(profile)
                if !DataQuality.flags(profile).isEmpty { out.plan.flagged += 1 }
                let action: ImportPlan.Action
                if let base = p.base {
                    let fields = Profile.changes(from: base, to: profile).map(\.key.rawValue)
                    action = fields.isEmpty ? .unchanged(id: p.id) : .update(id: p.id, profile: profile, fields: fields)
                } else {
                    action = .create(id: p.id, profile: profile)
                }
                var item = ImportPlan.Item(line: p.line, action: action, assign: nil)
                let owner = p.owner
                if !owner.isEmpty {
                    let eligible = p.base == nil || routable.contains(p.id)
                    if let rep = p.rep {
                        if away.contains(rep) {
                            if eligible { out.plan.awayOwners["\(owner) → \(rep)", default: 0] += 1 }
                        } else if eligible {
                            item.assign = rep
                        }
                    } else if eligible {
                        out.plan.unknownOwners[owner, default: 0] += 1
                    }
                }
                out.plan.add(item)
            }
        }
        for out in outs {
            let part = out.plan
            out.plan = ImportPlan()
            if plan.items.isEmpty { plan.items = part.items } else { plan.items.append(contentsOf: part.items) }
            plan.flagged += part.flagged
            plan.new += part.new
            plan.updated += part.updated
            plan.unchanged += part.unchanged
            plan.assigned += part.assigned
            plan.awayOwners.merge(part.awayOwners, uniquingKeysWith: +)
            plan.unknownOwners.merge(part.unknownOwners, uniquingKeysWith: +)
        }

        // 5. Leads outside the file whose duplicate flags change.
        var seen = Set<String>()
        for id in outsiders.sorted(by: LeadID.precedes) where seen.insert(id).inserted {
            guard let profile = try known.indexedProfile(id) else { continue }
            let updated = withFlags(profile, id: id, recheckEmail: false, groups)
            if updated.flags != profile.flags {
                plan.flagUpdates.append(.init(id: id, profile: updated))
                plan.flagUpdateCount += 1
            }
        }
        return plan
    }

    /// A row's final profile with its review flags: duplicates of `groups` (email key → ids sharing
    /// it), and a bad-address flag when asked to look at the address again.
    static func withFlags(_ p: Profile, id: String, recheckEmail: Bool, _ groups: [String: [String]]) -> Profile {
        var q = p
        let k = DataQuality.emailKey(p.email)
        var flags = p.flags.filter { !$0.hasPrefix(duplicatePrefix) && (!recheckEmail || $0 != invalidEmail) }
        if recheckEmail && !k.isEmpty && !looksLikeEmail(p.email) { flags.append(invalidEmail) }
        if let g = groups[k] { flags += g.filter { $0 != id }.map { duplicatePrefix + $0 } }
        q.flags = flags
        return q
    }

    /// What one worker made of its rows. Each worker writes only its own.
    final class Finished: @unchecked Sendable {
        var plan = ImportPlan()
    }

    /// `looksLikeEmail` for ASCII addresses (nearly all), by bytes: the same rules without a String per part.
    static func looksLikeASCIIEmail(_ b: String.UTF8View) -> Bool {
        guard let at = b.firstIndex(of: UInt8(ascii: "@")), at != b.startIndex, !b.contains(where: { $0 <= 0x20 })
        else { return false }
        let domain = b[b.index(after: at)...]
        guard !domain.contains(UInt8(ascii: "@")) else { return false }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
    }

    /// Something@domain.tld, without spaces: enough to flag addresses a rep can't use.
    static func looksLikeEmail(_ s: String) -> Bool {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return looksLikeASCIIEmail(s.utf8) }
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        let ascii = s.utf8.allSatisfy { $0 < 0x80 }
        guard parts.count == 2, !parts[0].isEmpty, !s.utf8.contains(where: { $0 <= 0x20 }),
            ascii || !s.contains(where: \.isWhitespace)
        else { return false }
        let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return domain.count >= 2 && domain.allSatisfy { !$0.isEmpty }
    }
}

/// The store's `ownerMap`: CRM owners (ids, emails, names) to reps.
public struct OwnerMap: Sendable {
    let exact: [String: String]
    let folded: [String: String]
    let repIDs: Set<String>

    /// leadq's own exports name reps by id, so for them a team member's id counts as mapped.
    public init(settings: Settings, allowRepIDs: Bool = false) {
        var exact: [String: String] = [:]
        var folded: [String: String] = [:]
        for m in settings.ownerMap {
            if exact[m.owner] == nil { exact[m.owner] = m.rep }
            let k = OwnerMap.fold(m.owner)
            if folded[k] == nil { folded[k] = m.rep }
        }
        (self.exact, self.folded) = (exact, folded)
        repIDs = allowRepIDs ? Set(settings.reps.map(\.id)) : []
    }

    static func fold(_ s: String) -> String { Rules.trimmed(s).lowercased() }

    /// The rep an owner maps to: an exact key first, then one that differs only in case or
    /// surrounding spaces; never a guess beyond that.
    public func rep(for owner: String) -> String? {
        exact[owner] ?? folded[OwnerMap.fold(owner)] ?? (repIDs.contains(owner) ? owner : nil)
    }

    public static func rep(for owner: String, settings: Settings, allowRepIDs: Bool = false) -> String? {
        OwnerMap(settings: settings, allowRepIDs: allowRepIDs).rep(for: owner)
    }

    /// How the owner map names a rep for a CRM, for exports: the first key of the rep that looks
    /// like that system's owner reference (Salesforce user id `005…`, HubSpot owner email or id, any
    /// name for Odoo).
    public static func owner(of rep: String, for format: SourceFormat, settings: Settings) -> String? {
        let keys = settings.ownerMap.filter { $0.rep == rep }.map(\.owner)
        switch format {
        case .salesforce:
            return keys.first { k in
                (k.count == 15 || k.count == 18) && k.hasPrefix("005")
                    && k.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
            }
        case .hubspot:
            return keys.first { $0.contains("@") }
                ?? keys.first { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        case .odoo:
            return keys.first { !$0.contains("@") && !($0.hasPrefix("005") && $0.count >= 15) }
        case .jsonl:
            return rep
        }
    }
}
