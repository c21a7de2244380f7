/// What a list of tens of thousands of leads (a manager's view of the whole team) keeps of each:
/// what a row, its clocks, its cadence and its search read. The rest (the history, contacts before
/// the current assignment, closed follow-ups, notes, signals, score parts, consent, extra fields)
/// is read again with the whole lead when one is opened. Never saved or decided on.
extension Lead {
    public func listed(for settings: Settings) -> Lead {
        var w = work
        w.contacts = w.contactsSinceAssignment.map { c in
            var c = c
            c.contact.note = ""
            c.contact.completes = []
            c.contact.followUpWhat = nil
            return c
        }
        w.followUps = w.followUps.filter(\.isOpen)
        w.absorbed = []
        var l = withoutHistory(work: w)
        l.profile = profile.listed(for: settings)
        return l
    }
}

extension Profile {
    /// The profile without the fields no row, clock or playbook of `settings` reads.
    public func listed(for settings: Settings) -> Profile {
        var p = self
        p.originId = ""
        p.signals = []
        p.scoreParts = []
        p.extra = []
        p.consentSource = ""
        p.sourceScore = nil
        p.companySize = nil
        // A playbook may pick a lead by its trigger or the content it read: kept only then.
        let fields = Set(settings.playbooks.flatMap { $0.when.compactMap(\.field) })
        if !fields.contains(.trigger) { p.trigger = "" }
        if !fields.contains(.content) { p.content = [] }
        return p
    }
}
