/// A key press as the app sees it, independent of the terminal that produced it.
public enum Key: Hashable, Sendable {
    /// A printable character, case as typed ("j", "J", "?", "é", " ").
    case char(Character)
    /// Control plus a key, stored lower-case: Ctrl-D is `.ctrl("d")`. Ctrl-I/J/M/H/[ arrive as
    /// tab/enter/enter/backspace/escape, since terminals send the same bytes for both.
    case ctrl(Character)
    /// Alt (Meta) plus a character: the terminal sent ESC immediately followed by it.
    case alt(Character)
    case enter, escape, backspace, delete, insert, tab, backTab
    case up, down, left, right, home, end, pageUp, pageDown
    /// Function key F1…F63.
    case f(Int)
    /// The terminal changed size (or came back from Ctrl-Z): re-read the size and draw anew.
    case resize
    /// A key code the backend could not name; `code` is the backend's own number.
    case unknown(code: Int)
}
