import LeadqDomain
import LeadqText

/// One lead of the rep's queue with what sorting, filtering and the header's counts need,
/// computed when it changes. The row's whole status is worked out when it is drawn.
public struct QueueEntry: Equatable, Sendable {
    /// Held by reference: a lead is most of a kilobyte as a value, and a manager's dictionary of
    /// 60,000 entries (with room to grow) and its sorts copied them whole.
    public let listed: ListedLead
    /// The lead (read from the store the first time, when the list holds its brief).
    public var lead: Lead { listed.lead }
    public let id: String
    public let owner: String?
    /// Its deadlines and due times: the sort's keys and the header's alarms at any moment.
    public var clocks: LeadClocks
    /// Name, company, email, source, id and phone digits, folded (`Fold`): what `/` searches.
    public var search: [UInt8]
    /// What the orders compare.
    public let key: Queue.SortKey
    /// A hot lead that arrived while the console was open and hasn't been looked at yet.
    public var isNew: Bool

    init(_ lead: Lead, settings: Settings, now: Instant, isNew: Bool = false) {
        self.init(ListedLead(lead), settings: settings, now: now, isNew: isNew)
    }

    init(_ listed: ListedLead, settings: Settings, now: Instant, isNew: Bool = false) {
        self.listed = listed
        let b = listed.brief ?? LeadBrief(listed.lead, settings: settings)
        id = b.id
        owner = b.owner
        clocks = b.clocks
        search = b.search
        key = b.sortKey
        self.isNew = isNew
    }
}

/// A lead as a queue holds it: one copy, shared by reference. A manager's list may hold the store's
/// brief of it instead and read the lead the first time something (a row on screen) asks for it.
public final class ListedLead: Equatable, @unchecked Sendable {
    /// Made by the store, or on the loading thread; nil: made from the lead when the entry is.
    public let brief: LeadBrief?
    private let line: LeadLine?
    private let settings: SharedSettings?
    /// Read once, on the thread that owns the console's state: the loading thread makes these
    /// and hands them over whole before any is read. Boxed: a lead held inline is most of a
    /// kilobyte, which 60,000 briefs would carry unread.
    private var read: Box?

    private final class Box {
        let lead: Lead
        init(_ lead: Lead) { self.lead = lead }
    }

    public init(_ lead: Lead, brief: LeadBrief?) {
        read = Box(lead)
        self.brief = brief
        line = nil
        settings = nil
    }

    public convenience init(_ lead: Lead) { self.init(lead, brief: nil) }

    public init(brief: LeadBrief, line: LeadLine, settings: SharedSettings) {
        read = nil
        self.brief = brief
        self.line = line
        self.settings = settings
    }

    public var lead: Lead {
        if let read { return read.lead }
        guard let line, let brief, let settings else { preconditionFailure("a listed lead with neither lead nor line") }
        do {
            let lead = try line.read().listed(for: settings.value)
            read = Box(lead)
            return lead
        } catch {
            // Kept: a damaged line won't mend while the console runs, and naming its line number
            // reads the file up to it.
            var p = Profile()
            p.name = "(could not be read: \(error))"
            let placeholder = Lead(id: brief.id, profile: p, history: [])
            read = Box(placeholder)
            return placeholder
        }
    }

    /// Whether the lead itself is here yet (a brief's is read when first asked for).
    public var isRead: Bool { read != nil }

    public static func == (a: ListedLead, b: ListedLead) -> Bool { a === b || a.lead == b.lead }
}

/// The settings a manager's list reads its leads with, once for all of them.
public final class SharedSettings: Sendable {
    let value: Settings
    public init(_ value: Settings) { self.value = value }
}

/// The rep's queue: every entry, the order, the filter, and the visible ids in that order.
/// Sorting happens when an entry or the order changes, filtering when the filter or entries change,
/// so moving the cursor never sorts.
public struct QueueModel: Equatable, Sendable {
    public private(set) var entries: [String: QueueEntry] = [:]
    public private(set) var order: QueueOrder = .scoreAge
    public private(set) var filter = ""
    /// Which leads the manager view shows; a rep's console holds only their queue anyway.
    public private(set) var scope: QueueScope = .queues
    private var sorted: [String] = []
    /// What filtering needs of each sorted entry, side by side with `sorted`, so a keystroke in
    /// the filter reads small values in order instead of copying entries out of a dictionary.
    private var sortedKeys: [FilterKey] = []
    public private(set) var visible: [String] = []
    /// How many leads the scope holds before the filter (what "12 of 165" counts).
    public private(set) var inScope = 0
    /// Leads an all-leads search found (the queue's own entries are shown while they last).
    public private(set) var found: [String: QueueEntry] = [:]
    /// Earlier filter results, valid until the sorted list or the scope changes.
    private var memo = FilterMemo()

