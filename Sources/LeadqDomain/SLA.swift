/// The state of one service-level clock on a lead.
public struct SLAState: Equatable, Sendable {
    public var deadline: Instant
    /// When the clock was satisfied (decision taken, first contact logged); nil while it runs.
    public var metAt: Instant?
    /// Breached: still running past the deadline, or met late.
    public var breached: Bool
    /// Time left until the deadline (negative once past), in working time when the team counts
    /// business hours; meaningful while running.
    public var remaining: Int64

    public var running: Bool { metAt == nil }
}

/// Everything the queue shows about a lead at a given moment, computed, never stored.
public struct LeadStatus: Equatable, Sendable {
    public var decision: SLAState?
    public var firstTouch: SLAState?
    public var nextFollowUp: FollowUp?
    public var followUpOverdue: Bool
    public var followUpDueToday: Bool
    /// Outbound contact attempts since assignment (the "2" of "2/6").
    public var attempts: Int
    public var clawbackDue: Bool
    /// Idle long enough to be shown as due for clawback soon (`clawback.warnDays` before it is).
    public var clawbackSoon: Bool = false
    /// When the stale-lead policy takes the lead, for a lead in a queue.
    public var clawbackAt: Instant?
    public var idle: Int64
    /// Time since assignment (since the lead entered the store, while unassigned).
    public var age: Int64
    /// How long the lead has waited in the pool since it last entered it; nil once assigned.
    public var poolWait: Int64?
    public var hot: Bool
    public var nextAction: String
    public var flags: [String]
    /// The step of the lead's cadence its next contact is, when a playbook or the cadence says.
    public var step: CadenceStep?

    /// The nearest running deadline, for the SLA sort.
    public var nearestDeadline: Instant? {
        // Without arrays: the SLA sort asks it of every row of a queue.
        let d = decision.flatMap { $0.running ? $0.deadline : nil }
        let f = firstTouch.flatMap { $0.running ? $0.deadline : nil }
        guard let d, let f else { return d ?? f }
        return min(d, f)
    }
    public var anyBreach: Bool {
        (decision?.running == true && decision!.breached) || (firstTouch?.running == true && firstTouch!.breached)
    }
}

public enum SLA {
    public static func decision(_ lead: Lead, now: Instant, settings: Settings) -> SLAState? {
        decisionClock(lead, settings: settings).map { state($0.deadline, met: $0.met, now: now, $0.calendar) }
    }

    /// A clock's deadline and when it was met: what doesn't move with the time of day.
    struct Clock {
        var deadline: Instant
        var met: Instant?
        var calendar: WorkCalendar
    }

    static func decisionClock(_ lead: Lead, settings: Settings) -> Clock? {
        guard let assigned = lead.work.assignedAt else { return nil }
        let calendar = settings.calendar(forRep: lead.work.lastOwner)
        let deadline = calendar.adding(settings.decisionSLA, to: assigned)
        let decided: Instant?
        switch lead.stage {
        case .assigned: decided = nil
        case .accepted: decided = lead.work.acceptedAt
        case .rejected, .qualified, .nurture, .won, .lost, .merged: decided = lead.work.acceptedAt ?? lead.work.closedAt
        case .new: return nil
        }
        return Clock(deadline: deadline, met: decided, calendar: calendar)
    }

    /// No clock for do-not-contact leads: nobody may reach out to them. A pool lead's clock runs from
    /// its inquiry when the team counts from there: waiting for routing is part of it.
    public static func firstTouch(_ lead: Lead, now: Instant, settings: Settings) -> SLAState? {
        firstTouch(lead, now: now, settings: settings, book: settings.playbook(for: lead.profile))
    }

    /// The same with the lead's playbook already found (`book`: `settings.playbook(for:)`).
    static func firstTouch(_ lead: Lead, now: Instant, settings: Settings, book: Playbook?) -> SLAState? {
        firstTouchClock(lead, settings: settings, book: book).map {
            state($0.deadline, met: $0.met, now: now, $0.calendar)
        }
    }

    static func firstTouchClock(_ lead: Lead, settings: Settings) -> Clock? {
        firstTouchClock(lead, settings: settings, book: settings.playbook(for: lead.profile))
    }

    static func firstTouchClock(_ lead: Lead, settings: Settings, book: Playbook?) -> Clock? {
        guard !lead.profile.noContact, let start = FirstTouch.start(lead, settings: settings) else { return nil }
        let calendar = settings.calendar(forRep: lead.stage == .new ? nil : lead.work.lastOwner)
        let deadline = calendar.adding(FirstTouch.limit(lead.profile, settings, book: book), to: start)
        let touched = lead.stage == .new ? nil : lead.work.firstContactAt
        if touched == nil && !lead.stage.isActive && lead.stage != .new { return nil }
        return Clock(deadline: deadline, met: touched, calendar: calendar)
    }

    static func state(_ deadline: Instant, met: Instant?, now: Instant, _ calendar: WorkCalendar) -> SLAState {
        // Only a running clock shows what is left, so only it pays for counting working time.
        let remaining = met == nil ? calendar.working(from: now, to: deadline) : deadline - now
        return SLAState(deadline: deadline, metAt: met, breached: (met ?? now) > deadline, remaining: remaining)
    }

