import LeadqDomain
import LeadqText

/// A filter's search of a long list done a slice at a time, from the top of the list's order: what
/// it has found is always the first rows of the whole result, so a keystroke draws the first
/// screen at once and the rest follows between keys (a pass over a million leads' text is 30 ms,
/// four keystrokes' budget).
struct FilterPass: Sendable {
    let needles: [[UInt8]]
    /// The folded query, remembered once the pass ends (nil: a phone number's two needles).
    let query: [UInt8]?
    /// Positions in the sorted list tested first, in order, all in the scope: an earlier result the
    /// query narrows (whatever holds "mar" holds "ma").
    let earlier: [Int32]
    /// Then every position from here to the end of the list (the list's length: none).
    let tailFrom: Int
    /// How many positions there are to test.
    let length: Int
    /// How many are tested: `earlier`'s first, then the tail's.
    private(set) var tested = 0
    /// The positions found so far, in order.
    private(set) var found: [Int32] = []

    /// Positions tested in one slice between keys: about a millisecond at a million leads, what a
    /// key typed meanwhile waits at most.
    static let slice = 4_096
    /// Positions a keystroke tests for its first screen before it draws what it has.
    static let firstScreen = 8_192
    /// Past this many positions left, a pass that must end now runs the column search instead (a
    /// million rows tested one by one take several times longer).
    static let finishByColumn = 65_536

    init(needles: [[UInt8]], query: [UInt8]?, earlier: [Int32], tailFrom: Int, listLength: Int) {
        // A needle with no byte or a 0 byte finds nothing, as the column search has it.
        self.needles = needles.filter { !$0.isEmpty && !$0.contains(0) }
        self.query = query
        self.earlier = earlier
        self.tailFrom = tailFrom
        length = earlier.count + max(0, listLength - tailFrom)
    }

    /// The same query over a whole list.
    init(needles: [[UInt8]], query: [UInt8]?, listLength: Int) {
        self.init(needles: needles, query: query, earlier: [], tailFrom: 0, listLength: listLength)
    }

    var done: Bool { tested >= length }
    var left: Int { length - tested }

    /// A pass for a query that narrows this one's (`query` holds this pass's query): it tests what
    /// this one found and what it hasn't tested yet, nothing it ruled out.
    func narrowed(needles: [[UInt8]], query: [UInt8], listLength: Int) -> FilterPass {
        let rest: [Int32]
        let tail: Int
        if tested < earlier.count {
            rest = Array(earlier[tested...])
            tail = tailFrom
        } else {
            rest = []
            tail = tailFrom + (tested - earlier.count)
        }
        return FilterPass(
            needles: needles, query: query, earlier: found + rest, tailFrom: tail, listLength: listLength)
    }

    /// Tests up to `budget` more positions, stopping early once `enough` are found or the position
    /// `through` is (the selected lead's).
    mutating func advance(
        sorted: [Int32], _ c: BriefColumns, scope: QueueScope, budget: Int, enough: Int = .max,
        through: Int32 = .max
    ) {
        let end = tested + min(budget, length - tested)
        guard tested < end else { return }
        let held = FilterScan.Held(scope, c)
        var tested = self.tested
        var found = self.found
        self.found = []
        defer { (self.tested, self.found) = (tested, found) }
        let (earlier, tailFrom, needles) = (self.earlier, self.tailFrom, self.needles)
        sorted.withUnsafeBufferPointer { sorted in
            c.searchBytes.withUnsafeBufferPointer { text in
                c.searchEnds.withUnsafeBufferPointer { ends in
                    c.stages.withUnsafeBufferPointer { stages in
                        c.owners.withUnsafeBufferPointer { owners in
                            while tested < end && found.count < enough && (found.last ?? -1) < through {
                                let inEarlier = tested < earlier.count
                                let at = inEarlier ? Int(earlier[tested]) : tailFrom + tested - earlier.count
                                tested += 1
                                let r = Int(sorted[at])
                                if !inEarlier && !held.holds(stages[r], owners[r]) { continue }
                                let start = r == 0 ? 0 : Int(ends[r - 1]) + 1
                                let hay = UnsafeBufferPointer(rebasing: text[start..<Int(ends[r])])
                                if FilterPass.any(needles, in: hay) { found.append(Int32(at)) }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Whether a row is one the pass will find: in the scope, holding a needle.
    func holds(_ row: Int32, _ c: BriefColumns, scope: QueueScope) -> Bool {
        let r = Int(row)
        guard FilterScan.Held(scope, c).holds(c.stages[r], c.owners[r]) else { return false }
        return c.searchBytes.withUnsafeBufferPointer { text in
            FilterPass.any(needles, in: UnsafeBufferPointer(rebasing: text[c.searchStart(r)..<Int(c.searchEnds[r])]))
        }
    }

    /// Whether a row's text holds one of the needles.
    @inline(__always)
    static func any(_ needles: [[UInt8]], in hay: UnsafeBufferPointer<UInt8>) -> Bool {
        needles.contains { n in n.withUnsafeBufferPointer { ByteSearch.contains(hay, $0) } }
    }
}
