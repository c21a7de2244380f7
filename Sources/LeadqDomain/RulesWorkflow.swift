/// The rules issue 14 added: follow-ups that don't silently replace a rep's own, the opportunity's
/// outcome after qualified, and merging duplicates.
extension Rules {
    /// A follow-up the rep (or a manager) scheduled is open: a new one must say it replaces it. The
    /// cadence's own give way silently. Public so the console asks before saving, in the same words.
    public static func ownFollowUpStands(_ lead: Lead, _ ctx: Context) -> Refusal? {
        guard let f = lead.work.nextFollowUp, !f.automatic else { return nil }
        let due = f.due.human(now: ctx.now, utcOffset: ctx.utcOffset)
        return Refusal(
            "\(lead.id) already has \(f.createdBy)'s follow-up '\(f.what)' due \(due); replace it (--replace) or complete it first"
        )
    }

    /// Won or lost: on a qualified lead, by the rep who qualified it or a manager.
    static func outcome(_ lead: Lead, actor: Rep, _ ctx: Context) -> Result<Void, Refusal> {
        guard lead.stage == .qualified else {
            switch lead.stage {
            case .won, .lost:
                return .failure(
                    Refusal("\(lead.id)'s opportunity was already \(lead.stage.rawValue) \(closedBy(lead, ctx))"))
            default:
                return .failure(
                    Refusal("\(lead.id) is \(lead.stage.rawValue): only a qualified lead's opportunity is won or lost"))
            }
        }
        let qualifier = lead.work.closedBy
        guard actor.role == .manager || actor.id == qualifier else {
            return .failure(
                Refusal(
                    "\(lead.id) was qualified by \(qualifier ?? "?"); only they or a manager can record its outcome"))
        }
        return .success(())
    }

    static func lost(_ reason: String, amount: Int64?, note: String) -> Result<Op, Refusal> {
        let r = trimmed(reason)
        guard !r.isEmpty else { return .failure(Refusal("a lost opportunity needs a reason (--reason)")) }
        if let a = amount, a < 0 { return .failure(Refusal("an amount can't be negative", badInput: true)) }
        return .success(.lost(reason: r, amount: amount, note: trimmed(note)))
    }

    /// Managers close a duplicate, pointing at the lead it is merged into.
    static func merge(_ lead: Lead, into: String, actor: Rep, _ ctx: Context) -> Result<Op, Refusal> {
        if let r = Managers.refusal(actor.id, to: "merge leads", ctx.settings) { return .failure(r) }
        guard into != lead.id else { return .failure(Refusal("\(lead.id) can't be merged into itself")) }
        if lead.stage == .merged { return .failure(Refusal(mergedText(lead, ctx))) }
        return .success(.merged(into: into))
    }

    /// The kept lead takes in the other's entries that still count.
    static func absorb(_ other: Lead, into lead: Lead, actor: Rep, _ ctx: Context) -> Result<Op, Refusal> {
        if let r = Managers.refusal(actor.id, to: "merge leads", ctx.settings) { return .failure(r) }
        guard other.id != lead.id else { return .failure(Refusal("\(lead.id) can't be merged into itself")) }
        if lead.stage == .merged {
            return .failure(Refusal(mergedText(lead, ctx) + "; merge into \(lead.work.mergedInto ?? "that lead")"))
        }
        if other.stage == .merged { return .failure(Refusal(mergedText(other, ctx))) }
        let undone = other.undoneSeqs
        let entries = other.history.filter { e in
            if case .undo = e.op { return false }
            return !undone.contains(e.seq)
        }
        return .success(.absorb(from: other.id, entries: entries))
    }

    static func mergedText(_ lead: Lead, _ ctx: Context) -> String {
        "\(lead.id) was merged into \(lead.work.mergedInto ?? "?") \(closedBy(lead, ctx))"
    }
}
