import LeadqDomain

/// The words that confirm a saved action: "Rejected L-00042 (Grace Müller): no-budget".
public enum Confirmation {
    /// Times are said in `zone`, relative to `now` (the event's own time when not given).
    public static func text(_ event: Event, lead: Lead, now: Instant? = nil, zone: Zone = .utc) -> String {
        let now = now ?? event.entry.at
        func when(_ t: Instant) -> String { When.text(t, now: now, zone: zone) }
        let who = lead.profile.name.isEmpty ? "" : " (\(lead.profile.name))"
        let id = event.lead + who
        switch event.entry.op {
        case .created: return "Created \(id)"
        case .updated(let f, let changes):
            return "Updated \(id): "
                + (changes.map { $0.map(Describe.change).joined(separator: ", ") } ?? f.joined(separator: ", "))
        case .assign(let to, let rule):
            let by = rule.map { " by rule \($0)" } ?? ""
            if let from = ownerBefore(event, lead) { return "Reassigned \(id) from \(from) to \(to)" + by }
            return "Assigned \(id) to \(to)" + by
        case .accept: return "Accepted \(id)"
        case .reject(let r, let n): return "Rejected \(id): \(r)" + (n.isEmpty ? "" : " — \(n)")
        case .contact(let c):
            var s =
                "Logged \(c.direction == .inbound ? "inbound " : "")\(c.channel.rawValue) on \(id): \(c.outcome.rawValue)"
            if !c.completes.isEmpty { s += "; follow-up done" }
            if let due = c.followUpDue {
                s += "; follow-up \(when(due)) by cadence"
                if let ch = c.followUpChannel { s += " (\(ch.rawValue))" }
            }
            return s
        case .scheduleFollowUp(let due, let what, let replaces):
            if let old = lead.work.followUps.first(where: { $0.id == replaces }) {
                return "Follow-up on \(id) moved from \(when(old.due)) to \(when(due)): \(what)"
            }
            return "Follow-up on \(id) due \(when(due)): \(what)"
        case .completeFollowUp: return "Follow-up done on \(id)"
        case .dropFollowUp: return "Follow-up dropped on \(id)"
        case .qualify: return "Qualified \(id): opportunity for the CRM"
        case .clawback(let r, _, let policy):
            return "Clawed back \(id) to nurture: \(r)" + (policy ? " (stale-lead policy)" : "")
        case .nurture(let rule): return "Routed \(id) to nurture by rule \(rule)"
        case .release(_, let step):
            return "Released \(id) from nurture to the pool" + (step.map { " (re-engagement step \($0))" } ?? "")
        case .undo(let t):
            let target = lead.history.first { $0.seq == t }.map { Describe.op($0.op, time: when) } ?? "#\(t)"
            return "Undid \(target) on \(id)"
        case .setAside(let note): return "Set aside a damaged record of \(id): \(note)"
        case .note(let note):
            let first = note.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
            let more = note.contains("\n") ? " …" : ""
            return "Note on \(id): \(first)\(more)"
        case .won(let amount, _): return "Won \(id)" + (amount.map { ": \(Money.text($0))" } ?? "")
        case .lost(let r, let amount, _): return "Lost \(id): \(r)" + (amount.map { ", \(Money.text($0))" } ?? "")
        case .merged(let into): return "Merged \(id) into \(into)"
        case .absorb(let from, _): return "\(id) took in \(from)'s contacts, follow-ups and history"
        }
    }

    /// Who had the lead just before an assignment: a reassignment says whom it was taken from.
    static func ownerBefore(_ event: Event, _ lead: Lead) -> String? {
        Work.fold(lead.history.filter { $0.seq < event.seq }).owner
    }
}
