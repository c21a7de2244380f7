import LeadqDomain
import LeadqMetrics

/// A rep's day and their follow-ups: the "today" line (`leadq report --today`, the stats page) and
/// the agenda (`leadq agenda`, the console's agenda page).
extension Workspace {
    /// Today's calls, connects, follow-ups done and hot leads touched in time, for `rep` (nil: the team).
    public func today(rep: String?, at now: Instant) throws -> DayFigures {
        let empty = DayFigures(dayOf: now, zone: zone)
        let settings = settings
        let parts = try store.forEachLead(
            inParts: empty, naming: rep.map { [$0] }, keeping: ReportBuilder.profileMembers(settings)
        ) { day, lead in
            day.add(lead, rep: rep, now: now, settings: settings)
        }
        return parts.dropFirst().reduce(into: parts.first ?? empty) { $0.add($1) }
    }

    /// The open follow-ups of `rep`'s queue (nil: every queue), overdue, today and this week.
    public func agenda(of rep: String?, at now: Instant) throws -> Agenda {
        if let rep { return Agenda.of(try store.leads(ownedBy: rep), now: now, zone: zone) }
        // Every queue's: each lead read, its items kept and the lead let go, in parts on every
        // core. Every queue's leads held whole at once were 2.4 GB at a million leads.
        let days = Agenda.Days(now: now, zone: zone)
        let parts = try store.forEachLead(inParts: Agenda(), naming: nil, keeping: [.name, .company, .notes]) {
            agenda, lead in agenda.add(lead, days)
        }
        return Agenda.joined(parts)
    }
}
