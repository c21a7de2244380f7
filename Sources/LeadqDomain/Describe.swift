/// Words for events, shared by refusals, status lines, history views and the CLI.
public enum Describe {
    /// "Rejected: no-budget", "Logged call: no-answer", "Assigned to ana".
    public static func op(_ op: Op) -> String {
        switch op {
        case .created: return "Created"
        case .updated(let f): return f.isEmpty ? "Updated" : "Updated \(f.joined(separator: ", "))"
        case .assign(let to, let rule): return "Assigned to \(to)" + (rule.map { " (rule \($0))" } ?? "")
        case .accept: return "Accepted"
        case .reject(let r, let n): return "Rejected: \(r)" + (n.isEmpty ? "" : " (\(n))")
        case .contact(let c):
            let dir = c.direction == .inbound ? "inbound " : ""
            return "Logged \(dir)\(c.channel.rawValue): \(c.outcome.rawValue)" + (c.note.isEmpty ? "" : " (\(c.note))")
        case .scheduleFollowUp(let due, let what, _): return "Follow-up \(due.iso8601): \(what)"
        case .completeFollowUp(_, let n): return "Follow-up done" + (n.isEmpty ? "" : " (\(n))")
        case .dropFollowUp: return "Follow-up dropped"
        case .qualify(let n): return "Qualified" + (n.isEmpty ? "" : " (\(n))")
        case .clawback(let r, let n, let policy): return (policy ? "Clawed back by policy" : "Clawed back") + ": \(r)" + (n.isEmpty ? "" : " (\(n))")
        case .nurture(let rule): return "Routed to nurture (rule \(rule))"
        case .release(let n): return "Released from nurture" + (n.isEmpty ? "" : " (\(n))")
        case .undo(let t): return "Undid #\(t)"
        }
    }

    /// A past-tense phrase for "who did what when": "rejected by dana at 10:02 (no-budget)".
    public static func entry(_ e: Entry, _ ctx: Context) -> String {
        entry(e, now: ctx.now, utcOffset: ctx.utcOffset)
    }

    public static func entry(_ e: Entry, now: Instant, utcOffset: Int64) -> String {
        let when = e.at.human(now: now, utcOffset: utcOffset)
        let what: String
        switch e.op {
        case .created: what = "created"
        case .updated: what = "updated by an import"
        case .assign(let to, _): what = "assigned to \(to)"
        case .accept: what = "accepted"
        case .reject(let r, _): return "rejected by \(e.by) at \(when) (\(r))"
        case .contact(let c): what = "contacted (\(c.channel.rawValue), \(c.outcome.rawValue))"
        case .scheduleFollowUp: what = "given a follow-up"
        case .completeFollowUp: what = "follow-up marked done"
        case .dropFollowUp: what = "follow-up dropped"
        case .qualify: what = "qualified"
        case .clawback(let r, _, _): return "clawed back to nurture by \(e.by) at \(when) (\(r))"
        case .nurture(let rule): return "routed to nurture by \(e.by) at \(when) (rule \(rule))"
        case .release: what = "released from nurture"
        case .undo: what = "undo"
        }
        return "\(what) by \(e.by) at \(when)"
    }
}
