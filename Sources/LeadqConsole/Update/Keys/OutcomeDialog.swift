import LeadqDomain
import LeadqUI

/// Won or lost: w or l, then the amount (optional) and, for lost, why (required). The rules are
/// asked before the dialog opens, so a lead that isn't qualified, or that someone else qualified,
/// is refused in their words without typing anything.
enum OutcomeDialog {
    static func open(_ s: inout ConsoleState, _ t: Target, _ lead: Lead) {
        if case .failure(let refusal) = Rules.decide(.won(amount: nil, note: ""), on: lead, in: s.context) {
            s.status = StatusLine(Console.sentence(refusal.message), .error)
        } else {
            s.mode = .outcome(t, OutcomeForm())
        }
    }

    static func key(_ s: inout ConsoleState, _ key: Key, _ target: Target, _ form: OutcomeForm) -> [Effect] {
        var form = form
        guard let won = form.won else {
            switch key {
            case .char("w"), .char("W"):
                form.won = true
                form.field = .amount
            case .char("l"), .char("L"):
                form.won = false
                form.field = .reason
            case .escape, .char("n"), .char("q"):
                Console.cancel(&s)
                return []
            default:
                return []
            }
            s.mode = .outcome(target, form)
            return []
        }
        switch key {
        case .escape:
            Console.cancel(&s)
            return []
        case .tab, .backTab:
            if !won { form.field = form.field == .reason ? .amount : .reason }
        case .enter:
            switch command(form, won: won) {
            case .success(let command): return [.perform(command, target)]
            case .failure(let problem): form.problem = problem.text
            }
        default:
            form.problem = nil
            if form.field == .reason { _ = form.reason.handle(key) } else { _ = form.amount.handle(key) }
        }
        s.mode = .outcome(target, form)
        return []
    }

    struct Problem: Error { var text: String }

    /// What Enter saves, or why it can't yet.
    static func command(_ form: OutcomeForm, won: Bool) -> Result<Command, Problem> {
        let typed = Rules.trimmed(form.amount.text)
        var amount: Int64?
        if !typed.isEmpty {
            guard let cents = Money.parse(typed) else {
                return .failure(Problem(text: "Not an amount: digits with up to two decimals, e.g. 12000.50"))
            }
            amount = cents
        }
        if won { return .success(.won(amount: amount, note: "")) }
        let reason = Rules.trimmed(form.reason.text)
        guard !reason.isEmpty else {
            return .failure(Problem(text: "Say why it was lost (price, competitor, timing…)"))
        }
        return .success(.lost(reason: reason, amount: amount, note: ""))
    }
}
