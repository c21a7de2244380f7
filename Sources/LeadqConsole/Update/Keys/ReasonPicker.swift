import LeadqDomain
import LeadqUI

/// The reason picker of a rejection or a clawback: one key per reason from the team's catalog.
enum ReasonPicker {
    static func key(
        _ s: inout ConsoleState, _ key: Key, _ purpose: ReasonPurpose, _ target: Target,
        selected: Int
    ) -> [Effect] {
        let reasons = s.settings.reasons
        func pick(_ r: ReasonCode, withNote: Bool) -> [Effect] {
            choose(&s, r, withNote: withNote, purpose, target)
        }
        switch key {
        case .escape:
            Console.cancel(&s)
        case .down, .ctrl("n"):
            s.mode = .reasons(purpose, target, selected: min(reasons.count - 1, selected + 1))
        case .up, .ctrl("p"):
            s.mode = .reasons(purpose, target, selected: max(0, selected - 1))
        case .enter:
            if reasons.indices.contains(selected) { return pick(reasons[selected], withNote: false) }
        case .tab:
            if reasons.indices.contains(selected) { return pick(reasons[selected], withNote: true) }
        case .char(let c):
            if let r = reasons.first(where: { $0.key == c }) { return pick(r, withNote: false) }
            // Shift+key picks the reason and asks for a note.
            if c.isUppercase, let r = reasons.first(where: { String($0.key) == c.lowercased() && $0.key.isLowercase }) {
                return pick(r, withNote: true)
            }
            s.status = StatusLine("No reason on \(c); Esc cancels", .warn)
        default:
            break
        }
        return []
    }

    /// Saves the reason, or asks for its note first (asked for, or required by the catalog).
    static func choose(
        _ s: inout ConsoleState, _ r: ReasonCode, withNote: Bool, _ purpose: ReasonPurpose,
        _ target: Target
    ) -> [Effect] {
        if withNote || r.noteRequired {
            s.mode = .reasonNote(purpose, target, code: r.code, note: .note())
            return []
        }
        return [.perform(command(purpose, code: r.code, note: ""), target)]
    }

    static func command(_ purpose: ReasonPurpose, code: String, note: String) -> Command {
        purpose == .reject ? .reject(reason: code, note: note) : .clawback(reason: code, note: note)
    }
}
