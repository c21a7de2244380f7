/// The stale-lead policy of domain.md: a lead in a queue with no contact or decision for
/// `clawback.idleDays` goes back to nurture. Re-scheduling a follow-up is not activity. It shows as
/// due `clawback.warnDays` before, so the rep can still act.
public enum Stale {
    /// Time since the last contact or decision (assignment included), or since the lead was created.
    public static func idle(_ lead: Lead, now: Instant) -> Int64 {
        now - (lead.work.lastActivityAt ?? lead.profile.createdAt)
    }

    /// When the policy takes the lead if nothing happens.
    public static func clawbackAt(_ lead: Lead, _ settings: Settings) -> Instant {
        (lead.work.lastActivityAt ?? lead.profile.createdAt).adding(settings.clawbackIdle) ?? .recordable.upperBound
    }

    /// Within the warning days before the policy, not yet due.
    public static func soon(_ idle: Int64, _ settings: Settings) -> Bool {
        idle < settings.clawbackIdle && idle >= settings.clawbackIdle - settings.clawbackWarnDays * Span.day
    }

    /// The queue leads the policy takes now, in id order.
    public static func due(_ leads: [Lead], now: Instant, settings: Settings) -> [Lead] {
        leads.filter { $0.stage.isActive && idle($0, now: now) >= settings.clawbackIdle }
            .sorted { LeadID.precedes($0.id, $1.id) }
    }

    /// The queue leads shown as due soon (within the warning days), soonest first.
    public static func dueSoon(_ leads: [Lead], now: Instant, settings: Settings) -> [Lead] {
        leads.filter { $0.stage.isActive && soon(idle($0, now: now), settings) }
            .sorted {
                ($0.work.lastActivityAt ?? $0.profile.createdAt, $0.id) < (
                    $1.work.lastActivityAt ?? $1.profile.createdAt, $1.id
                )
            }
    }
}
