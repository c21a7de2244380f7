import LeadqDomain

/// The keys that act on the selected lead: saving at once (accept, follow-up done) or opening
/// the dialog that asks for the rest.
enum LeadActions {
    static func start(_ s: inout ConsoleState, _ action: Action) -> [Effect] {
        guard let t = s.target(), let lead = s.selectedEntry?.lead else {
            s.status = StatusLine("No lead selected", .info)
            return []
        }
        if refuseIfReadOnly(&s) { return [] }
        s.queue.markSeen(t.id)
        switch action {
        case .accept:
            return [.perform(.accept, t)]
        case .followUpDone:
            return [.perform(.completeFollowUp(note: ""), t)]
        case .reject:
            s.mode = .reasons(.reject, t, selected: 0)
        case .clawback:
            s.mode = .reasons(.clawback, t, selected: 0)
        case .contact:
            s.mode = .contact(t, ContactForm())
        case .followUp:
            s.mode = .followUp(t, FollowUpForm())
        case .qualify:
            QualifyConfirm.open(&s, t, lead)
        default:
            break
        }
        return []
    }

    /// True when this session can't save; the status line then says why.
    static func refuseIfReadOnly(_ s: inout ConsoleState) -> Bool {
        guard let why = s.readOnly else { return false }
        s.status = StatusLine("Can't save: \(why)", .error)
        return true
    }
}
