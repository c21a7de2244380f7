/// An in-memory terminal for tests: keeps the last frame, records what a real backend would
/// have flushed, and feeds keys from a queue. Snapshots are the cell grid as text, never escape
/// bytes, so they do not depend on terminfo or colours.
@MainActor
public final class MemoryScreen: Screen, KeySource {
    public private(set) var size: Size
    /// What the screen shows now (the last frame drawn, fitted to `size`).
    public private(set) var frame: CellBuffer
    /// The runs the last `draw` would have written to a terminal.
    public private(set) var lastRuns: [CellRun] = []
    public private(set) var drawCount = 0
    public private(set) var bellCount = 0
    public private(set) var theme: Theme?
    public private(set) var isSuspended = false
    /// Keys `readKey` will return, first first.
    public var pendingKeys: [Key]
    private var needsFullRedraw = true

    public init(width: Int, height: Int, keys: [Key] = []) {
        size = Size(width: width, height: height)
        frame = CellBuffer(width: width, height: height)
        pendingKeys = keys
    }

    public func draw(_ newFrame: CellBuffer) {
        let fitted = newFrame.size == size ? newFrame : newFrame.resized(to: size)
        lastRuns = fitted.diff(from: needsFullRedraw ? nil : frame)
        frame = fitted
        needsFullRedraw = false
        drawCount += 1
    }

    public func bell() { bellCount += 1 }

    public func apply(_ theme: Theme) {
        self.theme = theme
        needsFullRedraw = true
    }

    public func suspend() { isSuspended = true }

    public func resume() {
        isSuspended = false
        needsFullRedraw = true
    }

    /// Pops the next queued key; nil (a timeout) when the queue is empty.
    public func readKey(timeoutMs: Int?) -> Key? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    /// Queues keys for `readKey`.
    public func push(_ keys: Key...) { pendingKeys.append(contentsOf: keys) }

    /// Simulates the terminal being resized: the size changes, `.resize` is queued and the
    /// next draw is a full one, as with the curses backend.
    public func resize(to newSize: Size) {
        size = newSize
        frame = frame.resized(to: newSize)
        pendingKeys.append(.resize)
        needsFullRedraw = true
    }

    /// The screen as text: `size.height` rows joined by "\n", wide clusters once (so a row of
    /// CJK has fewer characters than columns). Trailing spaces on each row are removed unless
    /// `trimTrailing` is false, in which case every row spans the full width.
    public func snapshot(trimTrailing: Bool = true) -> String {
        (0..<frame.height).map { y in
            var row = frame.rowText(y)
            if trimTrailing { while row.hasSuffix(" ") { row.removeLast() } }
            return row
        }.joined(separator: "\n")
    }

    /// One mark per column showing each cell's role: `marks[role]`, or `other` for roles not
    /// listed. Columns line up with the screen (a wide cluster's columns share its mark).
    /// E.g. `roleSnapshot([.selected: "S", .header: "H"])`.
    public func roleSnapshot(_ marks: [Role: Character], other: Character = ".") -> String {
        (0..<frame.height).map { y in
            String(frame.rowRoles(y).map { marks[$0] ?? other })
        }.joined(separator: "\n")
    }

    /// The roles used on row `y`.
    public func roles(row y: Int) -> Set<Role> { Set(frame.rowRoles(y)) }

    /// Text of row `y` with trailing spaces removed.
    public func row(_ y: Int) -> String {
        var row = frame.rowText(y)
        while row.hasSuffix(" ") { row.removeLast() }
        return row
    }
}
