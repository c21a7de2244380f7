/// Working a lead: what its owner (or a manager) does between assignment and closing it.
extension Rules {
    static func accept(_ lead: Lead, actor: Rep, _ ctx: Context) -> Result<Op, Refusal> {
        if let r = requireStage(lead, [.assigned], doing: "accept", ctx) ?? requireWorker(lead, actor, doing: "accept")
        {
            return .failure(r)
        }
        return .success(.accept)
    }

    static func reject(_ lead: Lead, code: String, note: String, actor: Rep, _ ctx: Context) -> Result<Op, Refusal> {
        if let r = requireWorking(lead, actor, doing: "reject", ctx) { return .failure(r) }
        return reason(code, note: note, ctx).map { .reject(reason: $0, note: trimmed(note)) }
    }

    static func contact(
        _ lead: Lead, channel: Channel, outcome: Outcome, direction: Direction, note: String, actor: Rep,
        _ ctx: Context
    ) -> Result<Op, Refusal> {
        if let r = requireWorking(lead, actor, doing: "log a contact on", ctx) { return .failure(r) }
        if lead.profile.doNotContact && direction == .outbound {
            return .failure(
                Refusal(
                    "\(lead.id) is marked do-not-contact (no consent): an outbound \(channel.rawValue) can't be logged"
                ))
        }
        let due = outcome.triggersCadence && lead.work.nextFollowUp == nil ? cadenceDue(lead, ctx) : nil
        return .success(
            .contact(
                Contact(channel: channel, outcome: outcome, direction: direction, note: trimmed(note), followUpDue: due)
            ))
    }

    static func qualify(_ lead: Lead, note: String, actor: Rep, _ ctx: Context) -> Result<Op, Refusal> {
        if let r = qualifyNeedsAcceptance(lead) { return .failure(r) }
        if let r = requireStage(lead, [.accepted], doing: "qualify", ctx)
            ?? requireWorker(lead, actor, doing: "qualify")
        {
            return .failure(r)
        }
        return .success(.qualify(note: trimmed(note)))
    }

    static func clawback(_ lead: Lead, code: String, note: String, actor: Rep, _ ctx: Context) -> Result<Op, Refusal> {
        if let r = requireWorking(lead, actor, doing: "claw back", ctx) { return .failure(r) }
        return reason(code, note: note, ctx).map { .clawback(reason: $0, note: trimmed(note), policy: false) }
    }

    /// The stale-lead policy: a claw back only once the lead has been idle as long as the settings say.
    static func clawbackStale(_ lead: Lead, actor: Rep, _ ctx: Context) -> Result<Op, Refusal> {
        if let r = requireWorking(lead, actor, doing: "claw back", ctx) { return .failure(r) }
        let idle = ctx.now - (lead.work.lastActivityAt ?? lead.profile.createdAt)
        guard idle >= ctx.settings.clawbackIdle else {
            return .failure(
                Refusal(
                    "\(lead.id) is not stale: last activity \(Span.human(idle)) ago, the policy waits \(ctx.settings.clawbackIdleDays) d"
                ))
        }
        return .success(.clawback(reason: "stale", note: "idle \(idle / Span.day) days", policy: true))
    }

    /// The cadence: after the k-th unanswered attempt, follow up on day cadence[k] after the first one.
    static func cadenceDue(_ lead: Lead, _ ctx: Context) -> Instant? {
        let unanswered = lead.work.contactsSinceAssignment.filter {
            $0.contact.direction == .outbound && !$0.contact.outcome.reached
        }
        let k = unanswered.count
        let cadence = ctx.settings.followUpCadenceDays
        guard k < cadence.count else { return nil }
        let first = lead.work.clampedToAssignment(unanswered.first?.at ?? ctx.now)
        return max(first + cadence[k] * Span.day, ctx.now + Span.hour)
    }
}
