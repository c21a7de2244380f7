/// The transitions of domain.md: which actions are allowed on a lead, by whom, and what they record.
public enum Rules {
    /// Decides a command against the lead as it is now. `expecting` is the lead version the actor saw:
    /// if someone else changed the lead since, the command is refused rather than applied blindly; a
    /// version the lead never had can't have been seen, and is refused as bad input. Whatever the
    /// command, nothing is decided that the store couldn't write back: a clock or a time outside
    /// `Instant.recordable` is refused (inputs are checked where they enter; this is the last line).
    public static func decide(_ command: Command, on lead: Lead, expecting: Int64? = nil, in ctx: Context) -> Result<
        Op, Refusal
    > {
        guard Instant.recordable.contains(ctx.now) else {
            return .failure(
                Refusal("the clock is outside the years the store can record (1970 to 9999); nothing was saved"))
        }
        let decided = decision(command, on: lead, expecting: expecting, in: ctx)
        if case .success(let op) = decided, op.recordedTimes.contains(where: { !Instant.recordable.contains($0) }) {
            return .failure(
                Refusal(
                    "\(lead.id): '\(op.name)' would record a time outside the years the store can record (1970 to 9999)"
                ))
        }
        return decided
    }

    static func decision(_ command: Command, on lead: Lead, expecting: Int64?, in ctx: Context) -> Result<Op, Refusal> {
        guard let actor = DispatchActor.member(ctx.actor, in: ctx.settings) else {
            return .failure(notOnTeam(ctx.actor))
        }
        if let seen = expecting, let r = staleVersion(seen, on: lead, ctx) { return .failure(r) }
        switch command {
        case .assign(let to, let rule):
            return assign(lead, to: to, rule: rule, actor: actor, ctx)
        case .accept:
            return accept(lead, actor: actor, ctx)
        case .reject(let code, let note):
            return reject(lead, code: code, note: note, actor: actor, ctx)
        case .contact(let channel, let outcome, let direction, let note):
            return contact(
                lead, channel: channel, outcome: outcome, direction: direction, note: note, actor: actor, ctx)
        case .scheduleFollowUp(let due, let what):
            return scheduleFollowUp(lead, due: due, what: what, replacing: false, actor: actor, ctx)
        case .replaceFollowUp(let due, let what):
            return scheduleFollowUp(lead, due: due, what: what, replacing: true, actor: actor, ctx)
        case .completeFollowUp(let note):
            return completeFollowUp(lead, note: note, actor: actor, ctx)
        case .dropFollowUp:
            return dropFollowUp(lead, actor: actor, ctx)
        case .qualify(let note):
            return qualify(lead, note: note, actor: actor, ctx)
        case .clawback(let code, let note):
            return clawback(lead, code: code, note: note, actor: actor, ctx)
        case .clawbackStale:
            return clawbackStale(lead, actor: actor, ctx)
        case .nurture(let rule):
            return nurture(lead, rule: rule, actor: actor, ctx)
        case .release(let note, let step):
            return release(lead, note: note, step: step, actor: actor, ctx)
        case .undo(let target):
            return undo(lead, target: target, actor: actor, ctx)
        case .note(let text):
            return note(lead, text, actor: actor)
        case .won(let amount, let note):
            return outcome(lead, actor: actor, ctx).map { .won(amount: amount, note: trimmed(note)) }
        case .lost(let reason, let amount, let note):
            return outcome(lead, actor: actor, ctx).flatMap { lost(reason, amount: amount, note: note) }
        case .merge(let into):
            return merge(lead, into: into, actor: actor, ctx)
        case .absorb(let other):
            return absorb(other, into: lead, actor: actor, ctx)
        }
    }

    /// The refusal for someone the settings don't list: whoever acts (who can name themselves with
    /// `--rep`), or, not `acting`, the rep a lead was to go to.
    public static func notOnTeam(_ id: String, acting: Bool = true) -> Refusal {
        let text = "'\(id)' is not on the team in this store's settings"
        return Refusal(acting ? text + "; use --rep or add them to the team with `leadq team add`" : text)
    }

    /// The same, as the console says it when it starts: it names the team (a console has no other
    /// way to show who is on it) and how a rep is named there.
    public static func notOnTeam(_ id: String, listing settings: Settings) -> Refusal {
        let team = settings.reps.map(\.id).joined(separator: ", ")
        return Refusal(
            "'\(id)' is not on this store's team (\(team.isEmpty ? "nobody yet" : team)); pass --rep or set LEADQ_REP")
    }

    /// A version the lead never had is bad input; a change by someone else since it is a refusal.
    static func staleVersion(_ seen: Int64, on lead: Lead, _ ctx: Context) -> Refusal? {
        guard seen == lead.version || lead.history.contains(where: { $0.seq == seen }) else {
            return Refusal(
                "\(lead.id) never had version \(seen) (its version is \(lead.version)). Nothing was saved",
                badInput: true)
        }
        if let change = changeSince(seen, on: lead) {
            return Refusal(
                "\(lead.id) changed meanwhile: \(Describe.entry(change, ctx)). Nothing was saved; check it and try again"
            )
        }
        return nil
    }

