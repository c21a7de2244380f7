/// Follow-ups on a lead being worked: scheduling one, completing it, dropping it.
extension Rules {
    /// `replacing` says the rep means to move their own follow-up; without it, one they set stands.
    static func scheduleFollowUp(
        _ lead: Lead, due: Instant, what: String, replacing: Bool, actor: Rep, _ ctx: Context
    ) -> Result<Op, Refusal> {
        if let r = requireWorking(lead, actor, doing: "schedule a follow-up on", ctx) { return .failure(r) }
        if !replacing, let r = ownFollowUpStands(lead, ctx) { return .failure(r) }
        switch DueDate.check(due, now: ctx.now, settings: ctx.settings) {
        case .past?:
            let when =
                Instant.recordable.contains(due) ? " (\(due.human(now: ctx.now, utcOffset: ctx.utcOffset)))" : ""
            return .failure(Refusal("a follow-up can't be due in the past\(when)"))
        case .tooFar(let limit)?:
            let until = limit.human(now: ctx.now, utcOffset: ctx.utcOffset)
            return .failure(
                Refusal(
                    "a follow-up can be due at most \(ctx.settings.followUpHorizonDays) days ahead (until \(until))"
                ))
        case .unreadable?, nil:
            break
        }
        // Moving a follow-up keeps what it was for, unless the rep says what the new one is for.
        let w = trimmed(what)
        let replaced = lead.work.nextFollowUp
        return .success(
            .scheduleFollowUp(due: due, what: w.isEmpty ? replaced?.what ?? "Follow up" : w, replaces: replaced?.id))
    }

    static func completeFollowUp(_ lead: Lead, note: String, actor: Rep, _ ctx: Context) -> Result<Op, Refusal> {
        if let r = requireWorking(lead, actor, doing: "complete a follow-up on", ctx) { return .failure(r) }
        guard let f = lead.work.nextFollowUp else { return .failure(Refusal("\(lead.id) has no open follow-up")) }
        return .success(.completeFollowUp(id: f.id, note: trimmed(note)))
    }

    static func dropFollowUp(_ lead: Lead, actor: Rep, _ ctx: Context) -> Result<Op, Refusal> {
        if let r = requireWorking(lead, actor, doing: "drop a follow-up on", ctx) { return .failure(r) }
        guard let f = lead.work.nextFollowUp else { return .failure(Refusal("\(lead.id) has no open follow-up")) }
        return .success(.dropFollowUp(id: f.id))
    }
}
