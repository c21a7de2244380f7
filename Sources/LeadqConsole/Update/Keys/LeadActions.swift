import LeadqDomain

/// The keys that act on the selected lead: saving at once (accept, follow-up done) or opening
/// the dialog that asks for the rest. What the rules will refuse anyway (another rep's lead, an
/// outbound contact with a do-not-contact lead) is said before a dialog opens.
enum LeadActions {
    static func start(_ s: inout ConsoleState, _ action: Action) -> [Effect] {
        guard let t = s.target(), let lead = s.selectedEntry?.lead else {
            s.status = StatusLine("No lead selected", .info)
            return []
        }
        if action == .copy { return Clipboard.copy(&s, lead) }
        // A qualified lead has left every queue: the rules, not the view, say who may close it.
        if action == .outcome {
            if !refuseIfReadOnly(&s) { OutcomeDialog.open(&s, t, lead) }
            return []
        }
        if refuseIfReadOnly(&s) || refuseIfNotOurs(&s, lead, action) { return [] }
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
            openContact(&s, t, lead)
        case .followUp:
            s.mode = .followUp(t, FollowUpForm())
        case .qualify:
            QualifyConfirm.open(&s, t, lead)
        case .note:
            s.mode = .note(t, .note())
        default:
            break
        }
        return []
    }

    /// The contact dialog; for a do-not-contact lead it opens on "inbound" and says why first.
    static func openContact(_ s: inout ConsoleState, _ t: Target, _ lead: Lead) {
        var form = ContactForm()
        if let why = Consent.inboundOnly(lead) {
            form.inbound = true
            s.status = StatusLine(why, .warn)
        }
        s.mode = .contact(t, form)
    }

    /// True when this session can't save; the status line then says why.
    static func refuseIfReadOnly(_ s: inout ConsoleState) -> Bool {
        if Connection.refuseIfOffline(&s) { return true }
        guard let why = s.readOnly else { return false }
        s.status = StatusLine("Can't save: \(why)", .error)
        return true
    }

    /// A lead a search found outside this console's view (another rep's, or closed) opens read-only:
    /// only a note, which the rules allow its last owner, goes through.
    static func refuseIfNotOurs(_ s: inout ConsoleState, _ lead: Lead, _ action: Action) -> Bool {
        let noteAllowed = action == .note && Rules.noteRefusal(lead, by: s.config.rep, manager: s.config.manager) == nil
        guard !s.shows(lead), !noteAllowed else { return false }
        let whose = lead.owner.map { "\($0)'s lead (\(lead.stage.rawValue))" } ?? lead.stage.rawValue
        s.status = StatusLine("\(lead.id) is \(whose): read-only here", .info)
        return true
    }
}
