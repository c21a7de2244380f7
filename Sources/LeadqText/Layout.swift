/// Horizontal alignment inside a fixed number of columns.
public enum Alignment: Sendable {
    case left, right, center
}

/// Width-aware cutting and padding. All widths are terminal columns (`Width.of`), so a CJK
/// character counts 2 and a combining mark 0; a cluster is never split.
public enum Layout {
    /// `s` if it fits in `width` columns; otherwise its longest prefix that fits in
    /// `width - Width.of(ellipsis)` columns, then the ellipsis. When a wide cluster would have
    /// straddled the cut, spaces after the ellipsis make the result exactly `width` columns.
    /// An ellipsis wider than `width` is left out (plain cut). `width <= 0` gives "".
    public static func truncate(_ s: String, width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if Width.of(s) <= width { return s }
        var mark = ellipsis
        var markWidth = Width.of(ellipsis)
        if markWidth > width {
            mark = ""
            markWidth = 0
        }
        let room = width - markWidth
        var out = ""
        var used = 0
        for c in s {
            let w = Width.of(c)
            if used + w > room { break }
            out.append(c)
            used += w
        }
        out += mark
        if used < room { out += String(repeating: " ", count: room - used) }
        return out
    }

    /// `s` padded with spaces to `width` columns (never cut; a wider `s` comes back as is).
    /// Centre puts the odd column on the right.
    public static func pad(_ s: String, width: Int, align: Alignment = .left) -> String {
        let gap = width - Width.of(s)
        guard gap > 0 else { return s }
        switch align {
        case .left: return s + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + s
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + s + String(repeating: " ", count: gap - left)
        }
    }

    /// Exactly `width` columns: truncate, then pad.
    public static func fit(_ s: String, width: Int, align: Alignment = .left, ellipsis: String = "…") -> String {
        pad(truncate(s, width: width, ellipsis: ellipsis), width: max(0, width), align: align)
    }

    /// Greedy word wrap of one line into lines of at most `width` columns. Words are split at
    /// spaces (runs of spaces collapse to one); a word wider than `width` is broken between
    /// clusters (a single cluster wider than `width` gets a line of its own). Returns [""] for
    /// empty input, [] for `width <= 0`.
    public static func wrap(_ s: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in s.split(separator: " ", omittingEmptySubsequences: true) {
            let w = Width.of(word)
            if lineWidth > 0 && lineWidth + 1 + w <= width {
                line += " " + word
                lineWidth += 1 + w
                continue
            }
            if lineWidth > 0 {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            if w <= width {
                line = String(word)
                lineWidth = w
                continue
            }
            for c in word {  // hard-break a word that can never fit
                let cw = Width.of(c)
                if lineWidth + cw > width && lineWidth > 0 {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                line.append(c)
                lineWidth += cw
            }
        }
        if lineWidth > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }
}
