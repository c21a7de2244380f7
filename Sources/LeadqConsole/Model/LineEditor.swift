import LeadqUI

/// A one-line text field with the usual line-editing keys (readline/emacs style), working on
/// grapheme clusters so accents, CJK and emoji move and delete as one character.
public struct LineEditor: Equatable, Sendable {
    public private(set) var chars: [Character]
    public private(set) var cursor: Int
    /// Longest text accepted, in characters (notes are "any length within reason").
    public var limit: Int

    public init(_ text: String = "", limit: Int = 2000) {
        chars = Array(text.prefix(limit))
        cursor = chars.count
        self.limit = limit
    }

    public var text: String { String(chars) }
    public var isEmpty: Bool { chars.isEmpty }

    /// Applies an editing key; returns false for keys the editor doesn't handle (Enter, Esc, Tab…).
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let c):
            guard chars.count < limit, !c.isNewline else { return true }
            chars.insert(c, at: cursor)
            cursor += 1
        case .backspace, .ctrl("h"):
            if cursor > 0 {
                chars.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete, .ctrl("d"):
            if cursor < chars.count { chars.remove(at: cursor) }
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(chars.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = chars.count
        case .ctrl("k"): chars.removeSubrange(cursor...)
        case .ctrl("u"):
            chars.removeSubrange(..<cursor)
            cursor = 0
        case .ctrl("w"), .alt("\u{7F}"):
            var i = cursor
            while i > 0 && chars[i - 1].isWhitespace { i -= 1 }
            while i > 0 && !chars[i - 1].isWhitespace { i -= 1 }
            chars.removeSubrange(i..<cursor)
            cursor = i
        case .alt("b"):
            while cursor > 0 && chars[cursor - 1].isWhitespace { cursor -= 1 }
            while cursor > 0 && !chars[cursor - 1].isWhitespace { cursor -= 1 }
        case .alt("f"):
            while cursor < chars.count && chars[cursor].isWhitespace { cursor += 1 }
            while cursor < chars.count && !chars[cursor].isWhitespace { cursor += 1 }
        default:
            return false
        }
        return true
    }
}
