/// Who may write a note on a lead, and what a note must be.
extension Rules {
    /// A note says something. Whoever works the lead may write one, in any stage: its owner, the
    /// rep who had it last once it left the queues (what came of a rejected lead's call), or a manager.
    static func note(_ lead: Lead, _ text: String, actor: Rep) -> Result<Op, Refusal> {
        if let r = blankNote(text) { return .failure(r) }
        if let r = noteRefusal(lead, by: actor.id, manager: actor.role == .manager) { return .failure(r) }
        return .success(.note(trimmed(text)))
    }

    /// A note with no text is bad input. Public so the console's note dialog holds the rep back in
    /// the same words.
    public static func blankNote(_ text: String) -> Refusal? {
        trimmed(text).isEmpty ? Refusal("a note needs some text", badInput: true) : nil
    }

    /// Nil when `actor` may write a note on `lead`; else why not. Public so the console lets a note
    /// through on a lead it shows read-only exactly when the rules will.
    public static func noteRefusal(_ lead: Lead, by actor: String, manager: Bool) -> Refusal? {
        if manager || lead.owner == actor { return nil }
        if lead.owner == nil, lastWorker(lead) == actor { return nil }
        let who = lead.owner ?? lastWorker(lead) ?? "nobody"
        return Refusal("\(lead.id) is \(who)'s lead; only \(who) or a manager can write a note on it")
    }

    /// The rep the lead was last assigned to, if any.
    public static func lastWorker(_ lead: Lead) -> String? {
        let undone = lead.undoneSeqs
        for e in lead.history.reversed() where !undone.contains(e.seq) {
            if case .assign(let to, _) = e.op { return to }
        }
        return nil
    }
}
