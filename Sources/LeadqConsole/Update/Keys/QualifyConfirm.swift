import LeadqDomain
import LeadqUI

/// "Qualify as an SQL?": asked first, since the lead leaves the queue for the CRM.
enum QualifyConfirm {
    /// Asks, unless the rules would refuse: then the status line says why in their words.
    static func open(_ s: inout ConsoleState, _ t: Target, _ lead: Lead) {
        if let refusal = Rules.qualifyNeedsAcceptance(lead) {
            s.status = StatusLine(refusal.message, .error)
        } else {
            s.mode = .confirmQualify(t)
        }
    }

    static func key(_ s: inout ConsoleState, _ key: Key, _ target: Target) -> [Effect] {
        switch key {
        case .char("y"), .char("Y"):
            return [.perform(.qualify(note: ""), target)]
        case .char("n"), .char("N"), .escape, .char("q"):
            Console.cancel(&s)
        default:
            break
        }
        return []
    }
}
