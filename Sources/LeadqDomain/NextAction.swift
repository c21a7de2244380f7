/// The recommended next action for a lead, computed from its state unless the source system gave one.
public enum NextAction {
    public static func recommend(_ lead: Lead, _ s: LeadStatus, now: Instant, settings: Settings) -> String {
        if !lead.profile.nextAction.isEmpty && lead.stage.isActive { return lead.profile.nextAction }
        switch lead.stage {
        case .new:
            let duplicates = DataQuality.duplicateOf(lead.profile)
            if !duplicates.isEmpty { return DataQuality.held(duplicates) }
            return lead.score < settings.nurtureBelowScore
                ? "route: score below \(settings.nurtureBelowScore), nurture it" : "route: assign to a rep"
        case .qualified: return "record the outcome: won or lost, when the opportunity closes"
        case .won: return "none: won"
        case .lost: return "none: lost (\(lead.work.reason))"
        case .rejected: return "none: rejected (\(lead.work.reason))"
        case .nurture: return "none: in nurture; marketing may release it later"
        case .merged: return "none: merged into \(lead.work.mergedInto ?? "?")"
        case .assigned, .accepted: break
        }
        if s.clawbackDue { return "claw back: idle \(s.idle / Span.day) days" }
        if lead.profile.noContact {
            return lead.stage == .assigned
                ? "decide: do-not-contact, no outreach allowed" : "nurture or reject: do-not-contact"
        }
        if let ft = s.firstTouch, ft.running, s.hot {
            let text =
                ft.breached
                ? "call now: hot, first touch overdue by \(Span.human(-ft.remaining))"
                : "call now: hot, \(Span.human(ft.remaining)) left to first touch"
            return text + stepText(s.step)
        }
        if lead.stage == .assigned, let d = s.decision {
            return d.breached
                ? "decide: decision SLA breached \(Span.human(-d.remaining)) ago"
                : "decide: \(Span.human(d.remaining)) left on the decision SLA"
        }
        if let ft = s.firstTouch, ft.running {
            let text =
                ft.breached
                ? "first touch: overdue by \(Span.human(-ft.remaining))"
                : "first touch: \(Span.human(ft.remaining)) left"
            return text + stepText(s.step)
        }
        if s.clawbackSoon, let at = s.clawbackAt {
            return "contact or decide: idle \(s.idle / Span.day) days, clawback in \(Span.human(at - now))"
        }
        if let f = s.nextFollowUp {
            if s.followUpOverdue { return "follow up: overdue \(Span.human(now - f.due))" + stepText(s.step) }
            if s.followUpDueToday { return "follow up: due today" + stepText(s.step) }
        }
        if let last = lead.work.contactsSinceAssignment.last {
            if last.contact.outcome == .bounced {
                return "check data: the last \(last.contact.channel.rawValue) bounced (bad-data?)"
            }
            if last.contact.outcome.reached { return "qualify or nurture: reached \(Span.human(now - last.at)) ago" }
        }
        if s.attempts >= settings.recommendedAttempts {
            return "nurture or reject: \(s.attempts) attempts without reaching them"
        }
        if let f = s.nextFollowUp { return "follow up: in \(Span.human(f.due - now))" + stepText(s.step) }
        return "schedule a follow-up: attempt \(s.attempts + 1) of \(settings.recommendedAttempts)"
    }

    /// " · step 2 of 6: email — Email a recap" for a playbook's step (the team's plain cadence names
    /// no channel, and says nothing more than "follow up").
    static func stepText(_ step: CadenceStep?) -> String {
        guard let step, let channel = step.channel else { return "" }
        return " · step \(step.number) of \(step.of): \(channel.rawValue) — \(step.what)"
    }
}
