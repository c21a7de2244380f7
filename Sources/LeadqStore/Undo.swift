import LeadqDomain

/// What `undoLast` took back: one action, which may have changed many leads (a route, a sweep of
/// stale leads, a release of nurture leads).
public struct Undone: Sendable {
    /// One change per entry taken back, in the order they were saved; never empty.
    public var changes: [Change]
    /// The action in words: "assign of L-00042 at 10:02", "12 events at 10:02: assign ×10, nurture ×2".
    public var action: String
}

extension LeadStore {
    /// Undoes `actor`'s last action that is still in effect, whole: the events of one write (a route's
    /// assignments, an import's updates) are one action and are taken back together, in one write,
    /// or not at all. An import that created leads can't be undone (a lead, once there, may already
    /// be worked on; nothing can make it not have been): it is refused, rather than half undone or
    /// passed over for an older action.
    @discardableResult
    public func undoLast(as actor: String, at now: Instant, utcOffset: Int64 = 0) throws -> Undone {
        try transact(as: actor, at: now, utcOffset: utcOffset) { tx in
            guard let action = try lastAction(of: actor, since: now - settings.undoWindowHours * Span.hour) else {
                throw Rules.nothingToUndo(of: actor, hours: settings.undoWindowHours)
            }
            let described = action.describe(tx.context)
            if let refusal = Rules.undoRefusal(described, created: action.created) { throw refusal }
            var changes: [Change] = []
            // Newest first: a lead with two entries in the action has the later one taken back first.
            for (lead, entry) in action.inEffect.reversed() {
                switch try tx.attempt(.undo(target: entry.seq), on: lead) {
                case .success(let change): changes.append(change)
                case .failure(let r) where action.entries.count > 1:
                    throw Rules.partlyUndoable(described, because: r)
                case .failure(let r): throw r
                }
            }
            return Undone(changes: changes, action: described)
        }.result
    }

    /// The newest action of `actor` with something still in effect, with its entries.
    public func lastAction(of actor: String, since: Instant) throws -> UndoableAction? {
        for a in recentActions(of: actor) {
            guard let lead = try lead(a.lead), let last = lead.history.first(where: { $0.seq == a.seq }) else {
                continue
            }
            if last.at < since { return nil }
            let entries: [(lead: Lead, entry: Entry)]
            if let batch = a.batch, batch.upperBound == a.seq {
                // One write: one actor, one instant. Checking both keeps a bad range from reaching further.
                entries = try leads(withEntriesIn: batch).flatMap { l in
                    l.history.filter { batch.contains($0.seq) && $0.by == actor && $0.at == last.at }.map { (l, $0) }
                }.sorted { $0.entry.seq < $1.entry.seq }
            } else {
                entries = [(lead, last)]
            }
            let action = UndoableAction(entries: entries)
            if action.created > 0 || !action.inEffect.isEmpty { return action }
        }
        return nil
    }
}

/// One write of one actor, as undo sees it.
public struct UndoableAction {
    /// The actor's entries of the write, oldest first.
    public var entries: [(lead: Lead, entry: Entry)]

    /// Leads the action created (only imports create leads, or change their profiles).
    var created: Int { entries.filter { $0.entry.op == .created }.count }
    var isImport: Bool {
        // A merge updates the two leads' flags in its write: it is a merge, not an import.
        let merge = entries.contains { if case .merged = $0.entry.op { true } else { false } }
        return entries.contains { $0.entry.op == .created || ($0.entry.op.isUpdate && !merge) }
    }

    /// The entries undo can take back and nobody has yet, as (lead id, entry), oldest first. An
    /// update is taken back by restoring the values it replaced.
    var inEffect: [(String, Entry)] {
        entries.filter { e in
            (e.entry.op.isUndoable || e.entry.op.isUpdate) && !e.lead.undoneSeqs.contains(e.entry.seq)
        }.map { ($0.lead.id, $0.entry) }
    }

    /// "the import at 10:02 (120 leads created, 3 updated, 80 assigned)", "assign of L-00042 at
    /// 10:02", "12 events at 10:02: assign ×10, nurture ×2".
    func describe(_ ctx: Context) -> String {
        let when = entries.last.map { $0.entry.at.human(now: ctx.now, utcOffset: ctx.utcOffset) } ?? "?"
        var counts: [(String, Int)] = []
        for e in entries {
            let name = e.entry.op.name
            if let i = counts.firstIndex(where: { $0.0 == name }) { counts[i].1 += 1 } else { counts.append((name, 1)) }
        }
        func count(_ op: String) -> Int { counts.first { $0.0 == op }?.1 ?? 0 }
        if isImport {
            return
                "the import at \(when) (\(count("created")) leads created, \(count("updated")) updated, \(count("assign")) assigned)"
        }
        if entries.count == 1, let only = entries.first {
            return "\(only.entry.op.name) of \(only.lead.id) at \(when)"
        }
        return "\(entries.count) events at \(when): " + counts.map { "\($0.0) ×\($0.1)" }.joined(separator: ", ")
    }
}

extension Op {
    var isUpdate: Bool {
        if case .updated = self { return true }
        return false
    }
}
