import LeadqText
import LeadqUI

/// A one-line input field: the text, scrolled so the cursor shows, with the cursor drawn as a cell.
enum InputView {
    static func draw(_ e: LineEditor, into b: inout CellBuffer, x: Int, y: Int, width: Int, role: Role) {
        guard width > 1 else { return }
        let chars = e.chars.map { Inert.line(String($0)) }
        var start = 0
        func widthOf(_ from: Int, _ to: Int) -> Int { chars[from..<to].reduce(0) { $0 + Width.of($1) } }
        while start < e.cursor && widthOf(start, e.cursor) > width - 1 { start += 1 }
        b.fill(Rect(x: x, y: y, width: width, height: 1), role: role)
        var col = x
        for i in start..<chars.count {
            let w = Width.of(chars[i])
            if col + w > x + width { break }
            b.put(chars[i], x: col, y: y, role: i == e.cursor ? .inputCursor : role)
            col += w
        }
        if e.cursor == chars.count && col < x + width { b.put(" ", x: col, y: y, role: .inputCursor) }
    }
}

/// A note being typed: its lines wrapped to the width, scrolled so the cursor's line shows.
enum NoteView {
    static func draw(_ e: LineEditor, into b: inout CellBuffer, _ r: Rect, role: Role) {
        guard !r.isEmpty else { return }
        b.fill(r, role: role)
        let chars = e.chars.map { $0 == "\n" ? "\n" : Inert.line(String($0)) }
        let rows = wrap(chars, width: max(2, r.width - 1))
        let cursorRow = rows.lastIndex { $0.lowerBound <= e.cursor } ?? 0
        let top = max(0, cursorRow - r.height + 1)
        for (k, row) in rows.enumerated().dropFirst(top).prefix(r.height) {
            let y = r.y + k - top
            var x = r.x
            for j in row {
                b.put(chars[j], x: x, y: y, role: j == e.cursor ? .inputCursor : role)
                x += Width.of(chars[j])
            }
            if k == cursorRow && e.cursor == row.upperBound { b.put(" ", x: x, y: y, role: .inputCursor) }
        }
    }

    /// The rows the text takes: hard line breaks, and long lines broken at the width.
    static func wrap(_ chars: [String], width: Int) -> [Range<Int>] {
        var rows: [Range<Int>] = []
        var start = 0
        var col = 0
        for (i, c) in chars.enumerated() {
            if c == "\n" {
                rows.append(start..<i)
                start = i + 1
                col = 0
                continue
            }
            let w = Width.of(c)
            if col + w > width && i > start {
                rows.append(start..<i)
                start = i
                col = 0
            }
            col += w
        }
        rows.append(start..<chars.count)
        return rows
    }
}
