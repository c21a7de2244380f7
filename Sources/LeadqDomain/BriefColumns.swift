/// Briefs of many leads, a column per field. A manager's list of a million leads holds no object
/// per lead: an object per brief, its dictionary entry and its sort keys came to a kilobyte a lead.
public struct BriefColumns: Sendable {
    public private(set) var ids: [String] = []
    /// The id's order as a number for ids `LeadID.make` made (0 for others): comparing two
    /// numbers instead of two strings is most of a sort's ties.
    public private(set) var idKeys: [UInt64] = []
    /// 0: no owner; n: `ownerNames[n - 1]`.
    public private(set) var owners: [UInt16] = []
    public private(set) var ownerNames: [String] = []
    private var ownerCodes: [String: UInt16] = [:]
    public private(set) var stages: [Stage] = []
    public private(set) var scores: [Int32] = []
    /// Times in seconds, `BriefColumns.noTime` where there is none.
    public private(set) var assignedAt: [Int64] = []
    public private(set) var deadlines: [Int64] = []
    public private(set) var followUps: [Int64] = []
    public private(set) var idleSince: [Int64] = []
    public private(set) var poolLateAt: [Int64] = []
    /// Every brief's search text end to end, each followed by a 0 byte (which no query holds, so a
    /// match never runs from one lead into the next); row i's ends at `searchEnds[i]`.
    public private(set) var searchBytes: [UInt8] = []
    public private(set) var searchEnds: [UInt32] = []
    /// Where each lead's line is in the store's lead lines; -1 for a lead handed over whole.
    public private(set) var lineOffsets: [Int64] = []
    public private(set) var lineLengths: [Int32] = []

    public static let noTime = Int64.min

    public init() {}

    public var count: Int { ids.count }

    public mutating func reserveCapacity(_ n: Int, searchBytes bytes: Int = 0) {
        ids.reserveCapacity(n)
        idKeys.reserveCapacity(n)
        owners.reserveCapacity(n)
        stages.reserveCapacity(n)
        scores.reserveCapacity(n)
        for k in [\BriefColumns.assignedAt, \.deadlines, \.followUps, \.idleSince, \.poolLateAt, \.lineOffsets] {
            self[keyPath: k].reserveCapacity(n)
        }
        searchEnds.reserveCapacity(n)
        lineLengths.reserveCapacity(n)
        searchBytes.reserveCapacity(bytes)
    }

    /// Appends a brief; `offset`/`length` say where its lead's line is (-1: nowhere).
    public mutating func append(_ b: LeadBrief, offset: Int = -1, length: Int = -1) {
        let c = b.clocks
        appendFields(
            id: b.id, owner: b.owner, stage: b.stage, score: b.score,
            times: (b.assignedAt, c.nearestDeadline, c.nextFollowUpDue, c.idleSince, c.poolLateAt),
            offset: offset, length: length)
        b.search.withUnsafeBufferPointer { appendSearch($0) }
    }

    /// Appends a brief's fields but its search text, which `appendSearch` adds next.
    public mutating func appendFields(
        id: String, owner: String?, stage: Stage, score: Int,
        times: (assigned: Instant?, deadline: Instant?, followUp: Instant?, idle: Instant, poolLate: Instant?),
        offset: Int, length: Int
    ) {
        ids.append(id)
        idKeys.append(BriefColumns.idKey(id))
        owners.append(code(of: owner))
        stages.append(stage)
        scores.append(Int32(clamping: score))
        assignedAt.append(times.assigned?.seconds ?? BriefColumns.noTime)
        deadlines.append(times.deadline?.seconds ?? BriefColumns.noTime)
        followUps.append(times.followUp?.seconds ?? BriefColumns.noTime)
        idleSince.append(times.idle.seconds)
        poolLateAt.append(times.poolLate?.seconds ?? BriefColumns.noTime)
        lineOffsets.append(Int64(offset))
        lineLengths.append(Int32(clamping: length))
    }

