import LeadqDomain
import LeadqText

/// The rep's queue: every entry, the order, the filter, and the visible ids in that order.
/// Sorting happens when an entry or the order changes, filtering when the filter or entries change,
/// so moving the cursor never sorts. Rows are numbers into `table`; an entry is made when asked for.
public struct QueueModel: Equatable, Sendable {
    private(set) var table = LeadTable()
    public private(set) var order: QueueOrder = .scoreAge
    public private(set) var filter = ""
    /// Which leads the manager view shows; a rep's console holds only their queue anyway.
    public private(set) var scope: QueueScope = .queues
    /// The live rows in `order`.
    private(set) var sorted: [Int32] = []
    /// The rows shown, in order.
    private var shown: [Int32] = []
    /// How many leads the scope holds before the filter (what "12 of 165" counts).
    public private(set) var inScope = 0
    /// Leads an all-leads search found (the queue's own entries are shown while they last).
    public private(set) var found: [String: QueueEntry] = [:]
    /// Earlier filter results, valid until the sorted list or the scope changes.
    var memo = FilterMemo()
    private var searchShown: [String] = []
    /// A filter's search of a long list still under way: `shown` holds the first rows it found.
    private(set) var pass: FilterPass?

    /// A new order being sorted off the main thread; meanwhile the list keeps its old order.
    public private(set) var sorting: PendingSort?
    /// Numbers each sort asked for, so only the last one's rows are taken.
    private var sortsAsked = 0

    /// Lists this long are filtered a slice at a time as the filter is typed; shorter ones at once.
    static let slicedFrom = 50_000
    /// Lists this long are sorted off the main thread when the order changes (592,185 leads took
    /// 355–431 ms, the screen blank meanwhile); shorter ones at once.
    static let sortedAsideFrom = 50_000

    public init() {}

    /// The ids shown, in order.
    public var visible: VisibleIDs {
        if case .found = scope { return VisibleIDs(ids: searchShown) }
        return VisibleIDs(rows: shown, ids: table.columns.ids)
    }

    /// Where a lead is among the visible ones: its row looked for among the shown rows, not its id
    /// compared with each shown lead's (the cursor asks on every key).
    public func position(of id: String) -> Int? {
        if case .found = scope { return searchShown.firstIndex(of: id) }
        guard let row = table.row(of: id) else { return nil }
        return shown.firstIndex(of: row)
    }

    public subscript(id: String) -> QueueEntry? {
        if let r = table.row(of: id) { return table.entry(r) }
        return found[id]
    }

    public var count: Int { table.liveCount }

    /// Whether the filter's search is still under way: `visible` holds the first of its rows, and
    /// how many there are in all isn't known yet.
    public var filtering: Bool { pass != nil }

    /// The queue's own entries (not an all-leads search's).
    public var entries: Entries { Entries(table: table) }

    /// Where the leads with an open follow-up are, for a list read from the store's briefs (a
    /// manager's); nil for one held whole.
    /// Whether rows are read from the store as they are shown (a manager's list from briefs).
    public var readsFromStore: Bool { table.reader != nil }

    public func agendaSources(now: Instant, zone: Zone) -> AgendaSources? {
        table.agendaSources(now: now, zone: zone)
    }

    public mutating func replaceAll(_ leads: [Lead], settings: Settings, now: Instant) {
        replaceAll(LeadTable(leads: leads, settings: settings))
    }

    /// A list read whole; `ranked`: its live rows already in `order` (sorted off the main thread).
    public mutating func replaceAll(_ t: LeadTable, ranked: (QueueOrder, [Int32])? = nil) {
        table = t
        // A sort under way was of the old table's rows.
        sorting = nil
        if let ranked, ranked.0 == order {
            memo.clear(for: nil)
            sorted = ranked.1
            refilter()
        } else {
            resort()
        }
    }

