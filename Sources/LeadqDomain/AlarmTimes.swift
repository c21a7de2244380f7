/// What a lead's alarms are measured against at one moment, worked out once for many leads.
public struct AlarmTimes: Sendable {
    public let now: Int64
    /// The end of `now`'s day in the rep's time zone.
    public let dayEnd: Int64
    public let clawbackIdle: Int64

    public init(now: Instant, settings: Settings, utcOffset: Int64) {
        self.now = now.seconds
        dayEnd = (now.startOfDay(utcOffset: utcOffset) + Span.day).seconds
        clawbackIdle = settings.clawbackIdle
    }

    /// A lead's alarms from its clocks (times in seconds): a deadline passed, a follow-up overdue
    /// or due today (an active lead's), idle long enough for clawback.
    @inline(__always)
    public func alarms(active: Bool, deadline: Int64?, followUpDue: Int64?, idleSince: Int64) -> LeadAlarms {
        let breached = deadline.map { now > $0 } ?? false
        var overdue = false
        var today = false
        if active, let due = followUpDue { (overdue, today) = (due < now, due >= now && due < dayEnd) }
        return LeadAlarms(
            anyBreach: breached, followUpOverdue: overdue, followUpDueToday: today,
            clawbackDue: active && now - idleSince >= clawbackIdle)
    }
}

/// How many leads raise each alarm.
public struct AlarmCount: Equatable, Sendable {
    public var leads = 0
    public var breaches = 0
    public var followUpsDue = 0
    public var followUpsOverdue = 0
    public var clawbacksDue = 0

    public init() {}

    public mutating func add(_ a: LeadAlarms, _ sign: Int = 1) {
        leads += sign
        if a.anyBreach { breaches += sign }
        if a.followUpOverdue { followUpsOverdue += sign }
        if a.followUpDueToday { followUpsDue += sign }
        if a.clawbackDue { clawbacksDue += sign }
    }
}

/// A list's alarms at one moment: its active leads' by owner, and its pool's.
public struct AlarmTally: Sendable {
    /// By owner code (`BriefColumns.owners`); 0: active leads without an owner.
    public var byOwner: [AlarmCount]
    public var pool = 0
    /// Hot pool leads waiting past `sla.poolHotMinutes`.
    public var hotWaiting = 0
}

extension BriefColumns {
    /// The alarms of the rows `live` marks, at `at`: a manager's 680,000 leads are counted again
    /// every second, so the columns are read in row order, straight through.
    public func tally(live: [Bool], at: AlarmTimes) -> AlarmTally {
        var t = AlarmTally(byOwner: Array(repeating: AlarmCount(), count: ownerNames.count + 1))
        func time(_ s: Int64) -> Int64? { s == BriefColumns.noTime ? nil : s }
        stages.withUnsafeBufferPointer { stages in
            deadlines.withUnsafeBufferPointer { deadlines in
                followUps.withUnsafeBufferPointer { followUps in
                    for i in stages.indices where live[i] {
                        let stage = stages[i]
                        guard stage.isActive else {
                            if stage == .new {
                                t.pool += 1
                                if LeadClocks.waitedTooLong(time(poolLateAt[i]), now: at.now) { t.hotWaiting += 1 }
                            }
                            continue
                        }
                        let a = at.alarms(
                            active: true, deadline: time(deadlines[i]), followUpDue: time(followUps[i]),
                            idleSince: idleSince[i])
                        t.byOwner[Int(owners[i])].add(a)
                    }
                }
            }
        }
        return t
    }
}
