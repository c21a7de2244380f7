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
            return .failure(
                Refusal(
                    "'\(ctx.actor)' is not on the team in this store's settings; use --rep or add them to settings.json"
                ))
        }
        if let seen = expecting {
            guard seen == lead.version || lead.history.contains(where: { $0.seq == seen }) else {
                return .failure(
                    Refusal(
                        "\(lead.id) never had version \(seen) (its version is \(lead.version)). Nothing was saved",
                        badInput: true))
            }
            if let change = changeSince(seen, on: lead) {
                return .failure(
                    Refusal(
                        "\(lead.id) changed meanwhile: \(Describe.entry(change, ctx)). Nothing was saved; check it and try again"
                    ))
            }
        }
        switch command {
        case .assign(let to, let rule):
            return assign(lead, to: to, rule: rule, actor: actor, ctx)
        case .accept:
            if let r = requireStage(lead, [.assigned], doing: "accept", ctx)
                ?? requireWorker(lead, actor, doing: "accept")
            {
                return .failure(r)
            }
            return .success(.accept)
        case .reject(let code, let note):
            if let r = requireActive(lead, doing: "reject", ctx) ?? requireWorker(lead, actor, doing: "reject") {
                return .failure(r)
            }
            return reason(code, note: note, ctx).map { .reject(reason: $0, note: trimmed(note)) }
        case .contact(let channel, let outcome, let direction, let note):
            if let r = requireActive(lead, doing: "log a contact on", ctx)
                ?? requireWorker(lead, actor, doing: "log a contact on")
            {
                return .failure(r)
            }
            if lead.profile.doNotContact && direction == .outbound {
                return .failure(
                    Refusal(
                        "\(lead.id) is marked do-not-contact (no consent): an outbound \(channel.rawValue) can't be logged"
                    ))
            }
            let due = outcome.triggersCadence && lead.work.nextFollowUp == nil ? cadenceDue(lead, ctx) : nil
            return .success(
                .contact(
                    Contact(
                        channel: channel, outcome: outcome, direction: direction, note: trimmed(note), followUpDue: due)
                ))
        case .scheduleFollowUp(let due, let what):
            if let r = requireActive(lead, doing: "schedule a follow-up on", ctx)
                ?? requireWorker(lead, actor, doing: "schedule a follow-up on")
            {
                return .failure(r)
            }
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
            let w = trimmed(what)
            return .success(
                .scheduleFollowUp(due: due, what: w.isEmpty ? "Follow up" : w, replaces: lead.work.nextFollowUp?.id))
        case .completeFollowUp(let note):
            if let r = requireActive(lead, doing: "complete a follow-up on", ctx)
                ?? requireWorker(lead, actor, doing: "complete a follow-up on")
            {
                return .failure(r)
            }
            guard let f = lead.work.nextFollowUp else { return .failure(Refusal("\(lead.id) has no open follow-up")) }
            return .success(.completeFollowUp(id: f.id, note: trimmed(note)))
        case .dropFollowUp:
            if let r = requireActive(lead, doing: "drop a follow-up on", ctx)
                ?? requireWorker(lead, actor, doing: "drop a follow-up on")
            {
                return .failure(r)
            }
            guard let f = lead.work.nextFollowUp else { return .failure(Refusal("\(lead.id) has no open follow-up")) }
            return .success(.dropFollowUp(id: f.id))
        case .qualify(let note):
            if let r = qualifyNeedsAcceptance(lead) { return .failure(r) }
            if let r = requireStage(lead, [.accepted], doing: "qualify", ctx)
                ?? requireWorker(lead, actor, doing: "qualify")
            {
                return .failure(r)
            }
            return .success(.qualify(note: trimmed(note)))
        case .clawback(let code, let note):
            if let r = requireActive(lead, doing: "claw back", ctx) ?? requireWorker(lead, actor, doing: "claw back") {
                return .failure(r)
            }
            return reason(code, note: note, ctx).map { .clawback(reason: $0, note: trimmed(note), policy: false) }
        case .clawbackStale:
            if let r = requireActive(lead, doing: "claw back", ctx) ?? requireWorker(lead, actor, doing: "claw back") {
                return .failure(r)
            }
            let idle = ctx.now - (lead.work.lastActivityAt ?? lead.profile.createdAt)
            guard idle >= ctx.settings.clawbackIdle else {
                return .failure(
                    Refusal(
                        "\(lead.id) is not stale: last activity \(Span.human(idle)) ago, the policy waits \(ctx.settings.clawbackIdleDays) d"
                    ))
            }
            return .success(.clawback(reason: "stale", note: "idle \(idle / Span.day) days", policy: true))
        case .nurture(let rule):
            guard actor.role == .manager else {
                return .failure(Refusal("only a manager can route leads; \(actor.id) is a \(actor.role.rawValue)"))
            }
            switch lead.stage {
            case .new: return .success(.nurture(rule: rule))
            case .assigned, .accepted:
                return .failure(
                    Refusal(
                        "\(lead.id) is already \(lead.owner ?? "?")'s lead; routing sends only unassigned leads to nurture (use clawback)"
                    ))
            case .nurture:
                return .failure(Refusal("\(lead.id) is already in nurture (\(closedBy(lead, ctx)))"))
            case .rejected, .qualified:
                return .failure(
                    Refusal(
                        "\(lead.id) was already \(lead.stage.rawValue) \(closedBy(lead, ctx)); it can't be sent to nurture"
                    ))
            }
        case .release(let note):
            guard actor.role == .manager else {
                return .failure(
                    Refusal("only a manager can release leads from nurture; \(actor.id) is a \(actor.role.rawValue)"))
            }
            if let r = requireStage(lead, [.nurture], doing: "release", ctx) { return .failure(r) }
            return .success(.release(note: trimmed(note)))
        case .undo(let target):
            return undo(lead, target: target, actor: actor, ctx)
        }
    }

    // MARK: - pieces

    static func assign(_ lead: Lead, to: String, rule: String?, actor: Rep, _ ctx: Context) -> Result<Op, Refusal> {
        guard actor.role == .manager else {
            return .failure(Refusal("only a manager can assign leads; \(actor.id) is a \(actor.role.rawValue)"))
        }
        guard let target = ctx.settings.rep(to) else {
            return .failure(Refusal("'\(to)' is not on the team in this store's settings"))
        }
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
        case .rejected, .qualified:
            return .failure(
                Refusal("\(lead.id) was already \(lead.stage.rawValue) \(closedBy(lead, ctx)); it can't be assigned"))
        }
    }

    static func undo(_ lead: Lead, target: Int64, actor: Rep, _ ctx: Context) -> Result<Op, Refusal> {
        guard let entry = lead.history.first(where: { $0.seq == target }) else {
            return .failure(Refusal("\(lead.id) has no action #\(target) to undo"))
        }
        if case .updated(let fields, let changes) = entry.op {
            return undoUpdate(lead, entry, fields: fields, recorded: changes != nil, actor: actor, ctx)
        }
        guard entry.op.isUndoable else {
            return .failure(Refusal("'\(entry.op.name)' on \(lead.id) can't be undone"))
        }
        let undone = lead.undoneSeqs
        if undone.contains(target) {
            return .failure(Refusal("\(Describe.op(entry.op)) on \(lead.id) was already undone"))
        }
        guard entry.by == actor.id else {
            return .failure(Refusal("that action on \(lead.id) was \(entry.by)'s; only they can undo it"))
        }
        if let later = lead.history.last(where: { e in
            guard e.seq > target, !undone.contains(e.seq) else { return false }
            switch e.op {
            case .undo, .updated: return false
            default: return true
            }
        }) {
            return .failure(Refusal("can't undo: \(lead.id) changed after that (\(Describe.entry(later, ctx)))"))
        }
        return .success(.undo(target: target))
    }

    /// An update is taken back by restoring the old values it recorded, unless a later update
    /// still in effect changed one of the same fields (its values would be lost).
    static func undoUpdate(_ lead: Lead, _ entry: Entry, fields: [String], recorded: Bool, actor: Rep, _ ctx: Context)
        -> Result<Op, Refusal>
    {
        guard recorded else {
            return .failure(
                Refusal("that update of \(lead.id) was saved before leadq recorded the old values; it can't be undone"))
        }
        let undone = lead.undoneSeqs
        if undone.contains(entry.seq) { return .failure(Refusal("that update of \(lead.id) was already undone")) }
        guard entry.by == actor.id else {
            return .failure(Refusal("that update of \(lead.id) was \(entry.by)'s; only they can undo it"))
        }
        let mine = Set(fields)
        if let later = lead.history.last(where: { e in
            guard e.seq > entry.seq, !undone.contains(e.seq), case .updated(let f, _) = e.op else { return false }
            return f.contains { mine.contains($0) }
        }) {
            return .failure(
                Refusal(
                    "can't undo: a later update changed the same fields of \(lead.id) (\(Describe.entry(later, ctx)))"))
        }
        return .success(.undo(target: entry.seq))
    }

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
        case .rejected, .qualified:
            return Refusal("\(lead.id) was already \(lead.stage.rawValue) \(closedBy(lead, ctx)); you can't \(verb) it")
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

    public static func trimmed(_ s: String) -> String {
        // Most text has nothing to trim: an ASCII non-space at both ends settles it without a copy.
        if let f = s.utf8.first, let l = s.utf8.last, f > 0x20, f < 0x80, l > 0x20, l < 0x80 { return s }
        var t = Substring(s)
        while let c = t.first, c.isWhitespace { t = t.dropFirst() }
        while let c = t.last, c.isWhitespace { t = t.dropLast() }
        return String(t)
    }
}
