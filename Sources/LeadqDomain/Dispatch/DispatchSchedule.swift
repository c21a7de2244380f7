/// When the dispatcher must look next though nothing changed: the earliest moment after `now` at
/// which a rule falls due or an alert comes due. A change in the store makes it look sooner.
public enum DispatchSchedule {
    /// - Parameter releases: when each nurture lead is released (the dispatcher keeps that index).
    public static func nextWake(
        pool: [Lead], active: [Lead], releases: [Instant], now: Instant, settings: Settings
    ) -> Instant? {
        var next: Instant?
        func consider(_ t: Instant?) {
            guard let t, t > now else { return }
            if next.map({ t < $0 }) ?? true { next = t }
        }
        releases.forEach(consider)
        for l in pool where settings.isHot(l.score) { consider(PoolWatch.lateAt(l, settings: settings)) }
        let warn = settings.dispatch.warnMinutes * Span.minute
        for l in active {
            consider(DispatchRules.staleAt(l, now: now, settings: settings))
            for case let clock? in [
                SLA.firstTouch(l, now: now, settings: settings), SLA.decision(l, now: now, settings: settings),
            ] {
                guard clock.running, let start = l.work.assignedAt, clock.deadline - warn > start else { continue }
                consider(clock.deadline - warn)
            }
            for f in l.work.openFollowUps where f.due > now {
                consider(f.due)
                break
            }
        }
        return next
    }
}
