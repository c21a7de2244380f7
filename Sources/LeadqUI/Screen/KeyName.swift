/// Key names for key-binding files and help text, e.g. "j", "J", "?", "ctrl-d", "alt-x",
/// "enter", "esc", "pgdn", "shift-tab", "f5", "space".
///
/// Parsing is forgiving about case and synonyms ("C-d", "^D", "Ctrl+D", "return", "pagedown");
/// `name(of:)` prints one canonical spelling that `parse` reads back.
public enum KeyName {
    /// The key a name stands for, or nil if the name is not one.
    public static func parse(_ name: String) -> Key? {
        if name.count == 1, let c = name.first {
            if c == " " { return .char(" ") }
            return c.isPrintableKey ? .char(c) : nil
        }
        let lower = name.lowercased()
        if let key = named[lower] { return key }
        for prefix in ["ctrl-", "ctrl+", "control-", "c-"] where lower.hasPrefix(prefix) {
            return ctrl(String(name.dropFirst(prefix.count)))
        }
        if lower.hasPrefix("^") && name.count == 2 { return ctrl(String(name.dropFirst())) }
        for prefix in ["alt-", "alt+", "meta-", "m-"] where lower.hasPrefix(prefix) {
            let rest = String(name.dropFirst(prefix.count))
            if rest.count == 1, let c = rest.first, c.isPrintableKey { return .alt(c) }
            if rest.lowercased() == "space" { return .alt(" ") }
            return nil
        }
        for prefix in ["shift-", "shift+", "s-"] where lower.hasPrefix(prefix) {
            let rest = String(name.dropFirst(prefix.count))
            if rest.lowercased() == "tab" { return .backTab }
            if rest.count == 1, let c = rest.first, c.isLetter { return .char(Character(c.uppercased())) }
            return nil
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...63).contains(n) { return .f(n) }
        if lower.hasPrefix("code-"), let n = Int(lower.dropFirst(5)) { return .unknown(code: n) }
        return nil
    }

    /// The canonical name: what `parse` reads back to the same key.
    public static func name(of key: Key) -> String {
        switch key {
        case .char(" "): return "space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "ctrl-" + String(c)
        case .alt(" "): return "alt-space"
        case .alt(let c): return "alt-" + String(c)
        case .enter: return "enter"
        case .escape: return "esc"
        case .backspace: return "backspace"
        case .delete: return "delete"
        case .insert: return "insert"
        case .tab: return "tab"
        case .backTab: return "shift-tab"
        case .up: return "up"
        case .down: return "down"
        case .left: return "left"
        case .right: return "right"
        case .home: return "home"
        case .end: return "end"
        case .pageUp: return "pgup"
        case .pageDown: return "pgdn"
        case .f(let n): return "f\(n)"
        case .resize: return "resize"
        case .unknown(let code): return "code-\(code)"
        case .mouse: return "mouse"
        }
    }

    /// A short label for footers and help screens: "j", "^D", "M-x", "Enter", "PgDn", "↑", "F5".
    public static func label(of key: Key) -> String {
        switch key {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "^" + c.uppercased()
        case .alt(let c): return "M-" + (c == " " ? "Space" : String(c))
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "BkSp"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .f(let n): return "F\(n)"
        case .resize: return "Resize"
        case .unknown(let code): return "#\(code)"
        case .mouse: return "Mouse"
        }
    }

    private static func ctrl(_ rest: String) -> Key? {
        let lower = rest.lowercased()
        if lower == "space" || lower == "@" { return .ctrl("@") }
        guard lower.count == 1, let c = lower.first else { return nil }
        switch c {
        case "i": return .tab
        case "m", "j": return .enter
        case "h": return .backspace
        case "[": return .escape
        case "a"..."z", "\\", "]", "^", "_", "@": return .ctrl(c)
        default: return nil
        }
    }

    private static let named: [String: Key] = [
        "space": .char(" "),
        "enter": .enter, "return": .enter, "ret": .enter, "cr": .enter,
        "esc": .escape, "escape": .escape,
        "backspace": .backspace, "bs": .backspace, "bksp": .backspace,
        "delete": .delete, "del": .delete,
        "insert": .insert, "ins": .insert,
        "tab": .tab, "backtab": .backTab, "btab": .backTab,
        "up": .up, "down": .down, "left": .left, "right": .right,
        "home": .home, "end": .end,
        "pgup": .pageUp, "pageup": .pageUp, "prior": .pageUp,
        "pgdn": .pageDown, "pagedown": .pageDown, "pgdown": .pageDown, "next": .pageDown,
        "resize": .resize,
        // Names for characters that are awkward in config syntax.
        "minus": .char("-"), "plus": .char("+"), "comma": .char(","), "hash": .char("#"),
        "colon": .char(":"), "lt": .char("<"), "gt": .char(">"),
    ]
}

extension Character {
    /// Printable as a key: not a control, and one cluster of positive width.
    var isPrintableKey: Bool {
        !unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }
}
