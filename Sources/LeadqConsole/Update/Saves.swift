import LeadqDomain
import LeadqFormat

/// The outcome of the rep's own actions: saved, undone, or refused.
extension Console {
    static func saved(_ s: inout ConsoleState, _ change: SavedLead) {
        let previous = s.cursor ?? 0
        let before = s.queue.entries[change.lead.id]
        place(&s, change.lead)
        FoundLeads.refresh(&s, upserts: [change.lead], removals: [])
        let isUndo: Bool
        if case .undo = change.event.entry.op { isUndo = true } else { isUndo = false }
        // An undo brings a lead back: put the cursor on it.
        if isUndo && s.queue.position(of: change.lead.id) != nil { s.selected = change.lead.id }
        fixSelection(&s, previousIndex: previous)
        // One lead changed: move its share of the header's counts, not recount the whole queue.
        if let b = before { count(&s, owner: b.owner, b.clocks, -1) }
        if s.shows(change.lead) { count(&s, change.lead, 1) }
        s.mode = .normal
        var text = Confirmation.text(change.event, lead: change.lead, now: s.now, zone: s.config.zone) + " · saved"
        if !isUndo { text += " · \(s.keymap.label(for: .undo)) to undo" }
        s.status = StatusLine(text, .ok)
    }

    static func undone(_ s: inout ConsoleState, action: String, leads: [SavedLead]) {
        if leads.count == 1 {
            saved(&s, leads[0])
            return
        }
        let previous = s.cursor ?? 0
        for change in leads { place(&s, change.lead) }
        fixSelection(&s, previousIndex: previous)
        recount(&s)
        s.mode = .normal
        s.status = StatusLine("Undid your last action (\(action)) · saved", .ok)
    }

    static func failed(_ s: inout ConsoleState, _ message: String) {
        // A refusal of what the rep typed keeps it on screen: they fix it, or Esc drops it.
        if !holdsTypedText(s.mode) { s.mode = .normal }
        s.status = StatusLine(message, .error)
    }

    /// A dialog with text the rep typed, which a refusal must not throw away.
    static func holdsTypedText(_ mode: Mode) -> Bool {
        switch mode {
        case .followUp(_, let f): return f.typing
        case .reasonNote(_, _, _, let note): return !note.isEmpty
        case .contact(_, let f): return f.step == .note && !f.note.isEmpty
        case .note(_, let note): return !note.isEmpty
        case .confirmQualify(_, let note?): return !note.isEmpty
        case .outcome(_, let f): return f.hasTypedText
        default: return false
        }
    }

    /// Keeps a changed lead in the queue if it still belongs there, else takes it out.
    static func place(_ s: inout ConsoleState, _ lead: Lead) {
        if s.shows(lead) {
            s.queue.upsert(lead, settings: s.settings, now: s.now)
        } else {
            s.queue.remove(lead.id)
        }
    }
}
