import LeadqDomain

/// A team's leads as the console lists them: a column per field of their briefs (the store's, or
/// made here from a lead handed over whole), and where each lead is read the first time a row
/// shows it. A changed lead gets a new row; its old one is dead.
public struct LeadTable: Sendable {
    public private(set) var columns = BriefColumns()
    /// The leads of the rows made from whole leads (a rep's queue; leads changed since the
    /// store's briefs were made).
    private(set) var whole: [Int32: Lead] = [:]
    /// Reads the other rows' leads from the store's lines.
    let reader: LeadReader?
    private(set) var live: [Bool] = []
    public private(set) var liveCount = 0
    /// Rows below this hold ids in `LeadID` order (as a snapshot lists them) and are found by
    /// halving: a million-entry dictionary of ids would cost more than the briefs' own ids.
    private var ordered = 0
    /// The rows after `ordered`, by id.
    private var later: [String: Int32] = [:]
    /// Hot leads that arrived while the console was open and haven't been looked at.
    private var fresh: Set<Int32> = []

    public init() { reader = nil }

    /// A manager's list: the store's briefs, read from `lines`, and the leads it handed over whole.
    public init(briefs: BriefColumns, lines: (any LeadLines)?, whole: [Lead], settings: Settings) {
        columns = briefs
        reader = lines.map { LeadReader($0, settings: settings) }
        live = Array(repeating: true, count: columns.count)
        liveCount = columns.count
        ordered = LeadTable.orderedPrefix(columns)
        for i in ordered..<columns.count { later[columns.ids[i]] = Int32(i) }
        for lead in whole { add(lead, settings: settings) }
    }

    /// A rep's queue, or any list of whole leads.
    public init(leads: [Lead], settings: Settings) {
        reader = nil
        columns.reserveCapacity(leads.count)
        for lead in leads { add(lead, settings: settings) }
    }

    private static func orderedPrefix(_ c: BriefColumns) -> Int {
        var i = 1
        while i < c.count && LeadTable.precedes(c, i - 1, i) { i += 1 }
        return min(i, c.count)
    }

    private static func precedes(_ c: BriefColumns, _ a: Int, _ b: Int) -> Bool {
        let (ka, kb) = (c.idKeys[a], c.idKeys[b])
        return ka != 0 && kb != 0 ? ka < kb : LeadID.precedes(c.ids[a], c.ids[b])
    }

    /// Every row ever made, live or dead.
    var rowCount: Int { columns.count }

    func isLive(_ row: Int32) -> Bool { live[Int(row)] }

    /// The live row of a lead.
    public func row(of id: String) -> Int32? {
        if let r = later[id] { return live[Int(r)] ? r : nil }
        var (lo, hi) = (0, ordered)
        let key = BriefColumns.idKey(id)
        while lo < hi {
            let mid = (lo + hi) / 2
            let k = columns.idKeys[mid]
            let before = k != 0 && key != 0 ? k < key : LeadID.precedes(columns.ids[mid], id)
            if before { lo = mid + 1 } else { hi = mid }
        }
        guard lo < ordered, columns.ids[lo] == id, live[lo] else { return nil }
        return Int32(lo)
    }

    /// A row for a lead handed over whole (its old row, if any, dies); returns it.
    @discardableResult
    mutating func add(_ lead: Lead, settings: Settings, isNew: Bool = false) -> Int32 {
        if let old = row(of: lead.id) { kill(old) }
        let row = Int32(columns.count)
        columns.append(LeadBrief(lead, settings: settings))
        whole[row] = lead
        live.append(true)
        liveCount += 1
        later[lead.id] = row
        if isNew { fresh.insert(row) }
        return row
    }

    mutating func kill(_ row: Int32) {
        guard live[Int(row)] else { return }
        live[Int(row)] = false
        liveCount -= 1
        whole[row] = nil
        fresh.remove(row)
        if later[columns.ids[Int(row)]] == row { later[columns.ids[Int(row)]] = nil }
    }

    func isNew(_ row: Int32) -> Bool { fresh.contains(row) }

    mutating func markSeen(_ row: Int32) { fresh.remove(row) }

    /// The entry of a row, its lead read when asked for.
    func entry(_ row: Int32) -> QueueEntry {
        let i = Int(row)
        let source: QueueEntry.Source
        if let lead = whole[row] {
            source = .whole(lead)
        } else if let reader, let line = columns.line(i) {
            source = .line(reader, row, offset: line.offset, length: line.length)
        } else {
            preconditionFailure("a listed lead with neither lead nor line")
        }
        return QueueEntry(
            id: columns.ids[i], owner: columns.owner(i), clocks: columns.clocks(i), isNew: isNew(row), source: source)
    }

    /// The live rows, in row order.
    var liveRows: [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(liveCount)
        for i in live.indices where live[i] { out.append(Int32(i)) }
        return out
    }
}

/// Reads the leads of a manager's list from the store's lines, each once, on the thread that owns
/// the console's state (the loading thread hands the table over before any is read).
final class LeadReader: @unchecked Sendable {
    let lines: any LeadLines
    private let settings: Settings
    private var read: [Int32: Lead] = [:]

    init(_ lines: any LeadLines, settings: Settings) { (self.lines, self.settings) = (lines, settings) }

    func lead(_ row: Int32, id: String, offset: Int, length: Int) -> Lead {
        if let lead = read[row] { return lead }
        let lead: Lead
        do {
            lead = try lines.lead(at: offset, length: length).listed(for: settings)
        } catch {
            // Kept: a damaged line won't mend while the console runs, and naming its line number
            // reads the file up to it.
            var p = Profile()
            p.name = "(could not be read: \(error))"
            lead = Lead(id: id, profile: p, history: [])
        }
        read[row] = lead
        return lead
    }

    func isRead(_ row: Int32) -> Bool { read[row] != nil }
}

/// A list as read from the store, handed to the reducer.
public enum LoadedQueue: Sendable {
    /// Whole leads, their briefs made with the console's settings when the list takes them.
    case leads([Lead])
    /// A table made on the loading thread, its live rows already sorted in `order`.
    case table(LeadTable, order: QueueOrder, sorted: [Int32])
}

extension QueueModel {
    public mutating func replaceAll(_ loaded: LoadedQueue, settings: Settings, now: Instant) {
        switch loaded {
        case .leads(let leads): replaceAll(leads, settings: settings, now: now)
        case .table(let t, let order, let sorted): replaceAll(t, ranked: (order, sorted))
        }
    }
}
