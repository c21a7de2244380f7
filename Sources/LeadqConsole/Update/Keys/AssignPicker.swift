import LeadqDomain
import LeadqUI

/// The manager's rep picker for assigning or reassigning the selected lead.
enum AssignPicker {
    /// Opens on the first rep who could take the lead: not its owner, not away.
    static func open(_ s: inout ConsoleState) {
        guard let t = s.target() else {
            s.status = StatusLine("No lead selected", .info)
            return
        }
        if LeadActions.refuseIfReadOnly(&s) { return }
        // A rep's console knows only their own queue: the picker's counts would be wrong, and the
        // store refuses anyway. Said now, in the rules' words, rather than after Enter.
        if let refusal = Managers.refusal(s.config.rep, to: "assign leads", s.settings) {
            s.status = StatusLine(Console.sentence(refusal.message), .error)
            return
        }
        let reps = Console.reps(s)
        let current = s.selectedEntry?.lead.owner
        s.mode = .assign(t, selected: reps.firstIndex { $0.id != current && !$0.away } ?? 0)
    }

    static func key(_ s: inout ConsoleState, _ key: Key, _ target: Target, selected: Int) -> [Effect] {
        let reps = Console.reps(s)
        switch key {
        case .escape:
            Console.cancel(&s)
        case .down, .ctrl("n"):
            s.mode = .assign(target, selected: min(reps.count - 1, selected + 1))
        case .up, .ctrl("p"):
            s.mode = .assign(target, selected: max(0, selected - 1))
        case .enter:
            if reps.indices.contains(selected) { return [.perform(.assign(to: reps[selected].id, rule: nil), target)] }
        case .char(let c):
            // A letter jumps to the next rep whose id starts with it.
            let lower = Character(c.lowercased())
            let order = Array(reps.indices.dropFirst(selected + 1)) + Array(reps.indices.prefix(selected + 1))
            if let i = order.first(where: { reps[$0].id.first == lower }) { s.mode = .assign(target, selected: i) }
        default:
            break
        }
        return []
    }
}
