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
        // Ranked before the rows are made, so each lead is copied once, into its place.
        let all = Array(leads)
        let picked = all.indices.filter { all[$0].stage.isActive && (rep == nil || all[$0].owner == rep) }
        let statuses = picked.map { SLA.status(all[$0], now: now, settings: settings, utcOffset: utcOffset) }
        let keys = picked.indices.map { SortKey(lead: all[picked[$0]], status: statuses[$0]) }
        let ranked = keys.indices.sorted { inOrder(keys[$0], keys[$1], order) }
        return ranked.map { QueueRow(lead: all[picked[$0]], status: statuses[$0]) }
    }

    public static func sort(_ rows: inout [QueueRow], by order: QueueOrder) {
        let keys = rows.map(SortKey.init)
        let ranked = keys.indices.sorted { inOrder(keys[$0], keys[$1], order) }
        rows = ranked.map { rows[$0] }
    }

    /// What the orders compare of a row, taken out once: sorting compares each row many times, and
    /// a row (a lead with its history, its status) costs more to copy than to compare.
    public struct SortKey: Equatable, Sendable {
        var score: Int
        var assignedAt: Int64
        public internal(set) var id: String
        var deadline: Instant?
        var followUpDue: Instant?

        public init(_ row: QueueRow) { self.init(lead: row.lead, status: row.status) }

        public init(lead: Lead, status: LeadStatus) {
            score = lead.score
            assignedAt = lead.work.assignedAt?.seconds ?? Int64.max
            id = lead.id
            deadline = status.nearestDeadline
            followUpDue = status.nextFollowUp?.due
        }
    }

    /// Score highest first, then oldest assignment first, then id: total, so ties are stable.
    public static func scoreAgeFirst(_ a: QueueRow, _ b: QueueRow) -> Bool {
        scoreAgeFirst(SortKey(a), SortKey(b))
    }

    static func scoreAgeFirst(_ a: SortKey, _ b: SortKey) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.assignedAt != b.assignedAt { return a.assignedAt < b.assignedAt }
        return LeadID.precedes(a.id, b.id)
    }

    public static func inOrder(_ a: QueueRow, _ b: QueueRow, _ order: QueueOrder) -> Bool {
        inOrder(SortKey(a), SortKey(b), order)
    }

    public static func inOrder(_ a: SortKey, _ b: SortKey, _ order: QueueOrder) -> Bool {
        switch order {
        case .scoreAge:
            return scoreAgeFirst(a, b)
        case .deadline:
            if let c = nilsLast(a.deadline, b.deadline) { return c }
        case .followUp:
            if let c = nilsLast(a.followUpDue, b.followUpDue) { return c }
        case .age:
            if a.assignedAt != b.assignedAt { return a.assignedAt < b.assignedAt }
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
