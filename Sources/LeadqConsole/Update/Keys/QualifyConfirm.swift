import LeadqDomain
import LeadqUI

/// "Qualify as an SQL?": asked first, since the lead leaves the queue for the CRM. y or Enter
/// qualifies; Tab adds a note (why it qualifies) in the same dialog, then Enter qualifies with it.
enum QualifyConfirm {
    /// Asks, unless the rules would refuse: then the status line says why in their words.
    static func open(_ s: inout ConsoleState, _ t: Target, _ lead: Lead) {
        if let refusal = Rules.qualifyNeedsAcceptance(lead) {
            s.status = StatusLine(refusal.message, .error)
        } else {
            s.mode = .confirmQualify(t, note: nil)
        }
    }

    static func key(_ s: inout ConsoleState, _ key: Key, _ target: Target, _ note: LineEditor?) -> [Effect] {
        guard var note else {
            switch key {
            case .char("y"), .char("Y"), .enter:
                return [.perform(.qualify(note: ""), target)]
            case .tab:
                s.mode = .confirmQualify(target, note: .note())
            case .char("n"), .char("N"), .escape, .char("q"):
                Console.cancel(&s)
            default:
                break
            }
            return []
        }
        switch NoteEscape.handle(key, &note) {
        case .cancel:
            Console.cancel(&s)
            return []
        case .asked, .kept:
            s.mode = .confirmQualify(target, note: note)
            return []
        case .notEscape:
            break
        }
        if key == .enter { return [.perform(.qualify(note: note.text), target)] }
        _ = note.handle(key)
        s.mode = .confirmQualify(target, note: note)
        return []
    }
}
