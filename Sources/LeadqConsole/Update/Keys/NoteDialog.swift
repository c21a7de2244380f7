import LeadqDomain
import LeadqUI

/// A note on the lead: several lines (Alt+Enter breaks a line), Enter saves.
enum NoteDialog {
    static func key(_ s: inout ConsoleState, _ key: Key, _ target: Target, _ note: LineEditor) -> [Effect] {
        var note = note
        switch NoteEscape.handle(key, &note) {
        case .cancel:
            Console.cancel(&s)
            return []
        case .asked, .kept:
            s.mode = .note(target, note)
            return []
        case .notEscape:
            break
        }
        if key == .enter {
            if let blank = Rules.blankNote(note.text) {
                s.status = StatusLine(Console.sentence(blank.message) + "; Esc cancels", .warn)
                return []
            }
            return [.perform(.note(note.text), target)]
        }
        _ = note.handle(key)
        s.mode = .note(target, note)
        return []
    }
}
