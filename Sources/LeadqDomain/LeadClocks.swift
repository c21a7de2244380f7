/// What of a lead's status doesn't move with the time of day: its running deadline, its next
/// follow-up, when it went idle, when a hot pool lead counts as waiting too long. A list of tens of
/// thousands of leads (a manager's view) keeps these and answers its header's counts and its sort
/// from them at any moment, instead of working out each lead's whole status again every second.
public struct LeadClocks: Equatable, Sendable {
    public var stage: Stage
    /// The nearest deadline of a clock still running (decision, first touch): breached once past.
    public var nearestDeadline: Instant?
    /// The first open follow-up's due time.
    public var nextFollowUpDue: Instant?
    /// Idle time counts from here (the last activity, else the lead's creation).
    public var idleSince: Instant
    /// A hot pool lead waits too long from here on; nil for any other lead.
    public var poolLateAt: Instant?

    /// Clocks kept from before (a store's brief of the lead).
    public init(
        stage: Stage, nearestDeadline: Instant?, nextFollowUpDue: Instant?, idleSince: Instant, poolLateAt: Instant?
    ) {
        (self.stage, self.nearestDeadline, self.nextFollowUpDue) = (stage, nearestDeadline, nextFollowUpDue)
        (self.idleSince, self.poolLateAt) = (idleSince, poolLateAt)
    }

    public init(_ lead: Lead, settings: Settings) {
        stage = lead.stage
        let running = [SLA.decisionClock(lead, settings: settings), SLA.firstTouchClock(lead, settings: settings)]
            .compactMap { $0 }.filter { $0.met == nil }
        nearestDeadline = running.map(\.deadline).min()
        nextFollowUpDue = lead.work.nextFollowUp?.due
        idleSince = lead.work.lastActivityAt ?? lead.profile.createdAt
        let hotInPool = lead.stage == .new && settings.isHot(lead.score)
        poolLateAt = hotInPool ? PoolWatch.lateAt(lead, settings: settings) : nil
    }

    /// `SLA.alarms` of the lead at `now`, from the clocks alone.
    public func alarms(now: Instant, settings: Settings, utcOffset: Int64 = 0) -> LeadAlarms {
        let at = AlarmTimes(now: now, settings: settings, utcOffset: utcOffset)
        return at.alarms(
            active: stage.isActive, deadline: nearestDeadline?.seconds, followUpDue: nextFollowUpDue?.seconds,
            idleSince: idleSince.seconds)
    }

    /// A hot lead waiting in the pool past `sla.poolHotMinutes` at `now`.
    public func hotWaiting(now: Instant) -> Bool {
        LeadClocks.waitedTooLong(poolLateAt?.seconds, now: now.seconds)
    }

    /// A hot pool lead late at `lateAt` is waiting too long at `now`.
    @inline(__always)
    public static func waitedTooLong(_ lateAt: Int64?, now: Int64) -> Bool {
        lateAt.map { $0 <= now } ?? false
    }
}

extension Queue.SortKey {
    /// The same key as a row's, from the lead and its clocks (no status needed).
    public init(_ lead: Lead, _ clocks: LeadClocks) {
        score = lead.score
        assignedAt = lead.work.assignedAt?.seconds ?? Int64.max
        id = lead.id
        deadline = clocks.nearestDeadline
        followUpDue = clocks.nextFollowUpDue
    }

    /// The key from its parts, as a store keeps them without the lead.
    public init(score: Int, assignedAt: Instant?, id: String, deadline: Instant?, followUpDue: Instant?) {
        self.score = score
        self.assignedAt = assignedAt?.seconds ?? Int64.max
        self.id = id
        self.deadline = deadline
        self.followUpDue = followUpDue
    }
}
