/// The orders a rep can view the queue in; `scoreAge` is the default of domain.md.
public enum QueueOrder: String, CaseIterable, Sendable {
    case scoreAge = "score"
    case deadline = "sla"
    case followUp = "followup"
    case age = "age"

    public var label: String {
        switch self {
        case .scoreAge: return "score, age"
        case .deadline: return "SLA deadline"
        case .followUp: return "next follow-up"
        case .age: return "age"
        }
    }

    public var next: QueueOrder {
        let all = QueueOrder.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// A row of a rep's queue: the lead and its status at `now`.
public struct QueueRow: Equatable, Sendable {
    public var lead: Lead
    public var status: LeadStatus
    public init(lead: Lead, status: LeadStatus) { (self.lead, self.status) = (lead, status) }
}

public enum Queue {
    /// The rep's `assigned` and `accepted` leads, in the given order.
    public static func rows<S: Sequence>(
        for rep: String?, from leads: S, order: QueueOrder = .scoreAge,
        now: Instant, settings: Settings, utcOffset: Int64 = 0
    ) -> [QueueRow] where S.Element == Lead {
        var rows: [QueueRow] = []
        for lead in leads where lead.stage.isActive && (rep == nil || lead.owner == rep) {
            rows.append(
                QueueRow(lead: lead, status: SLA.status(lead, now: now, settings: settings, utcOffset: utcOffset)))
        }
        sort(&rows, by: order)
        return rows
    }

    public static func sort(_ rows: inout [QueueRow], by order: QueueOrder) {
        rows.sort { inOrder($0, $1, order) }
    }

    /// Score highest first, then oldest assignment first, then id: total, so ties are stable.
    public static func scoreAgeFirst(_ a: QueueRow, _ b: QueueRow) -> Bool {
        if a.lead.score != b.lead.score { return a.lead.score > b.lead.score }
        let aa = a.lead.work.assignedAt?.seconds ?? Int64.max
        let ba = b.lead.work.assignedAt?.seconds ?? Int64.max
        if aa != ba { return aa < ba }
        return LeadID.precedes(a.lead.id, b.lead.id)
    }

    public static func inOrder(_ a: QueueRow, _ b: QueueRow, _ order: QueueOrder) -> Bool {
        switch order {
        case .scoreAge:
            return scoreAgeFirst(a, b)
        case .deadline:
            if let c = nilsLast(a.status.nearestDeadline, b.status.nearestDeadline) { return c }
        case .followUp:
            if let c = nilsLast(a.status.nextFollowUp?.due, b.status.nextFollowUp?.due) { return c }
        case .age:
            let aa = a.lead.work.assignedAt?.seconds ?? Int64.max
            let ba = b.lead.work.assignedAt?.seconds ?? Int64.max
            if aa != ba { return aa < ba }
        }
        return scoreAgeFirst(a, b)
    }

    /// Ascending with nil last; nil when equal so the caller breaks the tie.
    static func nilsLast(_ a: Instant?, _ b: Instant?) -> Bool? {
        switch (a, b) {
        case (nil, nil): return nil
        case (nil, _): return false
        case (_, nil): return true
        case (let x?, let y?): return x == y ? nil : x < y
        }
    }
}
