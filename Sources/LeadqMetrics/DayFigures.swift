import LeadqDomain

/// A rep's day (or the team's, for no rep): what the "today" line of the stats page and
/// `leadq report --today` say.
public struct DayFigures: Equatable, Sendable {
    /// The local day, midnight to midnight.
    public var from: Instant
    public var to: Instant
    /// Outbound calls logged.
    public var calls = 0
    /// Contacts that reached the person (connected, replied, meeting booked), any channel.
    public var connects = 0
    /// Contacts of any kind logged.
    public var contacts = 0
    /// Follow-ups marked done.
    public var followUpsDone = 0
    /// Hot leads whose first touch was due this day, and how many were touched by then.
    public var hotDue = 0
    public var hotInTime = 0

    public init(from: Instant, to: Instant) {
        (self.from, self.to) = (from, to)
    }

    /// Nothing counted yet for the local day holding `now` in `zone`.
    public init(dayOf now: Instant, zone: Zone) {
        let start = zone.startOfDay(now)
        let c = zone.civil(start)
        let next = zone.instant(
            CivilTime(Instant(seconds: (CivilTime.days(year: c.year, month: c.month, day: c.day) + 1) * Span.day)))
        self.init(from: start, to: next)
    }

    /// The day holding `now` in `zone`, for `rep` (nil: everyone), from `leads`.
    public static func of<S: Sequence<Lead>>(
        _ leads: S, rep: String?, now: Instant, zone: Zone, settings: Settings
    ) -> DayFigures {
        var day = DayFigures(dayOf: now, zone: zone)
        for lead in leads { day.add(lead, rep: rep, now: now, settings: settings) }
        return day
    }

    public mutating func add(_ lead: Lead, rep: String?, now: Instant, settings: Settings) {
        let window = from..<to
        let undone = lead.undoneSeqs
        for e in lead.history where window.contains(e.at) && !undone.contains(e.seq) && (rep == nil || e.by == rep) {
            switch e.op {
            case .contact(let contact):
                contacts += 1
                if contact.channel == .call && contact.direction == .outbound { calls += 1 }
                if contact.outcome.reached { connects += 1 }
            case .completeFollowUp:
                followUpsDone += 1
            default:
                break
            }
        }
        countHot(lead, rep: rep, now: now, settings: settings)
    }

    /// Adds another part's counts for the same day (a store read in parts).
    public mutating func add(_ o: DayFigures) {
        calls += o.calls
        connects += o.connects
        contacts += o.contacts
        followUpsDone += o.followUpsDone
        hotDue += o.hotDue
        hotInTime += o.hotInTime
    }

    /// A hot lead of `rep` whose first-touch deadline fell in the day: touched by then, or not.
    private mutating func countHot(_ lead: Lead, rep: String?, now: Instant, settings: Settings) {
        guard settings.isHot(lead.score), rep == nil || lead.owner == rep || lead.work.closedBy == rep,
            let clock = SLA.firstTouch(lead, now: now, settings: settings), (from..<to).contains(clock.deadline)
        else { return }
        // A deadline later today still running isn't missed yet.
        if clock.running && clock.deadline > now { return }
        hotDue += 1
        if let met = clock.metAt, met <= clock.deadline { hotInTime += 1 }
    }

    /// "12 calls · 4 connects · 6 follow-ups done · hot leads touched in time: 3 of 4".
    public var line: String {
        let hot = hotDue == 0 ? "no hot lead due" : "hot leads touched in time: \(hotInTime) of \(hotDue)"
        return "\(calls) call\(calls == 1 ? "" : "s") · \(connects) connect\(connects == 1 ? "" : "s") · "
            + "\(followUpsDone) follow-up\(followUpsDone == 1 ? "" : "s") done · \(hot)"
    }
}
