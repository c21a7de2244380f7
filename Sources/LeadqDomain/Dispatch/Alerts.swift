/// Where the dispatcher's last look left off: alerts about entries (an assignment) are raised for
/// entries after `seq`, alerts about moments (a follow-up coming due) for moments after `at`.
public struct AlertCursor: Equatable, Sendable {
    public var seq: Int64
    public var at: Instant
    public init(seq: Int64, at: Instant) { (self.seq, self.at) = (seq, at) }
}

/// Which alerts are due now, from the leads as they are: one function per kind, pure, with the
/// clock passed in. The ledger, not these, makes sure each is sent once.
public enum Alerts {
    public static func due(
        pool: [Lead], active: [Lead], since: AlertCursor, now: Instant, settings: Settings, utcOffset: Int64 = 0
    ) -> [Alert] {
        let all =
            hotAssigned(active, after: since.seq, now: now, settings: settings, utcOffset: utcOffset)
            + poolHot(pool, now: now, settings: settings)
            + slaWarnings(active, since: since.at, now: now, settings: settings, utcOffset: utcOffset)
            + followUpsDue(active, since: since.at, now: now, settings: settings)
        return all.sorted { ($0.at, $0.key) < ($1.at, $1.key) }
    }

    /// A hot lead assigned after the last look and still waiting for its rep's decision.
    public static func hotAssigned(
        _ active: [Lead], after seq: Int64, now: Instant, settings: Settings, utcOffset: Int64
    )
        -> [Alert]
    {
        active.compactMap { l in
            guard l.stage == .assigned, settings.isHot(l.score), let owner = l.owner, let s = l.work.assignedSeq,
                s > seq, let at = l.work.assignedAt
            else { return nil }
            let touch = SLA.firstTouch(l, now: now, settings: settings)
            let by = touch.map { ": first touch by \($0.deadline.human(now: now, utcOffset: utcOffset))" } ?? ""
            return Alert(
                kind: .hotAssigned, key: "hot-assigned/\(l.id)/\(s)", lead: l.id, to: [owner], at: at,
                deadline: touch?.deadline, clock: touch == nil ? nil : "first-touch",
                text: "Hot lead \(l.id) (\(who(l))) assigned to \(owner)\(by)")
        }
    }

    /// A hot lead that has waited unassigned past `sla.poolHotMinutes`, to every manager present.
    public static func poolHot(_ pool: [Lead], now: Instant, settings: Settings) -> [Alert] {
        let managers = settings.reps.filter { $0.role == .manager && !$0.away }.map(\.id)
        return pool.compactMap { l in
            guard l.stage == .new, settings.isHot(l.score) else { return nil }
            // Late by the same rule the manager's view shows (working time, `sla.poolHotMinutes`).
            let since = poolSince(l)
            let late = PoolWatch.lateAt(l, settings: settings)
            guard late <= now else { return nil }
            return Alert(
                kind: .poolHot, key: "pool-hot/\(l.id)/\(since.seconds)", lead: l.id, to: managers, at: late,
                text: "Hot lead \(l.id) (\(who(l))) has waited \(Span.human(now - since)) in the pool unassigned")
        }
    }

    /// A running SLA clock whose warning moment has come (`sla.warnMinutes` before the deadline), if
    /// it hadn't breached yet at the last look: one missed while nobody looked is still said, once.
    /// A clock shorter than the warning (a hot lead's 5 minutes) isn't warned of: its assignment's
    /// alert said it.
    public static func slaWarnings(
        _ active: [Lead], since: Instant, now: Instant, settings: Settings, utcOffset: Int64
    ) -> [Alert] {
        let warn = settings.dispatch.warnMinutes * Span.minute
        var out: [Alert] = []
        for l in active {
            guard let owner = l.owner, let seq = l.work.assignedSeq, let start = l.work.assignedAt else { continue }
            let clocks = [
                ("first-touch", SLA.firstTouch(l, now: now, settings: settings)),
                ("decision", SLA.decision(l, now: now, settings: settings)),
            ]
            for case (let name, let state?) in clocks where state.running {
                let warnAt = state.deadline - warn
                guard warnAt > start, warnAt <= now, state.deadline > since else { continue }
                let left = state.deadline > now ? "breaches in \(Span.human(state.deadline - now))" : "has breached"
                out.append(
                    Alert(
                        kind: .slaWarning, key: "sla-warning/\(l.id)/\(seq)/\(name)", lead: l.id, to: [owner],
                        at: warnAt, deadline: state.deadline, clock: name,
                        text:
                            "\(l.id) (\(who(l))): the \(name) SLA \(left), at \(state.deadline.human(now: now, utcOffset: utcOffset))"
                    ))
            }
        }
        return out
    }

    /// An open follow-up that came due since the last look.
    public static func followUpsDue(_ active: [Lead], since: Instant, now: Instant, settings: Settings) -> [Alert] {
        var out: [Alert] = []
        for l in active {
            guard let owner = l.owner else { continue }
            for f in l.work.openFollowUps where f.due > since && f.due <= now {
                out.append(
                    Alert(
                        kind: .followUpDue, key: "followup-due/\(l.id)/\(f.id)", lead: l.id, to: [owner], at: f.due,
                        deadline: f.due, text: "Follow-up due on \(l.id) (\(who(l))): \(f.what)"))
            }
        }
        return out
    }

    /// Since when a pool lead has waited: its arrival, its last release from nurture, or the undo
    /// that took its assignment back, whichever came last.
    public static func poolSince(_ lead: Lead) -> Instant {
        let undone = lead.undoneSeqs
        var since = lead.work.enteredAt ?? lead.profile.createdAt
        for e in lead.history where !undone.contains(e.seq) {
            switch e.op {
            case .release: since = max(since, e.at)
            case .undo(let target):
                if case .assign? = lead.history.first(where: { $0.seq == target })?.op { since = max(since, e.at) }
            default: break
            }
        }
        return since
    }

    static func who(_ l: Lead) -> String {
        let name = l.profile.name.isEmpty ? "no name" : l.profile.name
        return "score \(l.score), \(name)" + (l.profile.company.isEmpty ? "" : ", \(l.profile.company)")
    }
}
