import LeadqUI

/// Typing the queue filter: the queue narrows as you type; Enter keeps it, Esc clears it.
enum FilterBar {
    static func key(_ s: inout ConsoleState, _ key: Key, _ editor: LineEditor) -> [Effect] {
        var editor = editor
        switch key {
        case .enter:
            s.mode = .normal
        case .escape:
            s.mode = .normal
            s.queue.setFilter("")
            Console.fixSelection(&s, previousIndex: 0)
        case .down, .up:
            return QueueKeys.key(&s, key)
        case .tab:
            // The same text over every lead of the store, any stage, any owner.
            return FoundLeads.start(&s, editor)
        default:
            guard editor.handle(key) else { return [] }
            s.mode = .filter(editor)
            typed(&s, editor.text)
        }
        return []
    }

    /// The queue filtered by what is typed: a long list shows its first two screens of matches at
    /// once, the rest follows between keys (`slice`).
    static func typed(_ s: inout ConsoleState, _ text: String) {
        s.queue.typeFilter(text, rows: 2 * Console.pageSize(s))
        Console.fixSelection(&s, previousIndex: 0)
    }

    /// A slice more of a long list's filter; the first match is selected once one is found, as a
    /// search done at once would have.
    static func slice(_ s: inout ConsoleState) {
        guard s.queue.filtering else { return }
        s.queue.continueFilter()
        if s.selected == nil || !s.queue.filtering {
            Console.fixSelection(&s, previousIndex: 0)
        }
    }
}
