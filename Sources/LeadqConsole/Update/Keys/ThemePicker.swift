import LeadqUI

/// The theme picker: the runtime loads the chosen theme and reports back with `themeApplied`.
enum ThemePicker {
    /// Opens on the theme in use.
    static func open(_ s: inout ConsoleState) {
        s.mode = .themes(selected: s.config.themeNames.firstIndex(of: s.theme) ?? 0)
    }

    static func key(_ s: inout ConsoleState, _ key: Key, selected: Int) -> [Effect] {
        let names = s.config.themeNames
        switch key {
        case .escape, .char("q"):
            s.mode = .normal
        case .down, .char("j"):
            s.mode = .themes(selected: min(names.count - 1, selected + 1))
        case .up, .char("k"):
            s.mode = .themes(selected: max(0, selected - 1))
        case .enter:
            s.mode = .normal
            if names.indices.contains(selected) { return [.applyTheme(names[selected])] }
        default:
            break
        }
        return []
    }

    static func applied(_ s: inout ConsoleState, _ name: String) {
        s.theme = name
        let off = s.colorOff ? " (colours are off: only its bold and underline show)" : ""
        s.status = StatusLine("Theme: \(name), kept for next time\(off)", .info)
    }
}
