import Glibc
import LeadqDomain
import LeadqText

/// Every lead of a store folded for search: name, company, email, phone digits, L-id and CRM id,
/// in one byte buffer so a query is one scan (a few milliseconds at 100,000 leads). A changed lead
/// is written again at the end and its old record forgotten; the buffer is rebuilt once half of it
/// is forgotten records.
public struct LeadIndex: Sendable {
    /// Records separated by 0x00, their fields by 0x01.
    private var text: [UInt8] = []
    private var starts: [Int] = []
    private var ids: [String] = []
    private var live: [Bool] = []
    private var recordOf: [String: Int] = [:]
    private var dead = 0

    public init() {}

    /// How many leads it holds.
    public var count: Int { recordOf.count }

    /// Room for this many leads, so building the index of a whole store doesn't grow by doubling.
    public mutating func reserve(leads n: Int) {
        starts.reserveCapacity(n)
        ids.reserveCapacity(n)
        live.reserveCapacity(n)
        recordOf.reserveCapacity(n)
    }

    /// Puts a lead in, or its new form in place of the old.
    public mutating func update(_ lead: Lead) {
        update(id: lead.id, profile: lead.profile)
    }

    /// The same, from what the index holds of a lead: its id and profile.
    public mutating func update(id: String, profile: Profile) {
        if let old = recordOf[id] {
            live[old] = false
            dead += 1
        }
        recordOf[id] = ids.count
        starts.append(text.count)
        ids.append(id)
        live.append(true)
        LeadIndex.fields(id: id, profile, into: &text)
        text.append(0)
        if dead > 1_000 && dead > ids.count / 2 { compact() }
    }

    public mutating func remove(_ id: String) {
        guard let old = recordOf.removeValue(forKey: id) else { return }
        live[old] = false
        dead += 1
    }

    static func fields(id: String, _ p: Profile, into text: inout [UInt8]) {
        for field in [p.name, p.company, p.email] {
            Fold.append(field, to: &text)
            text.append(1)
        }
        text.append(contentsOf: Fold.digits(p.phone))
        text.append(1)
        Fold.append(id, to: &text)
        text.append(1)
        Fold.append(p.originId, to: &text)
    }

    /// The leads matching `query`, best first (a field equal to it, then one starting with it, then
    /// the rest, each in the order the leads came in), at most `limit`, and how many match in all.
    public func find(_ query: String, limit: Int) -> (ids: [String], total: Int) {
        let needles = Fold.needles(query)
        guard !needles.isEmpty else { return ([], 0) }
        // A bit per record for a query of two needles (one needle meets each record once): a set of
        // a million matches ("@example", "l") took most of a query's time at a million leads.
        var seen = [UInt64](repeating: 0, count: needles.count > 1 ? (ids.count + 63) / 64 : 0)
        var total = 0
        var ranked: [[Int]] = [[], [], []]
        for needle in needles {
            scan(for: needle) { record, at in
                guard live[record] else { return }
                if !seen.isEmpty {
                    let bit: UInt64 = 1 << UInt64(record & 63)
                    guard seen[record >> 6] & bit == 0 else { return }
                    seen[record >> 6] |= bit
                }
                total += 1
                // Once `limit` leads equal the query, the rest can't be shown: they are only counted.
                guard ranked[0].count < limit else { return }
                let rank = self.rank(record, needle, firstAt: at)
                if ranked[rank].count < limit { ranked[rank].append(record) }
            }
        }
        let best = ranked.flatMap { $0.sorted() }.prefix(limit)
        return (best.map { ids[$0] }, total)
    }

    /// Calls `hit` with each record holding `needle` and where it first does, once per record, in
    /// buffer order.
    private func scan(for needle: [UInt8], _ hit: (Int, Int) -> Void) {
        text.withUnsafeBytes { hay in
            needle.withUnsafeBytes { n in
                guard let base = hay.baseAddress, let np = n.baseAddress else { return }
                var from = 0
                var first = 0
                while from < hay.count, let at = LeadIndex.firstIndex(of: np, n.count, in: base, hay.count, from: from)
                {
                    let record = self.record(containing: at, from: first)
                    hit(record, at)
                    first = record + 1
                    from = first < starts.count ? starts[first] : hay.count
                }
            }
        }
    }

    /// Where the needle next occurs at or after `from`: memchr finds each candidate first byte, then
    /// the rest is compared (Glibc's memmem isn't visible from Swift).
    static func firstIndex(
        of needle: UnsafeRawPointer, _ length: Int, in hay: UnsafeRawPointer, _ count: Int, from: Int
    ) -> Int? {
        let first = Int32(needle.load(as: UInt8.self))
        var i = from
        while i + length <= count {
            guard let hit = memchr(hay + i, first, count - i - length + 1) else { return nil }
            let at = hay.distance(to: UnsafeRawPointer(hit))
            if memcmp(hay + at, needle, length) == 0 { return at }
            i = at + 1
        }
        return nil
    }

    /// The record holding `offset`, looking forward from record `first` (which starts at or before
    /// it): hits come in buffer order, so the next hit is usually a step or two on, found in a few
    /// looks where halving over a million records took twenty.
    private func record(containing offset: Int, from first: Int) -> Int {
        var lo = first
        var step = 1
        while lo + step < starts.count && starts[lo + step] <= offset {
            lo += step
            step *= 2
        }
        var hi = min(lo + step, starts.count) - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// 0: a field is the needle; 1: a field (or a word of any field) starts with it; 2: it is inside
    /// one. Only where the needle occurs in the record is looked at, from its first place `firstAt`
    /// on: a query like "@example" ranks every lead of the store.
    private func rank(_ record: Int, _ needle: [UInt8], firstAt: Int) -> Int {
        let end = record + 1 < starts.count ? starts[record + 1] - 1 : text.count - 1
        let start = starts[record]
        // A field has no separator in it, so a needle holding one starts no field.
        let mayStartField = !needle.contains(1) && !needle.contains(0)
        return text.withUnsafeBytes { t in
            needle.withUnsafeBytes { n in
                guard let tb = t.baseAddress, let nb = n.baseAddress else { return 2 }
                var best = 2
                var at: Int? = firstAt
                // The first place may run past the record's end (a needle holding its 0x00); no later one does.
                while let a = at, a + n.count <= end {
                    let fieldStart = a == start || t[a - 1] == 1
                    if fieldStart && mayStartField {
                        if a + n.count == end || t[a + n.count] == 1 { return 0 }
                        best = 1
                    } else if a > start && t[a - 1] == 0x20 {
                        best = 1
                    }
                    at = LeadIndex.firstIndex(of: nb, n.count, in: tb, end, from: a + 1)
                }
                return best
            }
        }
    }

    private mutating func compact() {
        var fresh = LeadIndex()
        for (i, id) in ids.enumerated() where live[i] {
            let from = starts[i]
            let to = i + 1 < starts.count ? starts[i + 1] : text.count
            fresh.recordOf[id] = fresh.ids.count
            fresh.starts.append(fresh.text.count)
            fresh.ids.append(id)
            fresh.live.append(true)
            fresh.text.append(contentsOf: text[from..<to])
        }
        self = fresh
    }
}
