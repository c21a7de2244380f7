import LeadqDomain
import LeadqUI

/// The note for a picked reason: Enter saves, unless the catalog needs a note and there is none;
/// Esc on a typed note asks first.
enum ReasonNote {
    static func key(
        _ s: inout ConsoleState, _ key: Key, _ purpose: ReasonPurpose, _ target: Target,
        code: String, note: LineEditor
    ) -> [Effect] {
        var note = note
        switch NoteEscape.handle(key, &note) {
        case .cancel:
            Console.cancel(&s)
            return []
        case .asked, .kept:
            s.mode = .reasonNote(purpose, target, code: code, note: note)
            return []
        case .notEscape:
            break
        }
        if key == .enter {
            if let reason = s.settings.reason(code), let missing = Rules.missingNote(reason, note: note.text) {
                s.status = StatusLine(Console.sentence(missing.message), .warn)
                return []
            }
            return [.perform(ReasonPicker.command(purpose, code: code, note: note.text), target)]
        }
        if note.handle(key) { s.mode = .reasonNote(purpose, target, code: code, note: note) }
        return []
    }
}
