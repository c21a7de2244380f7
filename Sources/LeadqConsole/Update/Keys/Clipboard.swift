import LeadqDomain

/// Copying the selected lead's phone (else its email) to the terminal's clipboard, when the team
/// turned it on (`console.clipboard`); otherwise the status line shows the number to copy by hand.
enum Clipboard {
    static func copy(_ s: inout ConsoleState, _ lead: Lead) -> [Effect] {
        let p = lead.profile
        let (what, value) = p.phone.isEmpty ? ("email", p.email) : ("phone", p.phone)
        guard !value.isEmpty else {
            s.status = StatusLine("\(lead.id) has no phone and no email", .warn)
            return []
        }
        let dnc = p.doNotContact ? " (do-not-contact: no outreach)" : ""
        guard s.settings.console.clipboard else {
            s.status = StatusLine(
                "\(lead.id) \(what): \(value)\(dnc) · copying is off (console.clipboard in settings.json)", .info)
            return []
        }
        s.status = StatusLine("Copied \(lead.id)'s \(what) \(value) to the clipboard\(dnc)", .ok)
        return [.copy(value)]
    }
}
