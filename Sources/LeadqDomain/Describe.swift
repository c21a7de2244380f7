/// Words for events, shared by refusals, status lines, history views and the CLI.
public enum Describe {
    /// "Rejected: no-budget", "Logged call: no-answer", "Assigned to ana". A follow-up's due time
    /// is said by `time`: the reader's zone where there is a reader, ISO 8601 UTC for machines.
    public static func op(_ op: Op, time: (Instant) -> String = { $0.iso8601 }) -> String {
        switch op {
        case .created: return "Created"
        case .updated(let f, let changes):
            if let changes, !changes.isEmpty { return "Updated " + changes.map(change).joined(separator: ", ") }
            return f.isEmpty ? "Updated" : "Updated \(f.joined(separator: ", "))"
        case .assign(let to, let rule): return "Assigned to \(to)" + (rule.map { " (rule \($0))" } ?? "")
        case .accept: return "Accepted"
        case .reject(let r, let n): return "Rejected: \(r)" + (n.isEmpty ? "" : " (\(n))")
        case .contact(let c):
            let dir = c.direction == .inbound ? "inbound " : ""
            return "Logged \(dir)\(c.channel.rawValue): \(c.outcome.rawValue)" + (c.note.isEmpty ? "" : " (\(c.note))")
        case .scheduleFollowUp(let due, let what, _): return "Follow-up \(time(due)): \(what)"
        case .completeFollowUp(_, let n): return "Follow-up done" + (n.isEmpty ? "" : " (\(n))")
        case .dropFollowUp: return "Follow-up dropped"
        case .qualify(let n): return "Qualified" + (n.isEmpty ? "" : " (\(n))")
        case .clawback(let r, let n, let policy):
            return (policy ? "Clawed back by policy" : "Clawed back") + ": \(r)" + (n.isEmpty ? "" : " (\(n))")
        case .nurture(let rule): return "Routed to nurture (rule \(rule))"
        case .release(let n, let step):
            return "Released from nurture" + (step.map { " (re-engagement step \($0))" } ?? "")
                + (n.isEmpty ? "" : " (\(n))")
        case .undo(let t): return "Undid #\(t)"
        case .setAside(let n): return "A damaged record was set aside by repair: \(n)"
        case .note(let n): return "Note: \(n)"
        case .won(let amount, let n): return "Won" + Money.suffix(amount) + (n.isEmpty ? "" : " (\(n))")
        case .lost(let r, let amount, let n):
            return "Lost: \(r)" + Money.suffix(amount) + (n.isEmpty ? "" : " (\(n))")
        case .merged(let into): return "Merged into \(into) (a duplicate)"
        case .absorb(let from, let entries):
            let contacts = entries.filter { if case .contact = $0.op { true } else { false } }.count
            return "Merged \(from) in: \(contacts) contact\(contacts == 1 ? "" : "s"), \(entries.count) entries"
        }
    }

    /// "score 0 → 85": a field's old and new value, each cut short if long.
    public static func change(_ c: FieldChange) -> String {
        "\(c.key.rawValue) \(value(c.old)) → \(value(c.new))"
    }

    /// A field's value in a few words: "—" when empty, at most 40 characters.
    public static func value(_ v: FieldValue) -> String {
        let s: String
        switch v {
        case .text(let t): s = t
        case .number(let n): s = n.map(String.init) ?? ""
        case .flag(let b): s = b ? "yes" : "no"
        case .texts(let l): s = l.joined(separator: "; ")
        case .signals(let l): s = l.map { "\($0.name)×\($0.count)" }.joined(separator: ", ")
        case .parts(let l): s = l.map { "\($0.label) \($0.points >= 0 ? "+" : "")\($0.points)" }.joined(separator: "; ")
        case .attributes(let l): s = l.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
        case .time(let t): s = t.iso8601
        }
        if s.isEmpty { return "—" }
        return s.count > 40 ? String(s.prefix(39)) + "…" : s
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
        case .setAside: what = "a damaged record set aside"
        case .note: what = "given a note"
        case .won: what = "marked won"
        case .lost(let r, _, _): return "marked lost by \(e.by) at \(when) (\(r))"
        case .merged(let into): return "merged into \(into) by \(e.by) at \(when)"
        case .absorb(let from, _): what = "given \(from)'s history in a merge"
        }
        return "\(what) by \(e.by) at \(when)"
    }
}
