import LeadqDomain
import Testing

@testable import LeadqConsole

/// The agenda page's rows are worked out from the sections' sizes: the same rows, row for row,
/// as listing every one (a title, the items, a blank row between sections).
@Suite struct AgendaRowsTests {
    static func listed(_ counts: [Int]) -> [(title: String?, item: Int?)] {
        var out: [(String?, Int?)] = []
        var index = 0
        for (title, n) in zip(["Overdue", "Today", "Next 7 days"], counts) {
            if !out.isEmpty { out.append((nil, nil)) }
            out.append(("\(title) (\(n))", nil))
            for _ in 0..<n {
                out.append((nil, index))
                index += 1
            }
        }
        return out
    }

    @Test(arguments: [[0, 0, 0], [3, 0, 0], [0, 2, 0], [0, 0, 4], [5, 1, 7], [1, 0, 1]])
    func theRowsAreTheListedOnes(counts: [Int]) {
        let rows = AgendaView.Rows(sections: zip(["Overdue", "Today", "Next 7 days"], counts).map { ($0, $1) })
        let want = Self.listed(counts)
        #expect(rows.count == want.count)
        for r in want.indices {
            #expect(rows[r].title == want[r].title && rows[r].item == want[r].item, "row \(r)")
            if let i = want[r].item { #expect(rows.row(of: i) == r, "item \(i)") }
        }
    }
}
