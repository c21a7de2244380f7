/// Hot leads waiting in the unassigned pool: after `sla.poolHotMinutes` (working time, in the team's
/// zone) a hot lead still unassigned is late for routing, and managers are told.
public enum PoolWatch {
    /// How long the lead has waited unassigned since it last entered the pool, in working time.
    public static func waited(_ lead: Lead, now: Instant, settings: Settings) -> Int64 {
        let since = lead.work.pooledAt ?? lead.profile.createdAt
        return settings.calendar(forRep: nil).working(from: since, to: now)
    }

    /// When a hot lead in the pool becomes late for routing.
    public static func lateAt(_ lead: Lead, settings: Settings) -> Instant {
        let since = lead.work.pooledAt ?? lead.profile.createdAt
        return settings.calendar(forRep: nil).adding(settings.poolHotMinutes * Span.minute, to: since)
    }

    /// The hot pool leads waiting past the limit, longest-waiting first.
    public static func hotWaiting(_ pool: [Lead], now: Instant, settings: Settings) -> [Lead] {
        pool.filter { l in l.stage == .new && settings.isHot(l.score) && lateAt(l, settings: settings) <= now }
            .sorted { a, b in
                let (x, y) = (a.work.pooledAt ?? a.profile.createdAt, b.work.pooledAt ?? b.profile.createdAt)
                return x != y ? x < y : LeadID.precedes(a.id, b.id)
            }
    }
}
