/// The rules the dispatcher runs, one function each: the dispatcher asks these and nothing else, so
/// a rule's next version (business hours, re-engagement steps, duplicates held) slots in here.
public enum DispatchRules {
    /// Recorded on a release the re-engagement schedule made.
    public static let releaseRule = "re-engagement"
    /// Recorded on a release because the lead's score rose to hot while it rested in nurture.
    public static let hotReleaseRule = "hot-release"

    /// Routing on arrival: who gets which pool lead, by the store's routing rules.
    public static func route(pool: [Lead], active: [Lead], settings: Settings) -> [RoutingDecision] {
        Routing.plan(pool: pool, active: active, settings: settings)
    }

    /// The stale-lead policy: queue leads idle long enough to be clawed back now, id order.
    public static func stale(_ active: [Lead], now: Instant, settings: Settings) -> [Lead] {
        active.filter { SLA.status($0, now: now, settings: settings).clawbackDue }
            .sorted { LeadID.precedes($0.id, $1.id) }
    }

    /// When a queue lead falls due for clawback if nothing else happens to it.
    public static func staleAt(_ lead: Lead, now: Instant, settings: Settings) -> Instant? {
        guard lead.stage.isActive else { return nil }
        return now + (settings.clawbackIdle - SLA.status(lead, now: now, settings: settings).idle)
    }

    /// Re-engagement: when a nurture lead goes back to the pool, by the policy's steps
    /// (`nurture.releaseDays`); nil past the last step.
    public static func releaseAt(_ lead: Lead, settings: Settings) -> Instant? {
        guard lead.stage == .nurture, let since = lead.work.closedAt else { return nil }
        let step = NurtureRelease.nextStep(lead)
        guard step <= settings.nurtureReleaseDays.count else { return nil }
        return since + settings.nurtureReleaseDays[step - 1] * Span.day
    }

    /// The note a re-engagement release records: the rule and how long the lead rested (the event
    /// itself records the step).
    public static func releaseNote(_ lead: Lead, now: Instant) -> String {
        let rested = lead.work.closedAt.map { Span.human(now - $0) } ?? "?"
        return "rule \(releaseRule): \(rested) in nurture"
    }

    /// A nurture lead whose score rose to hot after it went to nurture comes back at once: the note
    /// its release records, or nil when it stays.
    public static func hotRelease(_ lead: Lead, settings: Settings) -> String? {
        guard NurtureRelease.turnedHot(lead, settings), let since = lead.work.closedAt else { return nil }
        let undone = lead.undoneSeqs
        let rose = lead.history.contains { e in
            guard e.at >= since, !undone.contains(e.seq), case .updated(_, let changes?) = e.op else { return false }
            return changes.contains { c in
                guard c.key == .score, case .number(let old) = c.old, case .number(let new) = c.new else {
                    return false
                }
                return !settings.isHot(old ?? 0) && settings.isHot(new ?? 0)
            }
        }
        return rose ? "rule \(hotReleaseRule): score rose to \(lead.score) in nurture" : nil
    }
}
