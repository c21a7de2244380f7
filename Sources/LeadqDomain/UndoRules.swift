/// Undo: who may take an action back, and when a later change stands in the way.
extension Rules {
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
            let what = Describe.op(entry.op) { $0.human(now: ctx.now, utcOffset: ctx.utcOffset) }
            return .failure(Refusal("\(what) on \(lead.id) was already undone"))
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

    /// Nothing `actor` did in the undo window is still in effect.
    public static func nothingToUndo(of actor: String, hours: Int64) -> Refusal {
        Refusal("nothing of \(actor)'s to undo from the last \(hours) h")
    }

    /// An action (`described`) that created leads can't be undone: a lead, once there, may already
    /// be worked on. Nil when it created none.
    public static func undoRefusal(_ described: String, created: Int) -> Refusal? {
        guard created > 0 else { return nil }
        return Refusal(
            "your last action, \(described), can't be undone: the leads an import creates stay (reassign or reject them one by one). Nothing was undone"
        )
    }

    /// An action of several events is undone whole or not at all: the refusal when one of them
    /// can't be, in `refusal`'s words.
    public static func partlyUndoable(_ described: String, because refusal: Refusal) -> Refusal {
        let prefix = "can't undo: "
        let why = refusal.message.hasPrefix(prefix) ? String(refusal.message.dropFirst(prefix.count)) : refusal.message
        return Refusal("can't undo your last action (\(described)) as a whole: \(why). Nothing was undone")
    }
}