    struct FilterKey: Equatable, Sendable {
        var search: [UInt8]
        var stage: Stage
        var owner: String?
        var clocks: LeadClocks
        init(_ e: QueueEntry) { (search, stage, owner, clocks) = (e.search, e.clocks.stage, e.owner, e.clocks) }
    }

    public init() {}

    public subscript(id: String) -> QueueEntry? { entries[id] ?? found[id] }
    public var count: Int { entries.count }

    public mutating func replaceAll(_ leads: [Lead], settings: Settings, now: Instant) {
        replaceAll(listed: leads.map(ListedLead.init), settings: settings, now: now)
    }

    public mutating func replaceAll(listed: [ListedLead], settings: Settings, now: Instant) {
        entries = [:]
        entries.reserveCapacity(listed.count)
        // The keys are gathered as the entries are made: reading 60,000 entries back out of the
        // dictionary copied each of them once more.
        var keys: [Queue.SortKey] = []
        var filterKeys: [FilterKey] = []
        keys.reserveCapacity(listed.count)
        filterKeys.reserveCapacity(listed.count)
        var repeated = false
        for l in listed {
            let e = QueueEntry(l, settings: settings, now: now)
            keys.append(e.key)
            filterKeys.append(FilterKey(e))
            if entries.updateValue(e, forKey: e.id) != nil { repeated = true }
        }
        if repeated { resort() } else { sort(keys, filterKeys) }
    }

    /// Puts a lead in (or back in) the queue; returns true when it wasn't there before.
    @discardableResult
    public mutating func upsert(_ lead: Lead, settings: Settings, now: Instant, markNew: Bool = false) -> Bool {
        let fresh = entries[lead.id] == nil
        var e = QueueEntry(lead, settings: settings, now: now, isNew: markNew)
        if !fresh && entries[lead.id]!.isNew { e.isNew = true }
        // One lead moves: take it out and put it back in its place, rather than sort them all
        // again (sorting 1,400 leads' entries took 20 ms after every save at 100k leads).
        if !fresh { unplace(lead.id) }
        entries[lead.id] = e
        put(e)
        refilter()
        return fresh
    }

    /// Applies many changes; returns the ids that entered the queue. A few (another process's
    /// saves) move a few rows into place; many (a reload) sort once: at 60,000 leads a sort takes
    /// a tenth of a second.
    public mutating func apply(
        upserts: [Lead], removals: [String], settings: Settings, now: Instant, markNew: (Lead) -> Bool
    ) -> [String] {
        let oneByOne = upserts.count + removals.count <= 64
        var entered: [String] = []
        for id in removals where entries[id] != nil {
            if oneByOne { unplace(id) }
            entries.removeValue(forKey: id)
        }
        for lead in upserts {
            let fresh = entries[lead.id] == nil
            var e = QueueEntry(lead, settings: settings, now: now, isNew: fresh && markNew(lead))
            if !fresh && entries[lead.id]!.isNew { e.isNew = true }
            if oneByOne && !fresh { unplace(lead.id) }
            entries[lead.id] = e
            if oneByOne { put(e) }
            if fresh { entered.append(lead.id) }
        }
        if oneByOne { refilter() } else { resort() }
        return entered
    }

    /// Takes an entry out of the sorted lists (it is still in `entries`, with the key it was placed by).
    private mutating func unplace(_ id: String) {
        guard let e = entries[id] else { return }
        memo.clear(for: nil)
        var i = place(of: e.key)
        if i >= sorted.count || sorted[i] != id { i = sorted.firstIndex(of: id) ?? -1 }
        guard i >= 0 else { return }
        sorted.remove(at: i)
        sortedKeys.remove(at: i)
    }

    /// Puts an entry into the sorted lists at its place.
    private mutating func put(_ e: QueueEntry) {
        memo.clear(for: nil)
        let at = place(of: e.key)
        sorted.insert(e.id, at: at)
        sortedKeys.insert(FilterKey(e), at: at)
    }

    public mutating func remove(_ id: String) {
        guard entries[id] != nil else { return }
        unplace(id)
        entries.removeValue(forKey: id)
        refilter()
    }

    public mutating func markSeen(_ id: String) {
        if entries[id]?.isNew == true { entries[id]!.isNew = false }
    }

    public mutating func setOrder(_ o: QueueOrder) {
        order = o
        resort()
    }

    public mutating func setScope(_ s: QueueScope) {
        scope = s
        refilter()
    }

    public mutating func setFilter(_ f: String) {
        filter = f
        refilter()
    }

    private mutating func resort() {
        var keys: [Queue.SortKey] = []
        var filterKeys: [FilterKey] = []
        keys.reserveCapacity(entries.count)
        filterKeys.reserveCapacity(entries.count)
        for e in entries.values {
            keys.append(e.key)
            filterKeys.append(FilterKey(e))
        }
        sort(keys, filterKeys)
    }

