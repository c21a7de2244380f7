/// The state of one service-level clock on a lead.
public struct SLAState: Equatable, Sendable {
    public var deadline: Instant
    /// When the clock was satisfied (decision taken, first contact logged); nil while it runs.
    public var metAt: Instant?
    /// Breached: still running past the deadline, or met late.
    public var breached: Bool
    /// Seconds left until the deadline (negative once past); meaningful while running.
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
    public var idle: Int64
    /// Time since assignment (since the lead entered the store, while unassigned).
    public var age: Int64
    public var hot: Bool
    public var nextAction: String
    public var flags: [String]

    /// The nearest running deadline, for the SLA sort.
    public var nearestDeadline: Instant? {
        [decision, firstTouch].compactMap { $0 }.filter(\.running).map(\.deadline).min()
    }
    public var anyBreach: Bool {
        (decision?.running == true && decision!.breached) || (firstTouch?.running == true && firstTouch!.breached)
    }
}

public enum SLA {
    public static func decision(_ lead: Lead, now: Instant, settings: Settings) -> SLAState? {
        guard let assigned = lead.work.assignedAt else { return nil }
        let deadline = assigned + settings.decisionSLA
        let decided: Instant?
        switch lead.stage {
        case .assigned: decided = nil
        case .accepted: decided = lead.work.acceptedAt
        case .rejected, .qualified, .nurture: decided = lead.work.acceptedAt ?? lead.work.closedAt
        case .new: return nil
        }
        let t = decided ?? now
        return SLAState(deadline: deadline, metAt: decided, breached: t > deadline, remaining: deadline - now)
    }

    /// No clock for do-not-contact leads: nobody may reach out to them.
    public static func firstTouch(_ lead: Lead, now: Instant, settings: Settings) -> SLAState? {
        guard let assigned = lead.work.assignedAt, lead.stage != .new, !lead.profile.doNotContact else { return nil }
        let deadline = assigned + settings.firstTouchSLA(score: lead.score)
        let touched = lead.work.firstContactAt
        if touched == nil && !lead.stage.isActive { return nil }
        let t = touched ?? now
        return SLAState(deadline: deadline, metAt: touched, breached: t > deadline, remaining: deadline - now)
    }

    public static func status(_ lead: Lead, now: Instant, settings: Settings, utcOffset: Int64 = 0) -> LeadStatus {
        let next = lead.work.nextFollowUp
        let active = lead.stage.isActive
        let idle = now - (lead.work.lastActivityAt ?? lead.profile.createdAt)
        let dayEnd = now.startOfDay(utcOffset: utcOffset) + Span.day
        var s = LeadStatus(
            decision: decision(lead, now: now, settings: settings),
            firstTouch: firstTouch(lead, now: now, settings: settings),
            nextFollowUp: next,
            followUpOverdue: active && next.map { $0.due < now } == true,
            followUpDueToday: active && next.map { $0.due >= now && $0.due < dayEnd } == true,
            attempts: lead.work.contactsSinceAssignment.filter { $0.contact.direction == .outbound }.count,
            clawbackDue: active && idle >= settings.clawbackIdle,
            idle: idle,
            age: now - (lead.work.assignedAt ?? lead.work.enteredAt ?? lead.profile.createdAt),
            hot: settings.isHot(lead.score),
            nextAction: "",
            flags: DataQuality.flags(lead.profile))
        s.nextAction = NextAction.recommend(lead, s, now: now, settings: settings)
        return s
    }
}
