/// Routing, a manager's work: assigning a lead, sending one to nurture, releasing one to the pool.
extension Rules {
    static func assign(_ lead: Lead, to: String, rule: String?, actor: Rep, _ ctx: Context) -> Result<Op, Refusal> {
        if let r = Managers.refusal(actor, to: "assign leads") { return .failure(r) }
        guard let target = ctx.settings.rep(to) else { return .failure(notOnTeam(to, acting: false)) }
        if target.away { return .failure(Refusal("\(target.id) is marked away and receives no leads")) }
        switch lead.stage {
        case .new:
            return .success(.assign(to: target.id, rule: rule))
        case .assigned, .accepted:
            if lead.owner == target.id { return .failure(Refusal("\(lead.id) is already \(target.id)'s lead")) }
            return .success(.assign(to: target.id, rule: rule))
        case .nurture:
            return .failure(
                Refusal("\(lead.id) is in nurture (\(closedBy(lead, ctx))); release it to the pool before assigning it")
            )
        case .rejected, .qualified, .won, .lost:
            return .failure(
                Refusal("\(lead.id) was already \(lead.stage.rawValue) \(closedBy(lead, ctx)); it can't be assigned"))
        case .merged:
            return .failure(Refusal(mergedText(lead, ctx) + "; it can't be assigned"))
        }
    }

    static func nurture(_ lead: Lead, rule: String, actor: Rep, _ ctx: Context) -> Result<Op, Refusal> {
        if let r = Managers.refusal(actor, to: "route leads") { return .failure(r) }
        switch lead.stage {
        case .new: return .success(.nurture(rule: rule))
        case .assigned, .accepted:
            return .failure(
                Refusal(
                    "\(lead.id) is already \(lead.owner ?? "?")'s lead; routing sends only unassigned leads to nurture (use clawback)"
                ))
        case .nurture:
            return .failure(Refusal("\(lead.id) is already in nurture (\(closedBy(lead, ctx)))"))
        case .rejected, .qualified, .won, .lost, .merged:
            return .failure(
                Refusal(
                    "\(lead.id) was already \(lead.stage.rawValue) \(closedBy(lead, ctx)); it can't be sent to nurture"
                ))
        }
    }

    static func release(_ lead: Lead, note: String, step: Int?, actor: Rep, _ ctx: Context) -> Result<Op, Refusal> {
        if let r = Managers.refusal(actor, to: "release leads from nurture") { return .failure(r) }
        if let r = requireStage(lead, [.nurture], doing: "release", ctx) { return .failure(r) }
        return .success(.release(note: trimmed(note), step: step))
    }
}