    /// Puts a lead in (or back in) the queue; returns true when it wasn't there before.
    @discardableResult
    public mutating func upsert(_ lead: Lead, settings: Settings, now: Instant, markNew: Bool = false) -> Bool {
        let old = table.row(of: lead.id)
        // One lead moves: take it out and put it back in its place, rather than sort them all
        // again (sorting 1,400 leads' entries took 20 ms after every save at 100k leads).
        if let old { unplace(old) }
        let row = table.add(lead, settings: settings, isNew: markNew || old.map(table.isNew) == true)
        put(row)
        refilter()
        return old == nil
    }

    /// Applies many changes; returns the ids that entered the queue. A few (another process's
    /// saves) move a few rows into place; many (a reload) sort once: at 60,000 leads a sort takes
    /// a tenth of a second.
    public mutating func apply(
        upserts: [Lead], removals: [String], settings: Settings, now: Instant, markNew: (Lead) -> Bool
    ) -> [String] {
        let oneByOne = upserts.count + removals.count <= 64
        var entered: [String] = []
        for id in removals {
            guard let r = table.row(of: id) else { continue }
            if oneByOne { unplace(r) }
            table.kill(r)
        }
        for lead in upserts {
            let old = table.row(of: lead.id)
            if oneByOne, let old { unplace(old) }
            let wasNew = old.map(table.isNew) == true
            let row = table.add(lead, settings: settings, isNew: wasNew || (old == nil && markNew(lead)))
            if oneByOne { put(row) }
            if old == nil { entered.append(lead.id) }
        }
        if oneByOne { refilter() } else { resort() }
        return entered
    }

    /// Takes a row out of the sorted list.
    private mutating func unplace(_ row: Int32) {
        memo.clear(for: nil)
        var i = place(of: row)
        if i >= sorted.count || sorted[i] != row { i = sorted.firstIndex(of: row) ?? -1 }
        guard i >= 0 else { return }
        sorted.remove(at: i)
    }

    /// Puts a row into the sorted list at its place.
    private mutating func put(_ row: Int32) {
        memo.clear(for: nil)
        sorted.insert(row, at: place(of: row))
    }

    public mutating func remove(_ id: String) {
        guard let r = table.row(of: id) else { return }
        unplace(r)
        table.kill(r)
        refilter()
    }

    public mutating func markSeen(_ id: String) {
        if let r = table.row(of: id) { table.markSeen(r) }
    }

    public mutating func setOrder(_ o: QueueOrder) {
        order = o
        sorting = nil
        resort()
    }

    /// A new order: a short list sorted now (nil), a long one's sort handed out to be done off the
    /// main thread, its rows brought back by `sorted(_:)`; until then the list keeps its order.
    public mutating func ask(order o: QueueOrder) -> SortRequest? {
        guard table.liveCount >= QueueModel.sortedAsideFrom else {
            setOrder(o)
            return nil
        }
        sortsAsked += 1
        sorting = PendingSort(order: o, number: sortsAsked, rowsThen: table.rowCount, leads: table.liveCount)
        return SortRequest(columns: table.columns, rows: table.liveRows, order: o, number: sortsAsked)
    }

    /// The rows of the sort last asked for, in its order; false for an earlier sort's (or one of a
    /// table since replaced). Rows changed meanwhile were put in the old order's list: their old
    /// rows are dead and dropped here, their new ones (made after the sort was asked for) put in place.
    @discardableResult
    public mutating func sorted(_ done: SortedRows) -> Bool {
        guard let p = sorting, p.number == done.number, p.order == done.order else { return false }
        sorting = nil
        order = p.order
        memo.clear(for: nil)
        if table.rowCount == p.rowsThen && table.liveCount == done.rows.count {
            sorted = done.rows
        } else {
            sorted = done.rows.filter(table.isLive)
            for r in p.rowsThen..<table.rowCount where table.isLive(Int32(r)) { put(Int32(r)) }
        }
        refilter()
        return true
    }

    public mutating func setScope(_ s: QueueScope) {
        scope = s
        refilter()
    }

    public mutating func setFilter(_ f: String) {
        filter = f
        refilter()
    }