    /// Sorts keys, not entries: copying entries in each comparison cost more than comparing them
    /// (20 ms for 2,000 leads).
    private mutating func sort(_ keys: [Queue.SortKey], _ filterKeys: [FilterKey]) {
        memo.clear(for: nil)
        let o = order
        let ranked = keys.indices.sorted { Queue.inOrder(keys[$0], keys[$1], o) }
        sorted = ranked.map { keys[$0].id }
        sortedKeys = ranked.map { filterKeys[$0] }
        refilter()
    }

    /// Where a key goes in `sorted`: after every entry that comes before it (the order is total).
    private func place(of key: Queue.SortKey) -> Int {
        var lo = 0
        var hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Queue.inOrder(entries[sorted[mid]]!.key, key, order) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Each lead's owner and clocks, in order, without copying the leads: for the header's counts.
    public func forEachClocks(_ body: (_ owner: String?, _ clocks: LeadClocks) -> Void) {
        sortedKeys.withUnsafeBufferPointer { keys in
            for i in keys.indices { body(keys[i].owner, keys[i].clocks) }
        }
    }

    /// Shows what an all-leads search found, in its order, instead of the queue.
    public mutating func showFound(_ leads: [Lead], settings: Settings, now: Instant) {
        // Kept for queue leads too: one that leaves the queue is still a result.
        found = [:]
        for lead in leads { found[lead.id] = QueueEntry(lead, settings: settings, now: now) }
        scope = .found(leads.map(\.id))
        refilter()
    }

    /// A found lead changed (or is gone); the queue's own leads are updated by `upsert`/`remove`.
    public mutating func refreshFound(_ lead: Lead?, id: String, settings: Settings, now: Instant) {
        guard found[id] != nil else { return }
        found[id] = lead.map { QueueEntry($0, settings: settings, now: now) }
        refilter()
    }

    /// Back from a search to `scope`.
    public mutating func endFound(_ back: QueueScope) {
        found = [:]
        scope = back
        refilter()
    }

    private mutating func refilter() {
        if case .found(let ids) = scope {
            visible = ids.filter { entries[$0] != nil || found[$0] != nil }
            inScope = visible.count
            return
        }
        if memo.scope != scope { memo.clear(for: scope) }
        let needles = Fold.needles(filter)
        // A phone number's query has a second needle: only plain ones are remembered.
        let query: [UInt8]? = needles.count <= 1 ? (needles.first ?? []) : nil
        if let query, let rows = memo.exact(query) {
            visible = rows.map { sorted[Int($0)] }
            inScope = memo.inScope
            return
        }
        let rows: [Int32]
        if let query, let earlier = memo.narrowable(by: query) {
            rows = sortedKeys.withUnsafeBufferPointer { keys in
                earlier.filter { QueueModel.contains(keys[Int($0)].search, query) }
            }
        } else {
            rows = scan(needles)
        }
        if let query { memo.remember(query, rows) }
        visible = rows.map { sorted[Int($0)] }
        inScope = memo.inScope
    }

    /// Every sorted entry in the scope that holds a needle (any, with none); counts the scope.
    private mutating func scan(_ needles: [[UInt8]]) -> [Int32] {
        var out: [Int32] = []
        var total = 0
        sortedKeys.withUnsafeBufferPointer { keys in
            for i in keys.indices {
                guard scope.includes(stage: keys[i].stage, owner: keys[i].owner) else { continue }
                total += 1
                if !needles.isEmpty && !needles.contains(where: { QueueModel.contains(keys[i].search, $0) }) {
                    continue
                }
                out.append(Int32(i))
            }
        }
        memo.inScope = total
        return out
    }

    /// Byte substring search; UTF-8 never matches inside a character, so this is a text search.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                let first = n[0]
                let last = h.count - n.count
                var i = 0
                while i <= last {
                    if h[i] == first {
                        var k = 1
                        while k < n.count && h[i + k] == n[k] { k += 1 }
                        if k == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}

/// The part of the team a manager looks at.
public enum QueueScope: Equatable, Sendable {
    /// Every rep's queue (assigned and accepted leads).
    case queues
    case rep(String)
    /// The unassigned pool.
    case pool
    /// What an all-leads search found, in its order (any stage, any owner).
    case found([String])

    public func includes(_ lead: Lead) -> Bool { includes(stage: lead.stage, owner: lead.owner) }

    func includes(stage: Stage, owner: String?) -> Bool {
        switch self {
        case .queues: return stage.isActive
        case .rep(let id): return stage.isActive && owner == id
        case .pool: return stage == .new
        case .found: return false
        }
    }

    public var label: String {
        switch self {
        case .queues: return "all queues"
        case .rep(let id): return id
        case .pool: return "unassigned pool"
        case .found: return "search results"
        }
    }
}