    public static func status(_ lead: Lead, now: Instant, settings: Settings, utcOffset: Int64 = 0) -> LeadStatus {
        // Found once: the first touch's limit and the cadence step both ask for it.
        let book = settings.playbook(for: lead.profile)
        let next = lead.work.nextFollowUp
        let active = lead.stage.isActive
        let idle = Stale.idle(lead, now: now)
        let followUp = followUpDue(lead, now: now, utcOffset: utcOffset)
        var s = LeadStatus(
            decision: decision(lead, now: now, settings: settings),
            firstTouch: firstTouch(lead, now: now, settings: settings, book: book),
            nextFollowUp: next,
            followUpOverdue: followUp.overdue,
            followUpDueToday: followUp.today,
            attempts: lead.work.contactsSinceAssignment.filter { $0.contact.direction == .outbound }.count,
            clawbackDue: active && idle >= settings.clawbackIdle,
            clawbackSoon: active && Stale.soon(idle, settings),
            clawbackAt: active ? Stale.clawbackAt(lead, settings) : nil,
            idle: idle,
            age: now - (lead.work.assignedAt ?? lead.work.enteredAt ?? lead.profile.createdAt),
            poolWait: lead.stage == .new ? now - (lead.work.pooledAt ?? lead.profile.createdAt) : nil,
            hot: settings.isHot(lead.score),
            nextAction: "",
            flags: DataQuality.flags(lead.profile),
            step: Cadence.step(lead, settings: settings, book: book))
        s.nextAction = NextAction.recommend(lead, s, now: now, settings: settings)
        return s
    }
}

/// What a queue's header counts of a lead: the answers `SLA.status` gives, without what only its
/// row shows (the next action, the flags, the cadence step), so the counts of a whole queue,
/// recounted every second, cost a fraction of its statuses.
public struct LeadAlarms: Equatable, Sendable {
    public var anyBreach: Bool
    public var followUpOverdue: Bool
    public var followUpDueToday: Bool
    public var clawbackDue: Bool
}

extension SLA {
    public static func alarms(_ lead: Lead, now: Instant, settings: Settings, utcOffset: Int64 = 0) -> LeadAlarms {
        let breached = [decision(lead, now: now, settings: settings), firstTouch(lead, now: now, settings: settings)]
            .contains { $0?.running == true && $0!.breached }
        let followUp = followUpDue(lead, now: now, utcOffset: utcOffset)
        return LeadAlarms(
            anyBreach: breached, followUpOverdue: followUp.overdue, followUpDueToday: followUp.today,
            clawbackDue: lead.stage.isActive && Stale.idle(lead, now: now) >= settings.clawbackIdle)
    }

    /// A queue lead's open follow-up: overdue, or due later today (the day of `utcOffset`).
    static func followUpDue(_ lead: Lead, now: Instant, utcOffset: Int64) -> (overdue: Bool, today: Bool) {
        guard lead.stage.isActive, let due = lead.work.nextFollowUp?.due else { return (false, false) }
        let dayEnd = now.startOfDay(utcOffset: utcOffset) + Span.day
        return (due < now, due >= now && due < dayEnd)
    }
}

/// Where the first-touch clock starts and how long it gives.
public enum FirstTouch {
    /// The inquiry as the clocks see it: for a lead in the pool since it was created, the source's
    /// creation time (never after its arrival; else the arrival); after a release from nurture, the release.
    public static func inquiry(_ lead: Lead) -> Instant {
        guard let pooled = lead.work.pooledAt else { return lead.profile.createdAt }
        if lead.work.released { return pooled }
        let created = lead.profile.createdAt
        return created.seconds > 0 && created < pooled ? created : pooled
    }

    /// Whether the lead asked for something (its source isn't an outbound list).
    public static func isInbound(_ p: Profile, _ settings: Settings) -> Bool {
        isInbound(sourceKey: TextNormal.key(p.source), settings)
    }

    /// The same for a source already keyed (`TextNormal.key`): a report keys every lead's source once.
    public static func isInbound(sourceKey: String, _ settings: Settings) -> Bool {
        !settings.outboundKeys.contains(sourceKey)
    }

    /// When the clock starts: the inquiry for an inbound lead taken from the pool (when the team
    /// counts from there), else the assignment. A pool lead has a clock only while it waits for a
    /// rep (not below the nurture threshold).
    public static func start(_ lead: Lead, settings: Settings) -> Instant? {
        let fromInquiry = settings.firstTouchFrom == .inquiry && isInbound(lead.profile, settings)
        guard let assigned = lead.work.assignedAt, lead.stage != .new else {
            let waits = lead.stage == .new && lead.score >= settings.nurtureBelowScore
            return fromInquiry && waits ? inquiry(lead) : nil
        }
        guard fromInquiry, lead.work.fromPool else { return assigned }
        return min(inquiry(lead), assigned)
    }

    /// The time allowed: 5 minutes for a hot lead, an hour otherwise; a playbook's first step may
    /// set its own (a hot lead keeps the shorter of the two).
    public static func limit(_ p: Profile, _ settings: Settings) -> Int64 {
        limit(p, settings, book: settings.playbook(for: p))
    }

    /// The same with the lead's playbook already found.
    static func limit(_ p: Profile, _ settings: Settings, book: Playbook?) -> Int64 {
        let byScore = settings.firstTouchSLA(score: p.score)
        guard let within = book?.steps.first?.within else { return byScore }
        return settings.isHot(p.score) ? min(byScore, within) : within
    }
}