    /// The filter as it is typed: on a long list only the first `rows` matches are looked for now
    /// (among `FilterPass.firstScreen` leads at most); `continueFilter` finds the rest between keys.
    public mutating func typeFilter(_ f: String, rows: Int) {
        let running = pass
        filter = f
        refilter(sliced: rows, running: running)
    }

    /// One slice more of the filter's search; it ends once the last row is tested.
    public mutating func continueFilter() {
        advance(budget: FilterPass.slice)
    }

    /// At least `n` rows shown (every one, if there are fewer): found a slice at a time while they
    /// come soon, else by searching the rest of the list now.
    public mutating func reveal(atLeast n: Int) {
        guard pass != nil, shown.count < n else { return }
        advance(budget: FilterPass.slice, enough: n)
        if pass != nil && shown.count < n { finishFilter() }
    }

    /// The lead shown, if the filter shows it at all: its row found now.
    public mutating func reveal(_ id: String) {
        guard let p = pass, let row = table.row(of: id), p.holds(row, table.columns, scope: scope) else { return }
        let at = place(of: row)
        guard at < sorted.count, sorted[at] == row, (p.found.last ?? -1) < Int32(at) else { return }
        advance(budget: FilterPass.slice, through: Int32(at))
        if let p = pass, (p.found.last ?? -1) < Int32(at) { finishFilter() }
    }

    /// Ends the filter's search now: every row found (`G`, or a key that needs the whole list).
    public mutating func finishFilter() {
        guard let p = pass else { return }
        if p.left <= FilterPass.finishByColumn {
            advance(budget: .max)
            return
        }
        // Testing the rest row by row reads the text in the list's order, at random; one pass along
        // the text column finds the same rows (a narrowing pass's among them) several times faster.
        pass = nil
        let (rows, total) = FilterScan.scan(sorted: sorted, table.columns, scope: scope, p.needles)
        memo.inScope = total
        ended(query: p.query, rows)
    }

    /// Runs the pass on; what it found joins `shown`, and once it has tested every row it is remembered.
    private mutating func advance(budget: Int, enough: Int = .max, through: Int32 = .max) {
        guard var p = pass else { return }
        // Taken out, so the found rows aren't copied when they grow.
        pass = nil
        let before = p.found.count
        p.advance(sorted: sorted, table.columns, scope: scope, budget: budget, enough: enough, through: through)
        let sorted = self.sorted
        shown.append(contentsOf: p.found[before...].lazy.map { sorted[Int($0)] })
        if p.done {
            if memo.inScope == nil { memo.inScope = FilterScan.inScope(live: table.live, table.columns, scope: scope) }
            // `shown` already holds every row found: the last slice doesn't map 600,000 again.
            ended(query: p.query, p.found, shown: true)
        } else {
            pass = p
        }
    }

    /// A whole result: shown, counted, remembered.
    private mutating func ended(query: [UInt8]?, _ at: [Int32], shown isShown: Bool = false) {
        if let query { memo.remember(query, at) }
        if !isShown { shown = at.map { sorted[Int($0)] } }
        inScope = memo.inScope ?? 0
    }

    private mutating func resort() {
        memo.clear(for: nil)
        sorted = table.columns.sorted(table.liveRows, by: order)
        refilter()
    }

