import LeadqUI

/// Esc in a dialog holding a typed note: with text, it asks first (y throws the note away, any
/// other key goes back to it); without, it cancels.
enum NoteEscape {
    enum Outcome { case cancel, asked, kept, notEscape }

    static func handle(_ key: Key, _ note: inout LineEditor) -> Outcome {
        if note.askingDiscard {
            note.askingDiscard = false
            return key == .char("y") || key == .char("Y") ? .cancel : .kept
        }
        guard key == .escape else { return .notEscape }
        if note.isBlank { return .cancel }
        note.askingDiscard = true
        return .asked
    }
}
