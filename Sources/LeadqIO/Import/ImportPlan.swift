import Dispatch
import LeadqDomain
import LeadqStore

extension KnownLeads {
    /// Of these name-and-company keys (`LeadKeys.nameCompanyKey`), the stored leads with each, in id
    /// order, leaving out `excluding` (the leads the file itself names).
    public func leadIDs(nameCompanyKeys: [String], excluding: Set<String>) throws -> [String: [String]] {
        guard !nameCompanyKeys.isEmpty, leadCount > excluding.count else { return [:] }
        let keys = Set(nameCompanyKeys)
        var out: [String: [String]] = [:]
        try forEachIndexedProfile { id, p in
            guard !p.name.isEmpty, !p.company.isEmpty, !excluding.contains(id), !DataQuality.isMerged(p) else { return }
            let k = LeadKeys.nameCompanyKey(p.name, p.company)
            if keys.contains(k) { out[k, default: []].append(id) }
        }
        return out.mapValues { $0.sorted(by: LeadID.precedes) }
    }
}

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
        /// The opportunity's outcome the row gives, recorded if the lead is qualified.
        public var opportunity: OpportunityOutcome?
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
    /// Rows found in a duplicate group by their key's hash that don't have its key (`DuplicateGroups`).
    var keyCollisions = 0

    mutating func add(_ item: Item) {
        count(item)
        items.append(item)
    }

    /// Counts an item without keeping it.
    mutating func count(_ item: Item) {
        switch item.action {
        case .create: new += 1
        case .update: updated += 1
        case .unchanged: unchanged += 1
        }
        if item.assign != nil { assigned += 1 }
    }

    /// Another part's counts and owner notes added to these.
    mutating func addCounts(of part: ImportPlan) {
        flagged += part.flagged
        new += part.new
        updated += part.updated
        unchanged += part.unchanged
        assigned += part.assigned
        keyCollisions += part.keyCollisions
        awayOwners.merge(part.awayOwners, uniquingKeysWith: +)
        unknownOwners.merge(part.unknownOwners, uniquingKeysWith: +)
    }
}

/// Decides, row by row, whether the lead is new, changed or unchanged, which flags it carries, and
/// whom its owner maps to. Pure apart from the store lookups it is handed, so it runs inside the
/// writer lock against the current state, and a dry run shows exactly what the import would do.
public enum ImportPlanner {
    public static let ownerMapRule = "owner-map"
    static let duplicatePrefix = "duplicate-email:"
    static let duplicateNamePrefix = "duplicate-name:"
    static let invalidEmail = "invalid-email"

    /// - Parameters:
    ///   - neverAssigned: of these known leads, those still unassigned that were never assigned: an
    ///     existing lead gets its CRM owner only then (asked once, for the rows whose owner maps to a rep).
    ///   - firstNewID: the id the first created lead will get (`Transaction.nextLeadID`).
    public static func plan(
        _ read: ReadRows, known: KnownLeads, neverAssigned: (Set<String>) throws -> Set<String>,
        settings: Settings, now: Instant, firstNewID: String
    ) throws -> ImportPlan {
        guard let next = LeadID.number(firstNewID) else {
            throw ImportUsageError("can't number new leads after \(firstNewID)")
        }
        let map = OwnerMap(settings: settings, allowRepIDs: read.format == .jsonl)
        let m = try match(count: read.rows.count, { RowKeys(read.rows[$0]) }, known: known, map: map, firstNumber: next)
        let routable = m.candidates.isEmpty ? [] : try neverAssigned(m.candidates)
        let groups = try DuplicateGroups(
            m.planned, emails: m.emails, names: m.names, inFile: m.inFile, known: known)
        var plan = finish(
            m.planned, read, groups: groups, owners: m.owners, routable: routable, settings: settings, now: now)
        try flagOutsiders(groups.outsiders, known: known, groups: groups, into: &plan)
        return plan
    }

