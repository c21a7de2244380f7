import LeadqDomain
import LeadqStore

/// What a stale-lead sweep found and, unless it was a dry run, clawed back.
public struct StaleSweep {
    /// Leads idle past the policy when looked at, id order.
    public var due: [Lead]
    /// Those clawed back (others changed since, and the rules said no under the lock).
    public var done: [String]
    public var events: [Event]
    /// Leads shown as due soon (`clawback.warnDays` before the policy), soonest first.
    public var soon: [Lead] = []
}

extension Workspace {
    /// The stale-lead policy: a manager sweeps the whole team's queues, a rep their own.
    public func sweepStale(dryRun: Bool) throws -> StaleSweep {
        let now = now()
        let offset = offset(at: now)
        guard let me = settings.rep(actor) else { throw Rules.notOnTeam(actor) }
        let queue = me.role == .manager ? try store.activeLeads() : try store.leads(ownedBy: actor)
        let due = Stale.due(queue, now: now, settings: settings)
        guard !dryRun else {
            return StaleSweep(due: due, done: [], events: [], soon: Stale.dueSoon(queue, now: now, settings: settings))
        }
        let (done, events) = try store.transact(as: actor, at: now, utcOffset: offset) { tx -> [String] in
            // Another process may have touched one since: the rules decide again under the lock.
            try due.compactMap { l in
                if case .success = try tx.attempt(.clawbackStale, on: l.id) { return l.id }
                return nil
            }
        }
        return StaleSweep(due: due, done: done, events: events)
    }

    /// Nurture leads resting longer than `age` seconds, back to the pool (managers), with `note`.
    public func releaseNurture(olderThan age: Int64, note: String, dryRun: Bool) throws -> [Lead] {
        let now = now()
        var nurtured: [Lead] = []
        try store.forEachLead { if $0.stage == .nurture { nurtured.append($0) } }
        let due = NurtureRelease.due(nurtured, olderThan: age, now: now)
        guard !dryRun else { return due }
        if let refusal = Managers.refusal(actor, to: "release leads from nurture", settings) { throw refusal }
        return try store.transact(as: actor, at: now, utcOffset: offset(at: now)) { tx -> [Lead] in
            // Decided again under the lock: another process may have released some meanwhile.
            try due.compactMap { l in
                guard let current = try tx.lead(l.id), current.stage == .nurture else { return nil }
                if case .success = try tx.attempt(.release(note: note), on: l.id) { return l }
                return nil
            }
        }.result
    }
}
