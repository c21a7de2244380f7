import LeadqDomain

/// The ids a list shows, in order, read from the table's id column.
public struct VisibleIDs: RandomAccessCollection, Equatable, Sendable {
    private let rows: [Int32]?
    private let ids: [String]

    init(rows: [Int32], ids: [String]) { (self.rows, self.ids) = (rows, ids) }
    init(ids: [String]) { (self.rows, self.ids) = (nil, ids) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rows?.count ?? ids.count }
    public subscript(i: Int) -> String { rows.map { ids[Int($0[i])] } ?? ids[i] }

    public static func == (a: VisibleIDs, b: VisibleIDs) -> Bool { a.elementsEqual(b) }
    public static func == (a: VisibleIDs, b: [String]) -> Bool { a.elementsEqual(b) }
    public static func == (a: [String], b: VisibleIDs) -> Bool { a.elementsEqual(b) }
    public static func != (a: VisibleIDs, b: [String]) -> Bool { !a.elementsEqual(b) }
}

extension QueueModel {
    /// The queue's live entries, each made when asked for.
    public struct Entries: Sendable {
        let table: LeadTable

        public subscript(id: String) -> QueueEntry? { table.row(of: id).map(table.entry) }

        public var values: LazyMapCollection<[Int32], QueueEntry> { table.liveRows.lazy.map(table.entry) }

        public var count: Int { table.liveCount }
    }
}

/// An order being sorted off the main thread: which, the sort's number, and how many rows the table
/// had when it was asked for (rows made since are put in place when it ends).
public struct PendingSort: Equatable, Sendable {
    public var order: QueueOrder
    var number: Int
    var rowsThen: Int
    /// How many leads are being sorted, for the line that says so.
    public var leads: Int
}

/// A long list's rows to be sorted in `order` off the main thread: the table's columns as they
/// were when asked for (rows are only ever added, so each row's keys stay as they were).
public struct SortRequest: Equatable, Sendable {
    public let columns: BriefColumns
    public let rows: [Int32]
    public let order: QueueOrder
    public let number: Int

    public static func == (a: SortRequest, b: SortRequest) -> Bool {
        a.number == b.number && a.order == b.order && a.rows == b.rows
    }
}

/// A sort's result: the rows it was given, in its order.
public struct SortedRows: Sendable {
    public var rows: [Int32]
    public var order: QueueOrder
    public var number: Int

    public init(rows: [Int32], order: QueueOrder, number: Int) {
        (self.rows, self.order, self.number) = (rows, order, number)
    }
}
