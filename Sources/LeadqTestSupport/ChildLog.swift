import LeadqDomain

/// What the test-only child (`leadq-crash-child`) prints, one line per fact, and how the parent reads
/// it back. The child prints `ack` only after the store call returned, so an `ack` line is a promise
/// that the events are on disk; an `intent` is printed before the call, so the parent knows what
/// may be in flight when it kills the child.
///
///     ready <lastSeq>
///     intent <n> <kind> <lead>|<op>|<token>;…     events the action will save, in order (`*` = lead not known yet)
///     ack <n> <seq>|<lead>;…                      saved: the events' sequence numbers and leads
///     refused <n> <message>                       the rules said no; nothing saved
///     compact-begin <n> / compact-end <n> <seq|none>
///     error <n> <message>                         the store failed (the child stops)
///     done
public enum ChildLog {
    /// One event an action is expected to save.
    public struct Expected: Equatable, Sendable, CustomStringConvertible {
        public var lead: String
        public var op: String
        public var token: String
        public init(lead: String, op: String, token: String) { (self.lead, self.op, self.token) = (lead, op, token) }
        public var description: String { "\(lead)|\(op)|\(token)" }
    }

    public struct Saved: Equatable, Sendable {
        public var seq: Int64
        public var lead: String
    }

    public enum Line: Equatable, Sendable {
        case ready(lastSeq: Int64)
        case intent(n: Int, kind: String, events: [Expected])
        case ack(n: Int, saved: [Saved])
        case refused(n: Int, message: String)
        case compactBegin(n: Int)
        case compactEnd(n: Int, seq: Int64?)
        case error(n: Int, message: String)
        case done
        case other(String)
    }

    // MARK: - writing (child)

    public static func intent(_ n: Int, _ kind: String, _ events: [Expected]) -> String {
        "intent \(n) \(kind) " + events.map(\.description).joined(separator: ";")
    }

    public static func ack(_ n: Int, _ events: [Event]) -> String {
        "ack \(n) " + events.map { "\($0.seq)|\($0.lead)" }.joined(separator: ";")
    }

    // MARK: - reading (parent)

    public static func parse(_ line: String) -> Line {
        let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        func n(_ i: Int) -> Int? { parts.count > i ? Int(parts[i]) : nil }
        switch parts.first {
        case "ready": if let s = n(1) { return .ready(lastSeq: Int64(s)) }
        case "intent":
            if let k = n(1), parts.count == 4 {
                let events = parts[3].split(separator: ";").compactMap { e -> Expected? in
                    let f = e.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                    return f.count == 3 ? Expected(lead: f[0], op: f[1], token: f[2]) : nil
                }
                return .intent(n: k, kind: parts[2], events: events)
            }
        case "ack":
            if let k = n(1), parts.count >= 3 {
                let rest = parts[2...].joined(separator: " ")
                let saved = rest.split(separator: ";").compactMap { e -> Saved? in
                    let f = e.split(separator: "|")
                    guard f.count == 2, let s = Int64(f[0]) else { return nil }
                    return Saved(seq: s, lead: String(f[1]))
                }
                return .ack(n: k, saved: saved)
            }
        case "refused": if let k = n(1) { return .refused(n: k, message: parts[2...].joined(separator: " ")) }
        case "error": if let k = n(1) { return .error(n: k, message: parts[2...].joined(separator: " ")) }
        case "compact-begin": if let k = n(1) { return .compactBegin(n: k) }
        case "compact-end": if let k = n(1), parts.count >= 3 { return .compactEnd(n: k, seq: Int64(parts[2])) }
        case "done": return .done
        default: break
        }
        return .other(line)
    }

    // MARK: - matching saved events

    /// The token an action put into an event, so the parent can tell events apart: the first word of
    /// a note, the follow-up's text, a created lead's name; "-" when the op carries no text.
    public static func token(of entry: Entry, in lead: Lead) -> String {
        func first(_ s: String) -> String {
            let w = s.prefix { $0 != " " }
            return w.isEmpty ? "-" : String(w)
        }
        switch entry.op {
        case .created: return first(lead.profile.name)
        case .contact(let c): return first(c.note)
        case .scheduleFollowUp(_, let what, _): return first(what)
        case .reject(_, let note), .qualify(let note), .clawback(_, let note, _), .release(let note, _),
            .completeFollowUp(_, let note):
            return first(note)
        default: return "-"
        }
    }

    /// Whether a saved entry is the event the child meant.
    public static func matches(_ entry: Entry, in lead: Lead, _ e: Expected) -> Bool {
        (e.lead == "*" || e.lead == lead.id) && entry.op.name == e.op
            && (e.token == "*" || token(of: entry, in: lead) == e.token)
    }
}
