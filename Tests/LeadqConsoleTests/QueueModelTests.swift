import Testing
import LeadqConsole
import LeadqDomain

/// The queue keeps its order by moving one lead at a time; it must always equal a full sort.
@Suite struct QueueModelTests {
    @Test(arguments: QueueOrder.allCases)
    func upsertsAndRemovalsKeepTheSameOrderAsAFullSort(order: QueueOrder) {
        let (settings, leads) = ConsoleFixture.demo.generate()
        let now = ConsoleFixture.now
        var m = QueueModel()
        m.setOrder(order)
        m.replaceAll(Array(leads.prefix(150)), settings: settings, now: now)
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        for step in 0..<400 {
            var lead = leads[next(leads.count)]
            switch next(3) {
            case 0:
                // Another score: the lead moves (or ties with others and falls back on age and id).
                lead.profile.score = next(101)
                m.upsert(lead, settings: settings, now: now)
            case 1:
                m.upsert(lead, settings: settings, now: now)
            default:
                m.remove(lead.id)
            }
            let expected = m.entries.values.filter { $0.lead.stage.isActive }
                .sorted { Queue.inOrder($0.row, $1.row, order) }.map(\.lead.id)
            #expect(m.visible == expected, "after step \(step)")
            if m.visible != expected { return }
        }
    }
}
