import LeadqUI

/// A text field with the usual line-editing keys (readline/emacs style), working on grapheme
/// clusters so accents, CJK and emoji move and delete as one character. A multi-line one (a note)
/// takes Alt+Enter as a line break and moves between lines with the arrows.
public struct LineEditor: Equatable, Sendable {
    public private(set) var chars: [Character]
    public private(set) var cursor: Int
    /// Longest text accepted, in characters (notes are "any length within reason").
    public var limit: Int
    public let multiline: Bool
    /// Esc was pressed on typed text: the dialog asks before throwing it away.
    public var askingDiscard = false

    public init(_ text: String = "", limit: Int = 2000, multiline: Bool = false) {
        chars = Array(text.prefix(limit))
        cursor = chars.count
        self.limit = limit
        self.multiline = multiline
    }

    /// A note's field: several lines.
    public static func note(_ text: String = "", limit: Int = 4000) -> LineEditor {
        LineEditor(text, limit: limit, multiline: true)
    }

    public var text: String { String(chars) }
    public var isEmpty: Bool { chars.isEmpty }
    /// Nothing worth asking about before throwing it away.
    public var isBlank: Bool { chars.allSatisfy(\.isWhitespace) }

    /// Applies an editing key; returns false for keys the editor doesn't handle (Enter, Esc, Tab…).
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let c):
            guard chars.count < limit, !c.isNewline else { return true }
            insert(c)
        case .alt("\n") where multiline, .alt("\r") where multiline:
            if chars.count < limit { insert("\n") }
        case .up where multiline: moveLine(-1)
        case .down where multiline: moveLine(1)
        case .backspace, .ctrl("h"):
            if cursor > 0 {
                chars.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete, .ctrl("d"):
            if cursor < chars.count { chars.remove(at: cursor) }
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(chars.count, cursor + 1)
        case .home, .ctrl("a"): cursor = lineStart(cursor)
        case .end, .ctrl("e"): cursor = lineEnd(cursor)
        case .ctrl("k"): chars.removeSubrange(cursor..<lineEnd(cursor))
        case .ctrl("u"):
            let start = lineStart(cursor)
            chars.removeSubrange(start..<cursor)
            cursor = start
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

    private mutating func insert(_ c: Character) {
        chars.insert(c, at: cursor)
        cursor += 1
    }

    /// Where the line holding `i` starts (0 for a one-line field).
    func lineStart(_ i: Int) -> Int {
        var j = i
        while j > 0 && chars[j - 1] != "\n" { j -= 1 }
        return j
    }

    func lineEnd(_ i: Int) -> Int {
        var j = i
        while j < chars.count && chars[j] != "\n" { j += 1 }
        return j
    }

    /// Up or down a line, to the same column or the line's end.
    private mutating func moveLine(_ step: Int) {
        let start = lineStart(cursor)
        let column = cursor - start
        if step < 0 {
            guard start > 0 else { return }
            let prevStart = lineStart(start - 1)
            cursor = min(prevStart + column, start - 1)
        } else {
            let end = lineEnd(cursor)
            guard end < chars.count else { return }
            cursor = min(end + 1 + column, lineEnd(end + 1))
        }
    }
}