    /// 3. Final profiles: flags, then the score by the store's rules (the file's score wins).
    /// 4. The owner, mapped, never guessed; an existing lead only while it has never been routed.
    /// Each row on its own, so big files are done in two halves at once.
    static func finish(
        _ rows: [Planned], _ read: ReadRows, groups: DuplicateGroups, owners: Owners, routable: Set<String>,
        settings: Settings, now: Instant
    ) -> ImportPlan {
        let finisher = Finisher(groups: groups, owners: owners, routable: routable, settings: settings, now: now)
        let parts = rows.count > 20_000 ? 2 : 1
        let outs = (0..<parts).map { _ in Finished() }
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            let out = outs[k]
            let range = rows.count * k / parts..<rows.count * (k + 1) / parts
            out.plan.items.reserveCapacity(range.count)
            for i in range { out.plan.add(finisher.item(rows[i], read.rows[i], into: &out.plan)) }
        }
        var plan = ImportPlan()
        for out in outs {
            let part = out.plan
            out.plan = ImportPlan()
            if plan.items.isEmpty { plan.items = part.items } else { plan.items.append(contentsOf: part.items) }
            plan.addCounts(of: part)
        }
        return plan
    }

    /// What step 3 and 4 need beside the row: the same for every row of a file.
    struct Finisher: Sendable {
        let groups: DuplicateGroups
        let owners: Owners
        let routable: Set<String>
        let scoring: Scoring.Model
        let away: Set<String>
        let now: Instant

        init(groups: DuplicateGroups, owners: Owners, routable: Set<String>, settings: Settings, now: Instant) {
            (self.groups, self.owners, self.routable, self.now) = (groups, owners, routable, now)
            scoring = Scoring.Model(settings.scoring)
            away = Set(settings.reps.filter { $0.away }.map(\.id))
        }

        /// One row's item: its final profile and owner; `plan` counts the flagged and the owners noted.
        /// Unless `scored`, a new lead's profile is left unscored (the flags and the owner don't
        /// depend on its score; a stored lead's always is, to be compared).
        func item(_ p: borrowing Planned, _ row: borrowing ImportRow, into plan: inout ImportPlan, scored: Bool = true)
            -> ImportPlan.Item
        {
            var profile = row.merged(into: p.base, now: now)
            let id = p.id
            // The key is made only when a group may have it (most rows share it with none).
            let nameKey = groups.mayHaveName(p.name) ? row.mergedNameKey(into: p.base) : ""
            if !setFlags(&profile, id: id, nameKey: nameKey, nameHash: p.name, recheckEmail: true, groups) {
                plan.keyCollisions += 1
            }
            if scored || p.base != nil { (profile.score, profile.scoreParts) = scoring.score(profile) }
            if !DataQuality.flags(profile).isEmpty { plan.flagged += 1 }
            let action: ImportPlan.Action
            if let base = p.base {
                let fields = Profile.changes(from: base, to: profile).map(\.key.rawValue)
                action = fields.isEmpty ? .unchanged(id: id) : .update(id: id, profile: profile, fields: fields)
            } else {
                action = .create(id: id, profile: profile)
            }
            var item = ImportPlan.Item(line: row.line, action: action, assign: nil)
            item.opportunity = row.opportunity
            assignOwner(
                p, id: id, owner: owners.names[Int(p.owner)], rep: owners.reps[Int(p.owner)], &item,
                routable: routable, away: away, into: &plan)
            return item
        }
    }

    /// The rep a row's owner maps to takes a new lead, or a known one never routed; an owner the map
    /// doesn't know, or a rep who is away, is noted instead.
    static func assignOwner(
        _ p: borrowing Planned, id: String, owner: String, rep: String?, _ item: inout ImportPlan.Item,
        routable: Set<String>, away: Set<String>, into plan: inout ImportPlan
    ) {
        guard !owner.isEmpty, p.base == nil || routable.contains(id) else { return }
        guard let rep else {
            plan.unknownOwners[owner, default: 0] += 1
            return
        }
        if away.contains(rep) { plan.awayOwners["\(owner) → \(rep)", default: 0] += 1 } else { item.assign = rep }
    }

    /// 5. Leads outside the file whose duplicate flags change.
    static func flagOutsiders(
        _ outsiders: [String], known: KnownLeads, groups: DuplicateGroups, into plan: inout ImportPlan
    ) throws {
        var seen = Set<String>()
        for id in outsiders.sorted(by: LeadID.precedes) where seen.insert(id).inserted {
            guard let profile = try known.indexedProfile(id) else { continue }
            let updated = withFlags(
                profile, id: id, nameKey: LeadKeys.nameCompanyKey(profile.name, profile.company), recheckEmail: false,
                groups)
            if updated.flags != profile.flags {
                plan.flagUpdates.append(.init(id: id, profile: updated))
                plan.flagUpdateCount += 1
            }
        }
    }

    /// A row's final profile with its review flags: the leads sharing its email, then those sharing
    /// its name and company (`nameKey`, unless they share the email too), each the group's first
    /// `DataQuality.duplicatesNamed` by id, and a bad-address flag when asked to look at the address again.
    static func withFlags(_ p: Profile, id: String, nameKey: String, recheckEmail: Bool, _ groups: DuplicateGroups)
        -> Profile
    {
        var q = p
        setFlags(&q, id: id, nameKey: nameKey, nameHash: groups.hash(nameKey), recheckEmail: recheckEmail, groups)
        return q
    }

    /// `withFlags` in place: a copy of a whole profile costs a retain of each of its texts. False
    /// when a group found by a key's hash has another key (`DuplicateGroups.Found.collision`).
    @discardableResult
    static func setFlags(
        _ q: inout Profile, id: String, nameKey: String, nameHash: UInt64, recheckEmail: Bool,
        _ groups: DuplicateGroups
    ) -> Bool {
        let k = DataQuality.emailKey(q.email)
        var flags = q.flags.filter {
            !$0.hasPrefix(duplicatePrefix) && !$0.hasPrefix(duplicateNamePrefix)
                && (!recheckEmail || $0 != invalidEmail)
        }
        if recheckEmail && !k.isEmpty && !looksLikeEmail(q.email) { flags.append(invalidEmail) }
        if DataQuality.isMerged(q) {
            q.flags = flags
            return true
        }
        let most = DataQuality.duplicatesNamed
        var byEmail: [String] = []
        var exact = true
        switch groups.email(k) {
        case .group(let group):
            let (g, f) = (group.ids, group.flags)
            for j in g.indices where g[j] != id && byEmail.count < most {
                byEmail.append(g[j])
                flags.append(f[j])
            }
        case .collision: exact = false
        case .none: break
        }
        switch nameKey.isEmpty ? .none : groups.name(nameKey, hash: nameHash) {
        case .group(let group):
            let (g, f) = (group.ids, group.flags)
            var named = 0
            for j in g.indices where named < most && g[j] != id && !byEmail.contains(g[j]) {
                flags.append(f[j])
                named += 1
            }
        case .collision: exact = false
        case .none: break
        }
        q.flags = flags
        return exact
    }

    /// What one worker made of its rows. Each worker writes only its own.
    final class Finished: @unchecked Sendable {
        var plan = ImportPlan()
    }

    /// `looksLikeEmail` for ASCII addresses (nearly all), by bytes in one pass: one `@`, not first;
    /// no space or control byte; a domain of two or more non-empty dot-separated labels.
    static func looksLikeASCIIEmail(_ b: String.UTF8View) -> Bool {
        let quick = b.withContiguousStorageIfAvailable { b -> Bool in
            var at = -1
            var previous: UInt8 = 0
            var dots = 0
            for (i, c) in b.enumerated() {
                if c <= 0x20 { return false }
                if c == UInt8(ascii: "@") {
                    guard at < 0, i > 0 else { return false }
                    at = i
                } else if c == UInt8(ascii: "."), at >= 0 {
                    // An empty label: the domain starts with a dot, or two dots meet.
                    if previous == UInt8(ascii: "@") || previous == UInt8(ascii: ".") { return false }
                    dots += 1
                }
                previous = c
            }
            return at >= 0 && dots > 0 && previous != UInt8(ascii: ".") && previous != UInt8(ascii: "@")
        }
        if let quick { return quick }
        guard let at = b.firstIndex(of: UInt8(ascii: "@")), at != b.startIndex, !b.contains(where: { $0 <= 0x20 })
        else { return false }
        let domain = b[b.index(after: at)...]
        guard !domain.contains(UInt8(ascii: "@")) else { return false }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
    }

    /// Something@domain.tld, without spaces: enough to flag addresses a rep can't use.
    static func looksLikeEmail(_ s: String) -> Bool {
        let isASCII = s.utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } }
        if isASCII ?? s.utf8.allSatisfy({ $0 < 0x80 }) { return looksLikeASCIIEmail(s.utf8) }
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        let ascii = s.utf8.allSatisfy { $0 < 0x80 }
        guard parts.count == 2, !parts[0].isEmpty, !s.utf8.contains(where: { $0 <= 0x20 }),
            ascii || !s.contains(where: \.isWhitespace)
        else { return false }
        let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return domain.count >= 2 && domain.allSatisfy { !$0.isEmpty }
    }
}
