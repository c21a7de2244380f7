import LeadqDomain

/// How urgent a cell is; the console maps it to a theme role, the CLI to a plain marker.
public enum Urgency: Sendable, Equatable {
    case none, ok, warn, breach
}

public struct CellText: Equatable, Sendable {
    public var text: String
    public var urgency: Urgency
    public init(_ text: String, _ urgency: Urgency = .none) { (self.text, self.urgency) = (text, urgency) }
}

/// The short texts of a queue row, shared by `leadq queue` and the console so both say the same.
/// Raw lead text is returned as is: renderers make it inert at the last step.
public enum Cells {
    public static func score(_ lead: Lead, _ settings: Settings) -> CellText {
        let s = lead.score
        return CellText(String(s), settings.isHot(s) ? .breach : s < settings.nurtureBelowScore ? .none : .ok)
    }

    public static func age(_ status: LeadStatus) -> String { Span.compact(status.age) }

    /// Columns the SLA cell may need: "decide late 15h", "touch late 120d". Tables give it this much,
    /// so the figure is never cut.
    public static let slaWidth = 16

    /// The running SLA clock nearest its deadline: "touch 3m", "touch now", "decide 20h", "touch late 2h"; "—"
    /// when none runs.
    public static func sla(_ lead: Lead, _ status: LeadStatus, _ settings: Settings) -> CellText {
        let touch = status.firstTouch.flatMap { $0.running ? $0 : nil }
        let decide = status.decision.flatMap { $0.running ? $0 : nil }
        // The nearest running clock, the first touch on a tie.
        let nearest: (String, SLAState)? =
            if let touch, decide == nil || touch.deadline <= decide!.deadline {
                ("touch", touch)
            } else {
                decide.map { ("decide", $0) }
            }
        guard let (kind, clock) = nearest else {
            if status.firstTouch?.breached == true || status.decision?.breached == true {
                return CellText("met late", .warn)
            }
            return CellText("—", .none)
        }
        if clock.breached { return CellText("\(kind) late \(Span.compact(-clock.remaining))", .breach) }
        // Due this very second (a weekend's arrivals at the first working hour's end): not "0s".
        if clock.remaining <= 0 { return CellText("\(kind) now", .warn) }
        // The window only now: finding the first touch's means matching the lead's playbook.
        let window = kind == "touch" ? FirstTouch.limit(lead.profile, settings) : settings.decisionSLA
        let urgency: Urgency = clock.remaining * 4 < window ? .warn : .ok
        return CellText("\(kind) \(Span.compact(clock.remaining))", urgency)
    }

    public static func attempts(_ status: LeadStatus, _ settings: Settings) -> String {
        "\(status.attempts)/\(settings.recommendedAttempts)"
    }

    public static func followUp(_ status: LeadStatus, now: Instant, utcOffset: Int64) -> CellText {
        guard let f = status.nextFollowUp else { return CellText("—") }
        if status.followUpOverdue { return CellText("overdue \(Span.compact(now - f.due))", .breach) }
        if status.followUpDueToday { return CellText("today \(f.due.clock(utcOffset: utcOffset))", .warn) }
        let tomorrow = now.startOfDay(utcOffset: utcOffset) + Span.day
        if f.due < tomorrow + Span.day { return CellText("tmrw \(f.due.clock(utcOffset: utcOffset))", .ok) }
        return CellText("in \(Span.compact(f.due - now))", .ok)
    }

    /// Short markers for the row: do-not-contact (or the channels opted out of), clawback due (or
    /// soon), duplicates, data problems.
    public static func flags(_ lead: Lead, _ status: LeadStatus) -> String {
        var f: [String] = []
        let p = lead.profile
        if p.noContact {
            f.append("DNC")
        } else {
            if p.emailOptOut { f.append("no-email") }
            if p.doNotCall { f.append("no-call") }
        }
        if status.clawbackDue { f.append("stale") }
        if status.clawbackSoon { f.append("stale soon") }
        if status.flags.contains(where: { $0.hasPrefix("duplicate") }) { f.append("dup") }
        if status.flags.contains(where: { $0.hasPrefix("no-") }) { f.append("data") }
        return f.joined(separator: " ")
    }
}
