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
            s.queue.setFilter(editor.text)
            Console.fixSelection(&s, previousIndex: 0)
        }
        return []
    }
}
