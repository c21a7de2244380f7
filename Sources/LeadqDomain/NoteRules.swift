/// Who may write a note on a lead, and what a note must be.
extension Rules {
    /// A note says something. Whoever works the lead may write one, in any stage: its owner, the
    /// rep who had it last once it left the queues (what came of a rejected lead's call), or a manager.
    static func note(_ lead: Lead, _ text: String, actor: Rep) -> Result<Op, Refusal> {
        let t = trimmed(text)
        guard !t.isEmpty else { return .failure(Refusal("a note needs some text", badInput: true)) }
        if actor.role == .manager || lead.owner == actor.id { return .success(.note(t)) }
        if lead.owner == nil, lastWorker(lead) == actor.id { return .success(.note(t)) }
        let who = lead.owner ?? lastWorker(lead) ?? "nobody"
        return .failure(
            Refusal("\(lead.id) is \(who)'s lead; only \(who) or a manager can write a note on it"))
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
