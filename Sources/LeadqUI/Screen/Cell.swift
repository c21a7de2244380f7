/// One terminal cell: a single grapheme cluster (already inert) and the role it is drawn in.
/// A cluster `n` columns wide fills its first cell; the `n - 1` cells after it hold "" and mark
/// themselves as its continuation.
public struct Cell: Equatable, Hashable, Sendable {
    public var text: String
    public var role: Role

    public init(text: String, role: Role) {
        self.text = text
        self.role = role
    }

    public static let blank = Cell(text: " ", role: .normal)

    /// The second (or later) column of a wide cluster.
    public var isContinuation: Bool { text.isEmpty }
}

/// Consecutive cells of one row that changed since the previous frame. A run never starts or
/// ends inside a wide cluster, so a backend can write its text in one call.
public struct CellRun: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var cells: [Cell]

    public init(x: Int, y: Int, cells: [Cell]) {
        self.x = x
        self.y = y
        self.cells = cells
    }

    /// Columns covered.
    public var width: Int { cells.count }

    /// The run's text, continuation cells contributing nothing.
    public var text: String { cells.reduce(into: "") { $0 += $1.text } }

    /// A stretch of cells in one role, for a backend that sets attributes once per stretch.
    public struct Segment: Equatable, Sendable {
        public var x: Int
        public var role: Role
        /// The cells' clusters in order (continuations left out); `width` columns in all.
        public var clusters: [String]
        public var width: Int
        public var text: String { clusters.joined() }
    }

    /// The run split where the role changes. A wide cluster belongs to its first cell's role.
    public var segments: [Segment] {
        var out: [Segment] = []
        for (i, cell) in cells.enumerated() {
            if cell.isContinuation, !out.isEmpty {
                out[out.count - 1].width += 1
                continue
            }
            if let last = out.last, last.role == cell.role {
                out[out.count - 1].clusters.append(cell.text)
                out[out.count - 1].width += 1
            } else {
                out.append(Segment(x: x + i, role: cell.role, clusters: [cell.text], width: 1))
            }
        }
        return out
    }
}
