/// The rows a filter showed, by query, while the sorted list and the scope stay as they are.
/// Typing on narrows the last result (whatever contains "mar" contains "ma") instead of searching
/// every lead again, and Backspace finds an earlier one: at 60,000 leads a search of them all
/// takes about 10 ms, a keystroke's whole budget.
struct FilterMemo: Equatable, Sendable {
    struct Shown: Equatable, Sendable {
        /// The folded query (empty: no filter).
        var query: [UInt8]
        /// Indices into the sorted list.
        var rows: [Int32]
    }

    private(set) var scope: QueueScope?
    private var shown: [Shown] = []
    /// How many leads the scope holds, from the last search of them all (nil: none since the list
    /// or the scope changed).
    var inScope: Int?

    /// Forgets every result: the sorted list or the scope changed.
    mutating func clear(for scope: QueueScope?) {
        self.scope = scope
        shown = []
        inScope = nil
    }

    func exact(_ query: [UInt8]) -> [Int32]? {
        shown.last { $0.query == query }?.rows
    }

    /// The smallest earlier result a query can narrow: one whose query it contains.
    func narrowable(by query: [UInt8]) -> [Int32]? {
        shown.filter { $0.query.isEmpty || QueueModel.contains(query, $0.query) }
            .min { $0.rows.count < $1.rows.count }?.rows
    }

    /// A cache, not part of what the console shows: two states showing the same are equal.
    static func == (a: FilterMemo, b: FilterMemo) -> Bool { true }

    mutating func remember(_ query: [UInt8], _ rows: [Int32]) {
        shown.removeAll { $0.query == query }
        shown.append(Shown(query: query, rows: rows))
        if shown.count > 16 { shown.removeFirst() }
    }
}
