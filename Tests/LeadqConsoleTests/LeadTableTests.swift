import LeadqDomain
import Testing

@testable import LeadqConsole

/// The manager's list finds a lead's row by halving the store's id order, and by name for rows
/// added since: after changes, removals and briefs out of order, each id finds its live row.
@Suite struct LeadTableTests {
    static func brief(_ id: String) -> LeadBrief {
        LeadBrief(SessionMessageTests.lead(id, score: 40), settings: Settings())
    }

    @Test(arguments: [
        ["L-00001", "L-00002", "L-00010", "L-00011", "L-100000"],
        ["L-00002", "L-00001", "X-7", "L-00010", "L-00011", "L-100000"],
        ["A-1", "L-00001", "L-00002", "L-00010", "L-00011", "L-100000", "Z-9"],
    ])
    func eachIdFindsItsLiveRow(_ ids: [String]) {
        var c = BriefColumns()
        for id in ids { c.append(Self.brief(id), offset: 0, length: 1) }
        var t = LeadTable(
            briefs: c, lines: nil, whole: [SessionMessageTests.lead("L-00050", score: 10)], settings: Settings())
        for (i, id) in ids.enumerated() { #expect(t.row(of: id) == Int32(i), "\(id)") }
        #expect(t.row(of: "L-00050") == Int32(ids.count))
        #expect(t.row(of: "L-00003") == nil && t.row(of: "L-1") == nil && t.row(of: "") == nil)

        let changed = t.add(SessionMessageTests.lead("L-00010", score: 99), settings: Settings())
        #expect(t.row(of: "L-00010") == changed && changed == Int32(ids.count + 1))
        t.kill(t.row(of: "L-00011")!)
        t.kill(t.row(of: "L-00050")!)
        #expect(t.row(of: "L-00011") == nil && t.row(of: "L-00050") == nil)
        t.kill(changed)
        #expect(t.row(of: "L-00010") == nil, "its old row stays dead")
        let back = t.add(SessionMessageTests.lead("L-00011", score: 5), settings: Settings())
        #expect(t.row(of: "L-00011") == back)
        #expect(t.liveCount == ids.count - 1)
        #expect(Set(t.liveRows.map { t.columns.ids[Int($0)] }) == Set(ids).subtracting(["L-00010"]))
    }
}