    // MARK: - shared pieces

    /// The first change by someone else after the version the actor saw, ignoring profile refreshes.
    static func changeSince(_ seen: Int64, on lead: Lead) -> Entry? {
        lead.history.last { e in
            guard e.seq > seen else { return false }
            if case .updated = e.op { return false }
            return true
        }
    }

    static func reason(_ code: String, note: String, _ ctx: Context) -> Result<String, Refusal> {
        guard let r = ctx.settings.reason(code) else {
            let known = ctx.settings.reasons.map(\.code).joined(separator: ", ")
            return .failure(Refusal("unknown reason code '\(code)'; the catalog has: \(known)"))
        }
        if let missing = missingNote(r, note: note) { return .failure(missing) }
        return .success(r.code)
    }

    /// A lead waiting to be accepted can't be qualified yet. Public so the console can say so
    /// before asking to confirm, in the same words.
    public static func qualifyNeedsAcceptance(_ lead: Lead) -> Refusal? {
        guard lead.stage == .assigned else { return nil }
        return Refusal("\(lead.id) is not accepted yet: accept it before qualifying it")
    }

    /// A reason the catalog marks as needing a note is refused with a blank one. Public so the
    /// console's note field holds the rep back in the same words.
    public static func missingNote(_ reason: ReasonCode, note: String) -> Refusal? {
        guard reason.noteRequired && trimmed(note).isEmpty else { return nil }
        return Refusal("reason '\(reason.code)' needs a note saying why")
    }

    static func requireActive(_ lead: Lead, doing verb: String, _ ctx: Context) -> Refusal? {
        requireStage(lead, [.assigned, .accepted], doing: verb, ctx)
    }

    /// The lead is being worked (assigned or accepted) and the actor may work it.
    static func requireWorking(_ lead: Lead, _ actor: Rep, doing verb: String, _ ctx: Context) -> Refusal? {
        requireActive(lead, doing: verb, ctx) ?? requireWorker(lead, actor, doing: verb)
    }

    static func requireStage(_ lead: Lead, _ allowed: [Stage], doing verb: String, _ ctx: Context) -> Refusal? {
        if allowed.contains(lead.stage) { return nil }
        switch lead.stage {
        case .new:
            return Refusal("\(lead.id) is not assigned to anyone yet; a manager routes it first")
        case .assigned:
            return Refusal(
                "\(lead.id) is assigned to \(lead.owner ?? "?") and not accepted yet; it can't be \(pastTense(verb)) now"
            )
        case .accepted:
            return Refusal("\(lead.id) is already accepted\(acceptedBy(lead, ctx))")
        case .rejected, .qualified, .won, .lost:
            return Refusal("\(lead.id) was already \(lead.stage.rawValue) \(closedBy(lead, ctx)); you can't \(verb) it")
        case .merged:
            return Refusal(mergedText(lead, ctx) + "; you can't \(verb) it")
        case .nurture:
            return Refusal("\(lead.id) was clawed back to nurture \(closedBy(lead, ctx)); you can't \(verb) it")
        }
    }

    /// Reps act on their own leads; managers on anyone's.
    static func requireWorker(_ lead: Lead, _ actor: Rep, doing verb: String) -> Refusal? {
        if actor.role == .manager || lead.owner == actor.id { return nil }
        let owner = lead.owner ?? "nobody"
        return Refusal("\(lead.id) is \(owner)'s lead; only \(owner) or a manager can \(verb) it")
    }

    static func closedBy(_ lead: Lead, _ ctx: Context) -> String {
        var s = "by \(lead.work.closedBy ?? "?")"
        if let at = lead.work.closedAt { s += " at \(at.human(now: ctx.now, utcOffset: ctx.utcOffset))" }
        if !lead.work.reason.isEmpty { s += " (\(lead.work.reason))" }
        return s
    }

    static func acceptedBy(_ lead: Lead, _ ctx: Context) -> String {
        guard let at = lead.work.acceptedAt, let e = lead.history.last(where: { $0.op == .accept && $0.at == at })
        else { return "" }
        return " by \(e.by) at \(at.human(now: ctx.now, utcOffset: ctx.utcOffset))"
    }

    static func pastTense(_ verb: String) -> String {
        switch verb {
        case "qualify": return "qualified"
        case "release": return "released"
        default: return verb + "ed"
        }
    }

    public static func trimmed(_ s: String) -> String {
        // Most text has nothing to trim: an ASCII non-space at both ends settles it without a copy.
        // (Read through its bytes: `utf8.last` steps back through the view, every cell of an import.)
        let plain = s.utf8.withContiguousStorageIfAvailable { b in
            guard let f = b.first, let l = b.last else { return false }
            return f > 0x20 && f < 0x80 && l > 0x20 && l < 0x80
        }
        if plain ?? false { return s }
        if let f = s.utf8.first, let l = s.utf8.last, f > 0x20, f < 0x80, l > 0x20, l < 0x80 { return s }
        var t = Substring(s)
        while let c = t.first, c.isWhitespace { t = t.dropFirst() }
        while let c = t.last, c.isWhitespace { t = t.dropLast() }
        return String(t)
    }
}
