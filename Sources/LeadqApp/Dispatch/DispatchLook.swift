import LeadqDomain
import LeadqStore

/// One look of the dispatcher: the rules in order (stale leads back to nurture, nurture leads back
/// to the pool, the pool routed), then the alerts. Each rule is decided again under the writer's
/// lock, so a rep who acted first wins and the dispatcher says so.
extension Dispatcher {
    /// - Parameter changed: the leads other processes changed since the last look; nil to look at
    ///   every lead (the first look, after a reload, and now and then).
    public func look(changed: Set<String>?) throws {
        let now = clock()
        let seenBefore = store.lastSeq
        let hot = try indexNurture(changed)
        // The queues are read once, and again only after a write changed them: at 100,000 leads
        // a read is most of a look.
        var active = try store.activeLeads()
        if try clawBackStale(now, active: active) { active = try store.activeLeads() }
        try release(hot: hot, now: now)
        if try routeArrivals(now, active: active) { active = try store.activeLeads() }
        let pool = try store.unassigned()
        try raiseAlerts(now, firstSeq: seenBefore, pool: pool, active: active)
        nextWake = DispatchSchedule.nextWake(
            pool: pool, active: active, releases: Array(releases.values), now: now, settings: store.settings)
    }

    var writeOffset: (Instant) -> Int64 { { [zone] in zone.offset(at: $0) } }

    /// Keeps the re-engagement index (when each nurture lead is released) and finds the nurture
    /// leads whose score rose to hot, among the changed leads or all of them.
    func indexNurture(_ changed: Set<String>?) throws -> [String] {
        let settings = store.settings
        var hot: [String] = []
        func note(_ l: Lead) {
            releases[l.id] = DispatchRules.releaseAt(l, settings: settings)
            if DispatchRules.hotRelease(l, settings: settings) != nil { hot.append(l.id) }
        }
        if let changed {
            for id in changed {
                if let l = try store.lead(id) { note(l) } else { releases[id] = nil }
            }
        } else {
            releases = [:]
            try store.forEachLead { l in if l.stage == .nurture { note(l) } }
        }
        return hot.sorted(by: LeadID.precedes)
    }

    /// The stale-lead policy: queue leads idle past `clawback.idleDays`, back to nurture. Returns
    /// whether it saved anything.
    func clawBackStale(_ now: Instant, active: [Lead]) throws -> Bool {
        let due = DispatchRules.stale(active, now: now, settings: store.settings)
        guard !due.isEmpty else { return false }
        let outcomes = try store.transact(as: DispatchActor.id, at: now, utcOffset: writeOffset(now)) { tx in
            try due.map { l in (l, try tx.attempt(.clawbackStale, on: l.id)) }
        }.result
        for (l, outcome) in outcomes {
            switch outcome {
            case .success(let change):
                releases[l.id] = DispatchRules.releaseAt(change.lead, settings: store.settings)
                log(.clawedBack(lead: l.id, name: l.profile.name, note: change.lead.work.note))
            case .failure(let r): log(.refused(lead: l.id, action: "claw back", why: r.message))
            }
        }
        return true
    }

    /// Re-engagement and hot releases: nurture leads back to the pool, each with the rule's note.
    func release(hot: [String], now: Instant) throws {
        let settings = store.settings
        let due = releases.filter { $0.value <= now }.map(\.key).sorted(by: LeadID.precedes)
        let ids = hot + due.filter { !hot.contains($0) }
        guard !ids.isEmpty else { return }
        let outcomes = try store.transact(as: DispatchActor.id, at: now, utcOffset: writeOffset(now)) {
            tx -> [(Lead, String, Result<Change, Refusal>)] in
            try ids.compactMap { id in
                guard let l = try tx.lead(id), l.stage == .nurture else { return nil }
                let note: String
                var step: Int?
                if let n = DispatchRules.hotRelease(l, settings: settings) {
                    note = n
                } else if let at = DispatchRules.releaseAt(l, settings: settings), at <= now {
                    note = DispatchRules.releaseNote(l, now: now)
                    step = NurtureRelease.nextStep(l)
                } else {
                    return nil
                }
                let outcome = try tx.attempt(.release(note: note, step: step), on: id)
                // Back to its previous owner when the team says so, in the same write.
                if case .success = outcome, let back = NurtureRelease.previousOwner(l, settings) {
                    _ = try tx.attempt(.assign(to: back, rule: Reengage.previousOwnerRule), on: id)
                }
                return (l, note, outcome)
            }
        }.result
        for id in ids { releases[id] = nil }
        for (l, note, outcome) in outcomes {
            switch outcome {
            case .success: log(.released(lead: l.id, name: l.profile.name, note: note))
            case .failure(let r): log(.refused(lead: l.id, action: "release", why: r.message))
            }
        }
    }

    /// Routing on arrival: the pool by the store's rules, through the same use case as `leadq
    /// route`. A pool where every lead must wait (everyone away) is left without a write. Returns
    /// whether it saved anything.
    func routeArrivals(_ now: Instant, active: [Lead]) throws -> Bool {
        let settings = store.settings
        guard settings.dispatch.routeOnArrival else { return false }
        let pool = try store.unassigned()
        guard !pool.isEmpty else { return false }
        let plan = Routing.plan(pool: pool, active: active, settings: settings)
        guard plan.contains(where: { $0.outcome != .hold }) else { return false }
        let ws = Workspace(store: store, actor: DispatchActor.id, zone: zone, clock: { now })
        let result = try ws.route(dryRun: false)
        for d in result.decisions where d.outcome != .hold {
            let name = result.names[d.lead] ?? ""
            if let why = result.refused[d.lead] {
                log(.refused(lead: d.lead, action: "route", why: why))
            } else {
                log(.routed(lead: d.lead, name: name, outcome: d.outcome, rule: d.rule ?? ""))
            }
        }
        return true
    }
}
