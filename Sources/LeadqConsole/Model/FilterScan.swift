import LeadqDomain
import LeadqText

/// The filter's search of the list: every lead's search text lies end to end in one column, so a
/// query is looked for along it (`ByteSearch`) instead of lead by lead, and the matches are then
/// taken in the list's order.
enum FilterScan {
    /// Earlier results this small are narrowed row by row; bigger ones give way to a full scan.
    static let narrowUpTo = 8192

    /// Positions in `sorted` of the rows in `scope` holding any needle (every row, with none), and
    /// how many rows the scope holds.
    static func scan(
        sorted: [Int32], _ c: BriefColumns, scope: QueueScope, _ needles: [[UInt8]]
    ) -> (rows: [Int32], inScope: Int) {
        let matched = needles.isEmpty ? nil : ByteSearch.rowsHolding(needles, text: c.searchBytes, ends: c.searchEnds)
        let held = Held(scope, c)
        var out: [Int32] = []
        var total = 0
        c.stages.withUnsafeBufferPointer { stages in
            c.owners.withUnsafeBufferPointer { owners in
                for (i, row) in sorted.enumerated() {
                    let r = Int(row)
                    guard held.holds(stages[r], owners[r]) else { continue }
                    total += 1
                    if let matched, matched[r >> 6] & (1 << UInt64(r & 63)) == 0 { continue }
                    out.append(Int32(i))
                }
            }
        }
        return (out, total)
    }

    /// The earlier positions whose rows still hold `query`.
    static func narrow(_ earlier: [Int32], sorted: [Int32], _ c: BriefColumns, _ query: [UInt8]) -> [Int32] {
        c.searchBytes.withUnsafeBufferPointer { all in
            query.withUnsafeBufferPointer { q in
                earlier.filter { at in
                    let r = Int(sorted[Int(at)])
                    let start = c.searchStart(r)
                    return ByteSearch.contains(UnsafeBufferPointer(rebasing: all[start..<Int(c.searchEnds[r])]), q)
                }
            }
        }
    }

    /// How many live rows the scope holds, counted in row order (a millisecond at a million rows,
    /// where the sorted list's order reads them at random).
    static func inScope(live: [Bool], _ c: BriefColumns, scope: QueueScope) -> Int {
        let held = Held(scope, c)
        var n = 0
        live.withUnsafeBufferPointer { live in
            c.stages.withUnsafeBufferPointer { stages in
                c.owners.withUnsafeBufferPointer { owners in
                    for r in live.indices where live[r] && held.holds(stages[r], owners[r]) { n += 1 }
                }
            }
        }
        return n
    }

    /// Which rows a scope holds, from their stage and owner code.
    struct Held {
        let scope: QueueScope
        /// The rep's owner code (one no row has when no brief names them).
        let owner: UInt16?

        init(_ scope: QueueScope, _ c: BriefColumns) {
            self.scope = scope
            owner = if case .rep(let id) = scope { c.ownerCode(id) ?? UInt16.max } else { nil }
        }

        @inline(__always)
        func holds(_ stage: Stage, _ owner: UInt16) -> Bool {
            switch scope {
            case .queues: stage.isActive
            case .rep: stage.isActive && owner == self.owner
            case .pool: stage == .new
            case .found: false
            }
        }
    }
}
