import LeadqText

/// A plain-text table for terminals and pipes. Every cell is made inert (no control characters or
/// escape sequences reach the terminal) and aligned by display width, so CJK and emoji line up.
public struct Table {
    public struct Column {
        var title: String
        var align: Alignment = .left
        /// Narrowest the column may shrink to when the terminal is too narrow.
        var minWidth: Int = 4
        var maxWidth: Int = 40

        public init(title: String, align: Alignment = .left, minWidth: Int = 4, maxWidth: Int = 40) {
            (self.title, self.align, self.minWidth, self.maxWidth) = (title, align, minWidth, maxWidth)
        }
    }

    public var columns: [Column]
    public var rows: [[String]] = []

    public init(_ columns: [Column]) { self.columns = columns }

    public mutating func add(_ cells: [String]) { rows.append(cells.map { Inert.line($0) }) }

    public func render(width: Int?) -> [String] {
        var widths = columns.enumerated().map { i, c in
            min(c.maxWidth, max(Width.of(c.title), rows.map { Width.of($0[i]) }.max() ?? 0))
        }
        if let total = width {
            var over = widths.reduce(0, +) + 2 * (widths.count - 1) - total
            // Shrink the widest shrinkable columns first, one column at a time.
            while over > 0 {
                guard
                    let i = widths.indices.filter({ widths[$0] > columns[$0].minWidth }).max(by: {
                        widths[$0] - columns[$0].minWidth < widths[$1] - columns[$1].minWidth
                    })
                else { break }
                widths[i] -= 1
                over -= 1
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, c) in cells.enumerated() {
                let last = i == cells.count - 1
                let text =
                    last && columns[i].align == .left
                    ? Layout.truncate(c, width: widths[i]) : Layout.fit(c, width: widths[i], align: columns[i].align)
                parts.append(text)
            }
            var s = parts.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        return [line(columns.map(\.title))] + rows.map(line)
    }
}