    /// Where a row goes in `sorted`: after every row that comes before it (the order is total).
    private func place(of row: Int32) -> Int {
        var lo = 0
        var hi = sorted.count
        let (c, o, r) = (table.columns, order, Int(row))
        while lo < hi {
            let mid = (lo + hi) / 2
            if c.inOrder(Int(sorted[mid]), r, o) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The alarms of every lead, without reading the leads: the header's counts; `owners` names
    /// the tally's owner codes.
    public func tally(_ at: AlarmTimes) -> (tally: AlarmTally, owners: [String]) {
        (table.columns.tally(live: table.live, at: at), table.columns.ownerNames)
    }

    /// Shows what an all-leads search found, in its order, instead of the queue.
    public mutating func showFound(_ leads: [Lead], settings: Settings, now: Instant) {
        // Kept for queue leads too: one that leaves the queue is still a result.
        found = [:]
        for lead in leads { found[lead.id] = QueueEntry(lead, settings: settings) }
        scope = .found(leads.map(\.id))
        refilter()
    }

    /// A found lead changed (or is gone); the queue's own leads are updated by `upsert`/`remove`.
    public mutating func refreshFound(_ lead: Lead?, id: String, settings: Settings, now: Instant) {
        guard found[id] != nil else { return }
        found[id] = lead.map { QueueEntry($0, settings: settings) }
        refilter()
    }

    /// Back from a search to `scope`.
    public mutating func endFound(_ back: QueueScope) {
        found = [:]
        searchShown = []
        scope = back
        refilter()
    }

    /// The rows shown again, all of them, or with `sliced` the first that many of a long list's
    /// (a filter being typed; `running`: the pass it replaces).
    private mutating func refilter(sliced: Int? = nil, running: FilterPass? = nil) {
        pass = nil
        if case .found(let ids) = scope {
            searchShown = ids.filter { table.row(of: $0) != nil || found[$0] != nil }
            inScope = searchShown.count
            return
        }
        if memo.scope != scope { memo.clear(for: scope) }
        let needles = Fold.needles(filter)
        // A phone number's query has a second needle: only plain ones are remembered.
        let query: [UInt8]? = needles.count <= 1 ? (needles.first ?? []) : nil
        if let query, let rows = memo.exact(query) {
            shown = rows.map { sorted[Int($0)] }
            inScope = memo.inScope ?? 0
            return
        }
        let at: [Int32]
        let earlier = query.flatMap { memo.narrowable(by: $0) }
        // Narrowing reads each earlier row's text where it lies; past a few thousand rows one pass
        // along the whole text column is faster (680,000 rows narrowed one by one took 171 ms).
        if let query, let earlier, earlier.count <= FilterScan.narrowUpTo {
            at = FilterScan.narrow(earlier, sorted: sorted, table.columns, query)
        } else if let rows = sliced, !needles.isEmpty, sorted.count >= QueueModel.slicedFrom {
            pass = slicedPass(needles, query, earlier: earlier, running: running)
            shown = []
            advance(budget: FilterPass.firstScreen, enough: rows)
            return
        } else {
            let (rows, total) = FilterScan.scan(sorted: sorted, table.columns, scope: scope, needles)
            at = rows
            memo.inScope = total
        }
        ended(query: query, at)
    }

    /// The pass for a query typed on: it tests the fewest rows it can (an earlier whole result, or
    /// what the pass it replaces has left), else every row from the top of the list.
    private func slicedPass(_ needles: [[UInt8]], _ query: [UInt8]?, earlier: [Int32]?, running: FilterPass?)
        -> FilterPass
    {
        let n = sorted.count
        var best = FilterPass(needles: needles, query: query, listLength: n)
        if let query, let r = running, let q = r.query, QueueModel.contains(query, q) {
            let p = r.narrowed(needles: needles, query: query, listLength: n)
            if p.length < best.length { best = p }
        }
        if let earlier, earlier.count < best.length {
            best = FilterPass(needles: needles, query: query, earlier: earlier, tailFrom: n, listLength: n)
        }
        return best
    }

    public static func == (a: QueueModel, b: QueueModel) -> Bool {
        guard a.order == b.order, a.sorting == b.sorting, a.filter == b.filter, a.scope == b.scope,
            a.inScope == b.inScope,
            a.filtering == b.filtering,
            a.found == b.found, Array(a.visible) == Array(b.visible), a.sorted.count == b.sorted.count
        else { return false }
        return zip(a.sorted, b.sorted).allSatisfy { a.table.entry($0) == b.table.entry($1) }
    }

    /// Byte substring search; UTF-8 never matches inside a character, so this is a text search.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { h in needle.withUnsafeBufferPointer { ByteSearch.contains(h, $0) } }
    }
}
