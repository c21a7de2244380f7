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
        return reason(code, note: note, ctx).map { code in
            // A team may send "not now" to nurture rather than close it: the timing is wrong, not the lead.
            ctx.settings.notNowToNurture && code == ReasonCode.notNow
                ? .clawback(reason: code, note: trimmed(note), policy: false)
                : .reject(reason: code, note: trimmed(note))
        }
    }

    static func contact(
        _ lead: Lead, channel: Channel, outcome: Outcome, direction: Direction, note: String, actor: Rep,
        _ ctx: Context
    ) -> Result<Op, Refusal> {
        if let r = requireWorking(lead, actor, doing: "log a contact on", ctx) { return .failure(r) }
        if direction == .outbound, let why = Consent.refusal(lead, channel) { return .failure(why) }
        return .success(
            .contact(
                Cadence.contact(
                    lead, channel: channel, outcome: outcome, direction: direction, note: trimmed(note), ctx)))
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
        let idle = Stale.idle(lead, now: ctx.now)
        guard idle >= ctx.settings.clawbackIdle else {
            return .failure(
                Refusal(
                    "\(lead.id) is not stale: last activity \(Span.human(idle)) ago, the policy waits \(ctx.settings.clawbackIdleDays) d"
                ))
        }
        return .success(.clawback(reason: "stale", note: "idle \(idle / Span.day) days", policy: true))
    }
}
