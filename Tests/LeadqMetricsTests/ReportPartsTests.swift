import LeadqDemo
import LeadqDomain
import LeadqMetrics
import LeadqTestSupport
import Testing

/// A store read in parts on several threads gives each part its own builder: merged, they must say
/// what one builder over every lead says, however the leads fell into parts.
@Suite struct ReportPartsTests {
    static let now = Fixture.t0
    static let demo = DemoStore(leads: 2_000, seed: 17, now: now).generate()

    func whole(_ filter: ReportFilter, window: ReportWindow, periods: [CohortPeriod]) -> Report {
        Report.build(
            ReportPartsTests.demo.leads, settings: ReportPartsTests.demo.settings, window: window, periods: periods,
            now: ReportPartsTests.now, filter: filter)
    }

    /// The leads dealt into `parts` builders by `part(i)`, then merged in the order given.
    func merged(
        _ filter: ReportFilter, window: ReportWindow, periods: [CohortPeriod], parts: Int, part: (Int) -> Int,
        order: [Int]
    ) -> Report {
        let (settings, leads) = ReportPartsTests.demo
        var builders = (0..<parts).map { _ in
            ReportBuilder(
                settings: settings, window: window, periods: periods, now: ReportPartsTests.now, filter: filter)
        }
        for (i, lead) in leads.enumerated() { builders[part(i)].add(lead) }
        var all = builders[order[0]]
        for k in order.dropFirst() { all.merge(builders[k]) }
        return all.report()
    }

    @Test(arguments: [
        ReportFilter(), ReportFilter(rep: "ana"), ReportFilter(team: "emea"), ReportFilter(source: "webinar"),
    ])
    func mergedPartsSayWhatOneReadingSays(_ filter: ReportFilter) {
        let window = ReportWindow(from: ReportPartsTests.now - 42 * Span.day, to: ReportPartsTests.now + Span.day)
        let periods = CohortPeriod.split(window, by: .week, utcOffset: { _ in 0 })
        let one = whole(filter, window: window, periods: periods)
        #expect(one.team.handoffs > 50 && one.cohorts.count > 4, "the demo's leads fill the window")
        let count = ReportPartsTests.demo.leads.count
        // Halves in file order (as a snapshot is cut), every third lead, and one lead alone.
        let cuts: [(Int, (Int) -> Int, [Int])] = [
            (2, { $0 < count / 2 ? 0 : 1 }, [0, 1]), (3, { $0 % 3 }, [2, 0, 1]), (2, { $0 == 7 ? 1 : 0 }, [1, 0]),
        ]
        for (parts, part, order) in cuts {
            let m = merged(filter, window: window, periods: periods, parts: parts, part: part, order: order)
            #expect(m == one)
        }
    }

    @Test func mergedDaysAddUp() {
        let (settings, leads) = ReportPartsTests.demo
        let now = ReportPartsTests.now
        var one = DayFigures(dayOf: now - Span.day, zone: .utc)
        var a = one
        var b = one
        for (i, lead) in leads.enumerated() {
            one.add(lead, rep: nil, now: now, settings: settings)
            if i % 2 == 0 {
                a.add(lead, rep: nil, now: now, settings: settings)
            } else {
                b.add(lead, rep: nil, now: now, settings: settings)
            }
        }
        #expect(one.contacts > 0 && a.contacts > 0 && b.contacts > 0)
        a.add(b)
        #expect(a == one)
    }

    @Test func aDurationInsertedKeepsTheSetSorted() {
        var d = Durations([5, 1, 9])
        for v: Int64 in [0, 5, 10, 3, 3] { d.insert(v) }
        #expect(d.sorted == [0, 1, 3, 3, 5, 5, 9, 10])
        #expect(d == Durations([5, 1, 9, 0, 5, 10, 3, 3]))
    }
}
