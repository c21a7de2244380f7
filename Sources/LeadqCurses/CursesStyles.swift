import CNcursesw
import LeadqUI

/// Turns a theme into curses attributes and colour pairs, once per theme.
struct CursesStyles {
    struct Resolved {
        var attrs: attr_t
        var pair: Int16
    }

    /// Attributes and pair per role.
    private(set) var byRole: [Role: Resolved] = [:]
    /// The (fg, bg) of each pair allocated, pair 1 first (pair 0 is the terminal's default).
    private(set) var pairs: [(fg: Int16, bg: Int16)] = []

    /// Resolves `theme` for a terminal with `support`, calling `initPair(n, fg, bg)` for each
    /// new pair. On a terminal without colour, a theme that relies on colour is replaced by the
    /// built-in mono theme: colour-only distinctions (the selected row!) would otherwise vanish.
    init(theme: Theme, support: ColorSupport, maxPairs: Int, initPair: (Int16, Int16, Int16) -> Void) {
        var effective = theme
        if case .none = support, theme.usesColor { effective = Theme.mono }
        var pairIndex: [String: Int16] = [:]
        for role in Role.allCases {
            let style = effective.style(for: role)
            var attrs = leadq_a_normal()
            if style.bold { attrs |= leadq_a_bold() }
            if style.underline { attrs |= leadq_a_underline() }
            if style.reverse { attrs |= leadq_a_reverse() }
            if style.dim { attrs |= leadq_a_dim() }
            var pair: Int16 = 0
            if case .palette(let colors, let defaultColors) = support {
                let fg = CursesStyles.number(style.fg, colors: colors, defaultColors: defaultColors, isForeground: true)
                let bg = CursesStyles.number(
                    style.bg, colors: colors, defaultColors: defaultColors, isForeground: false)
                // Bright foregrounds on an 8-colour terminal: bold is how such terminals brighten.
                if colors < 16, let i = style.fg?.index256, (8..<16).contains(i) { attrs |= leadq_a_bold() }
                if fg != -1 || bg != -1 || !defaultColors {
                    let key = "\(fg)/\(bg)"
                    if let existing = pairIndex[key] {
                        pair = existing
                    } else if pairs.count + 1 < maxPairs {
                        pairs.append((fg, bg))
                        pair = Int16(pairs.count)
                        pairIndex[key] = pair
                        initPair(pair, fg, bg)
                    }
                }
            }
            byRole[role] = Resolved(attrs: attrs, pair: pair)
        }
    }

    subscript(role: Role) -> Resolved { byRole[role] ?? Resolved(attrs: leadq_a_normal(), pair: 0) }

    /// A curses colour number: the palette slot, or -1 for the terminal default (white/black
    /// stand in when the terminal cannot do default colours).
    static func number(_ color: Color?, colors: Int, defaultColors: Bool, isForeground: Bool) -> Int16 {
        if let color, let index = color.terminalIndex(colors: colors) { return Int16(index) }
        if defaultColors { return -1 }
        return isForeground ? 7 : 0
    }
}
