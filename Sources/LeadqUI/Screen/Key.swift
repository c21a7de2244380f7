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
    /// The mouse: a click, a double click or the wheel, at a cell.
    case mouse(Mouse)
}

/// What the mouse did, and at which cell (0-based column and row).
public struct Mouse: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case click, doubleClick, wheelUp, wheelDown }
    public var kind: Kind
    public var x: Int
    public var y: Int
    public init(_ kind: Kind, x: Int, y: Int) { (self.kind, self.x, self.y) = (kind, x, y) }
}
