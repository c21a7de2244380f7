/// ASCII stand-ins for the interface's own symbols, for terminals whose locale isn't UTF-8
/// (`LANG=C`), where they would otherwise show as `?`. One column each, so layouts don't move.
public enum ASCIIGlyphs {
    static let table: [Character: Character] = [
        "▶": ">", "◀": "<", "—": "-", "–": "-", "…": "~", "·": ".", "│": "|", "─": "-", "×": "x", "↓": "v", "↑": "^",
        "→": ">", "←": "<", "★": "*", "⏎": "|", "✓": "+", "•": "*", "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+",
        "┤": "+", "█": "#", "▏": "|", "░": ".", "’": "'", "“": "\"", "”": "\"",
    ]

    /// The stand-in for `c`, or nil when it isn't one of the interface's symbols.
    public static func substitute(_ c: Character) -> Character? { table[c] }
}