    /// The last appended brief's search text (its bytes are copied; a 0 byte in them is dropped).
    public mutating func appendSearch(_ bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.contains(0) {
            for b in bytes where b != 0 { searchBytes.append(b) }
        } else {
            searchBytes.append(contentsOf: bytes)
        }
        searchEnds.append(UInt32(searchBytes.count))
        searchBytes.append(0)
    }

    /// Another set's briefs after these (their owners coded again, their text moved along).
    public mutating func append(contentsOf o: BriefColumns) {
        let shift = UInt32(searchBytes.count)
        let recode = [0] + o.ownerNames.map { code(of: $0) }
        ids += o.ids
        idKeys += o.idKeys
        owners += o.owners.map { recode[Int($0)] }
        stages += o.stages
        scores += o.scores
        assignedAt += o.assignedAt
        deadlines += o.deadlines
        followUps += o.followUps
        idleSince += o.idleSince
        poolLateAt += o.poolLateAt
        searchBytes += o.searchBytes
        searchEnds += o.searchEnds.map { $0 + shift }
        lineOffsets += o.lineOffsets
        lineLengths += o.lineLengths
    }

    private mutating func code(of owner: String?) -> UInt16 {
        guard let owner else { return 0 }
        if let c = ownerCodes[owner] { return c }
        ownerNames.append(owner)
        let c = UInt16(clamping: ownerNames.count)
        ownerCodes[owner] = c
        return c
    }

    public func owner(_ i: Int) -> String? {
        let c = Int(owners[i])
        return c == 0 ? nil : ownerNames[c - 1]
    }

    /// The code `owners` holds for a rep, nil when no brief names them.
    public func ownerCode(_ rep: String) -> UInt16? { ownerCodes[rep] }

    private static func time(_ s: Int64) -> Instant? { s == noTime ? nil : Instant(seconds: s) }

    public func clocks(_ i: Int) -> LeadClocks {
        LeadClocks(
            stage: stages[i], nearestDeadline: BriefColumns.time(deadlines[i]),
            nextFollowUpDue: BriefColumns.time(followUps[i]), idleSince: Instant(seconds: idleSince[i]),
            poolLateAt: BriefColumns.time(poolLateAt[i]))
    }

    /// Where row i's search text starts in `searchBytes` (it ends at `searchEnds[i]`).
    public func searchStart(_ i: Int) -> Int { i == 0 ? 0 : Int(searchEnds[i - 1]) + 1 }

    public func search(_ i: Int) -> [UInt8] { Array(searchBytes[searchStart(i)..<Int(searchEnds[i])]) }

    public func brief(_ i: Int) -> LeadBrief {
        LeadBrief(
            id: ids[i], owner: owner(i), score: Int(scores[i]), assignedAt: BriefColumns.time(assignedAt[i]),
            clocks: clocks(i), search: search(i))
    }

    /// Where row i's lead line is, nil for a lead handed over whole.
    public func line(_ i: Int) -> (offset: Int, length: Int)? {
        lineOffsets[i] < 0 ? nil : (Int(lineOffsets[i]), Int(lineLengths[i]))
    }

    /// `(digits << 58) | number` for `L-` and up to 17 digits: the same order as `LeadID.precedes`
    /// (shorter first, then the digits), which compares strings otherwise.
    public static func idKey(_ id: String) -> UInt64 {
        var n: UInt64 = 0
        var digits: UInt64 = 0
        var i = 0
        for b in id.utf8 {
            defer { i += 1 }
            if i == 0 {
                guard b == UInt8(ascii: "L") else { return 0 }
            } else if i == 1 {
                guard b == UInt8(ascii: "-") else { return 0 }
            } else {
                guard b >= 0x30, b <= 0x39, digits < 17 else { return 0 }
                n = n * 10 + UInt64(b - 0x30)
                digits += 1
            }
        }
        return digits == 0 ? 0 : digits << 58 | n
    }
}
