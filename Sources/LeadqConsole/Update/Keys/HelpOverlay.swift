import LeadqUI

/// The help overlay: every key, filtered as you type, scrolled with the arrows.
enum HelpOverlay {
    static func key(_ s: inout ConsoleState, _ key: Key, filter: LineEditor, scroll: Int) -> [Effect] {
        var filter = filter
        var scroll = scroll
        switch key {
        case .escape:
            s.mode = .normal
        case .char("?") where filter.isEmpty:
            s.mode = .normal
        case .down, .ctrl("n"):
            scroll += 1
        case .up, .ctrl("p"):
            scroll = max(0, scroll - 1)
        case .pageDown:
            scroll += 10
        case .pageUp:
            scroll = max(0, scroll - 10)
        default:
            if filter.handle(key) { scroll = 0 }
        }
        if case .help = s.mode { s.mode = .help(filter: filter, scroll: scroll) }
        return []
    }
}
