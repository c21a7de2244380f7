import LeadqDomain
import LeadqUI

/// "Replace ana's follow-up?": scheduling over a follow-up a rep set asks first; the cadence's
/// own give way without asking.
enum ReplaceConfirm {
    /// The question: which follow-up would go.
    static func question(_ lead: Lead) -> String {
        let f = lead.work.nextFollowUp
        return "\(lead.id) has \(f?.createdBy ?? "a rep")'s follow-up '\(f?.what ?? "")': y replaces it, n keeps it"
    }

    static func key(_ s: inout ConsoleState, _ key: Key, _ target: Target, due: Instant, what: String) -> [Effect] {
        switch key {
        case .char("y"), .char("Y"):
            return [.perform(.replaceFollowUp(due: due, what: what), target)]
        case .char("n"), .char("N"), .escape, .char("q"):
            Console.cancel(&s)
        default:
            break
        }
        return []
    }
}
