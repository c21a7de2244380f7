import LeadqText

/// Line-drawing characters for `CellBuffer.box`.
public enum BoxStyle: Sendable, Equatable {
    /// ┌─┐│└┘
    case unicode
    /// ╭─╮│╰╯
    case rounded
    /// +-+|++ for terminals or fonts without line drawing (e.g. TERM=vt100 without UTF-8).
    case ascii

    var chars: (tl: String, tr: String, bl: String, br: String, h: String, v: String) {
        switch self {
        case .unicode: return ("┌", "┐", "└", "┘", "─", "│")
        case .rounded: return ("╭", "╮", "╰", "╯", "─", "│")
        case .ascii: return ("+", "+", "+", "+", "-", "|")
        }
    }
}

/// A width×height grid of cells that views draw into each frame (immediate mode); a `Screen`
/// then flushes only what differs from the frame before (`diff(from:)`).
///
/// Invariants `put`/`fill` keep: a cell never holds a control, bidi or unprintable scalar
/// (they become "�"); a cluster n columns wide is followed by n-1 continuation cells; no cluster
/// straddles the right edge; overwriting any part of a wide cluster blanks the rest of it.
public struct CellBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Which characters `box` uses. The app picks it once (e.g. `.ascii` for a vt100).
    public var boxStyle: BoxStyle

    public init(width: Int, height: Int, role: Role = .normal, boxStyle: BoxStyle = .unicode) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.boxStyle = boxStyle
        cells = Array(repeating: Cell(text: " ", role: role), count: self.width * self.height)
    }

    public init(size: Size, role: Role = .normal, boxStyle: BoxStyle = .unicode) {
        self.init(width: size.width, height: size.height, role: role, boxStyle: boxStyle)
    }

    public var size: Size { Size(width: width, height: height) }
    public var bounds: Rect { Rect(size: size) }

    /// The cell at column `x`, row `y` (both must be inside the buffer).
    public subscript(x: Int, y: Int) -> Cell {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "cell \(x),\(y) outside \(size)")
        return cells[y * width + x]
    }

    // MARK: - Drawing

    /// Writes `s` from column `x` of row `y`, in at most `maxWidth` columns (and never past the
    /// right edge), and returns the column after the last one written. Callers pass text that is
    /// already inert (`Inert.line`); as a last guard any unsafe cluster is stored as "�".
    /// Zero-width clusters (a lone combining mark) are skipped. A wide cluster that would cross
    /// the limit is replaced by spaces up to the limit. Columns left of 0 are clipped.
    @discardableResult
    public mutating func put(_ s: String, x: Int, y: Int, role: Role, maxWidth: Int? = nil) -> Int {
        guard y >= 0 && y < height else { return x }
        var limit = width
        if let maxWidth { limit = min(limit, x + max(0, maxWidth)) }
        var col = x
        for cluster in s {
            if col >= limit { break }
            let safe: String = Width.isUnsafe(cluster) ? "\u{FFFD}" : String(cluster)
            let w = Width.of(cluster)
            if w == 0 { continue }
            if col + w > limit {
                blank(y: y, from: col, to: limit, role: role)
                col = limit
                break
            }
            if col < 0 {
                if col + w > 0 { blank(y: y, from: 0, to: col + w, role: role) }
                col += w
                continue
            }
            place(safe, width: w, x: col, y: y, role: role)
            col += w
        }
        return max(col, x)
    }

    /// Fills `rect` (clipped) with `fill` in `role`. A fill character that is not exactly one
    /// column wide, or is unsafe, is replaced by a space.
    public mutating func fill(_ rect: Rect, role: Role, with fill: Character = " ") {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        let text = (Width.isUnsafe(fill) || Width.of(fill) != 1) ? " " : String(fill)
        for y in r.y..<r.maxY {
            detach(y: y, from: r.x, to: r.maxX)
            for x in r.x..<r.maxX { cells[y * width + x] = Cell(text: text, role: role) }
        }
    }

    /// Changes the role of the cells in `rect`, keeping their text (e.g. to highlight a row that
    /// was already drawn).
    public mutating func restyle(_ rect: Rect, role: Role) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[y * width + x].role = role }
        }
    }

    /// Draws a frame along the edge of `rect` in `boxStyle` characters, with an optional title on
    /// the top edge ("┌─ title ──┐", truncated to fit). The inside is left alone. Needs at least 2×2.
    public mutating func box(_ rect: Rect, role: Role, title: String? = nil, titleRole: Role? = nil) {
        guard rect.width >= 2 && rect.height >= 2 else { return }
        let c = boxStyle.chars
        let inner = rect.width - 2
        let horizontal = String(repeating: c.h, count: inner)
        put(c.tl + horizontal + c.tr, x: rect.x, y: rect.y, role: role)
        put(c.bl + horizontal + c.br, x: rect.x, y: rect.maxY - 1, role: role)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            put(c.v, x: rect.x, y: y, role: role)
            put(c.v, x: rect.maxX - 1, y: y, role: role)
        }
        if let title, !title.isEmpty, inner >= 4 {
            // "┌─ title ─┐": one rule character on each side of the padded title.
            let shown = Layout.truncate(title, width: inner - 4)
            put(" " + shown + " ", x: rect.x + 2, y: rect.y, role: titleRole ?? role, maxWidth: inner - 2)
        }
    }

    // MARK: - Reading

    /// Row `y` as text: continuation cells contribute nothing, so wide clusters appear once.
    public func rowText(_ y: Int) -> String {
        var out = ""
        for x in 0..<width { out += cells[y * width + x].text }
        return out
    }

    /// The roles of row `y`, one per column.
    public func rowRoles(_ y: Int) -> [Role] {
        (0..<width).map { cells[y * width + $0].role }
    }

    /// A copy cut or extended to `size`: the overlapping cells are kept, new cells are blank,
    /// and a wide cluster cut by the new right edge becomes spaces.
    public func resized(to size: Size) -> CellBuffer {
        var out = CellBuffer(size: size, boxStyle: boxStyle)
        let w = min(width, out.width)
        for y in 0..<min(height, out.height) {
            for x in 0..<w { out.cells[y * out.width + x] = cells[y * width + x] }
            if w < width && w > 0 && cells[y * width + w].isContinuation {
                var x = w - 1
                while x > 0 && out.cells[y * out.width + x].isContinuation { x -= 1 }
                for i in x..<w { out.cells[y * out.width + i].text = " " }
            }
        }
        return out
    }

    // MARK: - Diff

    /// Runs of cells that differ from `previous`, row by row, left to right. With no previous
    /// frame, or one of another size, every row is one full-width run. Runs are widened so none
    /// starts on a continuation cell or cuts a wide cluster.
    public func diff(from previous: CellBuffer?) -> [CellRun] {
        guard let previous, previous.width == width, previous.height == height else {
            return (0..<height).compactMap { y in
                width > 0 ? CellRun(x: 0, y: y, cells: Array(cells[(y * width)..<((y + 1) * width)])) : nil
            }
        }
        var runs: [CellRun] = []
        for y in 0..<height {
            let base = y * width
            var x = 0
            while x < width {
                if cells[base + x] == previous.cells[base + x] {
                    x += 1
                    continue
                }
                var start = x
                var end = x + 1
                while end < width && cells[base + end] != previous.cells[base + end] { end += 1 }
                while start > 0 && cells[base + start].isContinuation { start -= 1 }
                while end < width && cells[base + end].isContinuation { end += 1 }
                if let last = runs.last, last.y == y, last.x + last.width >= start {
                    runs[runs.count - 1].cells = Array(cells[(base + last.x)..<(base + end)])
                } else {
                    runs.append(CellRun(x: start, y: y, cells: Array(cells[(base + start)..<(base + end)])))
                }
                x = end
            }
        }
        return runs
    }

    // MARK: - Private

    /// Stores a cluster and its continuation cells, first blanking any wide cluster it cuts.
    private mutating func place(_ text: String, width w: Int, x: Int, y: Int, role: Role) {
        detach(y: y, from: x, to: x + w)
        let base = y * width
        cells[base + x] = Cell(text: text, role: role)
        for i in 1..<max(1, w) { cells[base + x + i] = Cell(text: "", role: role) }
    }

    /// Sets columns `from..<to` of row `y` to spaces in `role`, keeping wide clusters whole.
    private mutating func blank(y: Int, from: Int, to: Int, role: Role) {
        let lo = max(0, from)
        let hi = min(width, to)
        guard lo < hi else { return }
        detach(y: y, from: lo, to: hi)
        for x in lo..<hi { cells[y * width + x] = Cell(text: " ", role: role) }
    }

    /// Before columns `from..<to` are overwritten: blanks the parts outside that range of any
    /// wide cluster that crosses either end, so no orphaned half remains.
    private mutating func detach(y: Int, from: Int, to: Int) {
        let base = y * width
        if from < width && from > 0 && cells[base + from].isContinuation {
            var head = from - 1
            while head > 0 && cells[base + head].isContinuation { head -= 1 }
            for x in head..<from { cells[base + x].text = " " }
        }
        var x = to
        while x < width && x > 0 && cells[base + x].isContinuation {
            cells[base + x].text = " "
            x += 1
        }
    }
}
