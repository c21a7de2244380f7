import LeadqDomain
import LeadqStore

/// A nurture lead released by the re-engagement policy or because its score turned hot, and where
/// it went: back to the pool, or to a rep (its previous owner, or by routing).
public struct Released: Equatable, Sendable {
    public var lead: String
    public var name: String
    /// The re-engagement step (1, 2, 3); nil for a lead whose score turned hot.
    public var step: Int?
    /// The rep it was assigned to in the same write, if any, and the rule that chose them.
    public var assignedTo: String?
    public var rule: String?
}

extension Workspace {
    /// The re-engagement policy (managers; the dispatcher runs it on schedule): every nurture lead
    /// that has rested its step's days goes back to the pool with the step recorded, or straight to
    /// its previous owner when the team says so. One write; a dry run saves nothing.
    public func releaseByPolicy(dryRun: Bool) throws -> [Released] {
        let now = now()
        var nurtured: [Lead] = []
        try store.forEachLead { if $0.stage == .nurture { nurtured.append($0) } }
        let due = NurtureRelease.dueSteps(nurtured, now: now, settings: settings)
        if dryRun {
            return due.map { d in
                let back = NurtureRelease.previousOwner(d.lead, settings)
                return Released(
                    lead: d.lead.id, name: d.lead.profile.name, step: d.step, assignedTo: back,
                    rule: back.map { _ in Reengage.previousOwnerRule })
            }
        }
        if let refusal = Managers.refusal(actor, to: "release leads from nurture", settings) { throw refusal }
        return try store.transact(as: actor, at: now, utcOffset: offset(at: now)) { tx in
            try due.compactMap { d in try Reengage.release(d.lead.id, step: d.step, note: "", in: tx) }
        }.result
    }

    /// Nurture leads whose score turned hot, released and routed at once (managers and the
    /// dispatcher; an import calls it for the leads it changed).
    @discardableResult
    public func releaseTurnedHot(_ ids: [String]? = nil) throws -> [Released] {
        let now = now()
        if let refusal = Managers.refusal(actor, to: "release leads from nurture", settings) { throw refusal }
        var candidates = ids ?? []
        if ids == nil {
            try store.forEachLead { if NurtureRelease.turnedHot($0, settings) { candidates.append($0.id) } }
        }
        guard !candidates.isEmpty else { return [] }
        // Decided again under the lock: the rules look at each lead as it is then.
        return try store.transact(as: actor, at: now, utcOffset: offset(at: now)) { tx in
            try Reengage.releaseTurnedHot(candidates, in: tx, store: store)
        }.result
    }

    /// Hot leads waiting in the pool past `sla.poolHotMinutes`, longest first (for the manager's
    /// view and the dispatcher's alert).
    public func hotWaitingInPool(at now: Instant) throws -> [Lead] {
        PoolWatch.hotWaiting(try store.unassigned(), now: now, settings: settings)
    }
}

/// The steps of a release inside a write, shared by the policy, the hot-lead release and imports.
public enum Reengage {
    public static let previousOwnerRule = "previous-owner"
    public static let turnedHotNote = "score turned hot"

    /// Releases one nurture lead (if it still is one) and, when the team says so, gives it back to
    /// its previous owner in the same write.
    static func release(_ id: String, step: Int?, note: String, in tx: any LeadTransaction) throws -> Released? {
        guard let lead = try tx.lead(id), lead.stage == .nurture else { return nil }
        guard case .success = try tx.attempt(.release(note: note, step: step), on: id) else { return nil }
        var out = Released(lead: id, name: lead.profile.name, step: step)
        if let back = NurtureRelease.previousOwner(lead, tx.context.settings),
            case .success = try tx.attempt(.assign(to: back, rule: previousOwnerRule), on: id)
        {
            out.assignedTo = back
            out.rule = previousOwnerRule
        }
        return out
    }

    /// Of `ids`, the nurture leads whose score is hot now: released, then routed by the rules (or
    /// to their previous owner) in the same write. For imports and the dispatcher.
    public static func releaseTurnedHot(_ ids: [String], in tx: any LeadTransaction, store: any LeadStore) throws
        -> [Released]
    {
        let settings = tx.context.settings
        var released: [Released] = []
        for id in ids {
            guard let lead = try tx.lead(id), NurtureRelease.turnedHot(lead, settings) else { continue }
            let note = "\(turnedHotNote) (\(lead.score))"
            if let r = try release(id, step: nil, note: note, in: tx) { released.append(r) }
        }
        let pool = try released.filter { $0.assignedTo == nil }.compactMap { try tx.lead($0.lead) }
        guard !pool.isEmpty else { return released }
        for d in Routing.plan(pool: pool, active: try store.activeLeads(), settings: settings) {
            guard case .assign(let rep) = d.outcome, let i = released.firstIndex(where: { $0.lead == d.lead }),
                case .success = try tx.attempt(.assign(to: rep, rule: d.rule), on: d.lead)
            else { continue }
            released[i].assignedTo = rep
            released[i].rule = d.rule
        }
        return released
    }
}
