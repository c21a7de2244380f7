import Foundation
import LeadqConsole
import LeadqDemo
import LeadqDomain
import LeadqMetrics
import LeadqStore
import LeadqTestSupport
import LeadqUI
import SnapshotTesting
import Testing

/// The manager's view of the team and the stats page.
@MainActor @Suite struct ManagerAndStatsTests {
    static func managerState(width: Int = 130, height: Int = 34) -> ConsoleState {
        let (settings, leads) = ConsoleFixture.demo.generate()
        let config = ConsoleConfig(
            rep: "mia", repName: "Mia Laurent", storeLabel: "demo", utcOffset: 0,
            themeNames: ["default"], manager: true)
        var s = ConsoleState(
            config: config, settings: settings, size: Size(width: width, height: height), now: ConsoleFixture.now,
            theme: "default")
        s.queue.setOrder(.deadline)
        _ = Console.update(&s, .reloaded(leads.filter { $0.stage.isActive || $0.stage == .new }))
        s.status = nil
        return s
    }

    static func report(rep: String?) -> Report {
        let (settings, leads) = ConsoleFixture.demo.generate()
        let now = ConsoleFixture.now
        let window = ReportWindow.recent(4, .week, now: now, utcOffset: { _ in 0 })
        return Report.build(
            leads, settings: settings, window: window,
            periods: CohortPeriod.split(window, by: .week, utcOffset: { _ in 0 }), now: now,
            filter: ReportFilter(rep: rep))
    }

    @Test func managerViewShowsEveryQueueBreachesFirst() {
        let s = ManagerAndStatsTests.managerState()
        assertSnapshot(of: ConsoleFixture.screen(s).snapshot(), as: .lines)
        // Breached leads come before any lead whose clocks are still within time.
        let statuses = s.queue.visible.map { SLA.status(s.queue[$0]!.lead, now: s.now, settings: s.settings) }
        let firstUnbreached = statuses.firstIndex { !$0.anyBreach } ?? statuses.count
        #expect(statuses[firstUnbreached...].allSatisfy { !$0.anyBreach || $0.nearestDeadline == nil })
        #expect(s.counts.inQueue == s.queue.entries.values.filter { $0.lead.stage.isActive }.count)
        #expect(s.counts.pool == s.queue.entries.values.filter { $0.lead.stage == .new }.count)
    }

    @Test func tabWalksTheTeamAndThePool() {
        var s = ManagerAndStatsTests.managerState()
        ConsoleFixture.press(&s, .tab)
        #expect(s.queue.scope == .rep("ana"))
        #expect(s.queue.visible.allSatisfy { s.queue[$0]!.lead.owner == "ana" })
        ConsoleFixture.press(&s, .backTab, .backTab)
        #expect(s.queue.scope == .pool)
        #expect(!s.queue.visible.isEmpty)
        #expect(s.queue.visible.allSatisfy { s.queue[$0]!.lead.stage == .new })
        assertSnapshot(of: ConsoleFixture.screen(s).snapshot(), as: .lines, named: "pool")
    }

    @Test func assignAndReassignFromThePicker() {
        var s = ManagerAndStatsTests.managerState()
        ConsoleFixture.press(&s, .backTab)
        let t = s.target()!
        ConsoleFixture.press(&s, .char("A"))
        assertSnapshot(of: ConsoleFixture.screen(s).snapshot(), as: .lines, named: "picker")
        ConsoleFixture.press(&s, .char("d"))
        let chosen = ConsoleFixture.press(&s, .enter)
        #expect(chosen == [.perform(.assign(to: "dana", rule: nil), t)])
        // A rep's console has no team keys.
        var rep = ConsoleFixture.state()
        ConsoleFixture.press(&rep, .tab)
        #expect(rep.status?.text == "Queues of the whole team are for managers (leadq --manager)")
    }

    @Test func aHotLeadInThePoolIsNewsForTheManager() {
        var s = ManagerAndStatsTests.managerState()
        let lead = LeadScript(
            "L-09999", profile: Fixture.profile(name: "Hot Prospect", score: 95), at: ConsoleFixture.now,
            settings: s.settings
        ).lead
        let effects = Console.update(&s, .changed(upserts: [lead], removals: []))
        #expect(effects == [.bell])
        #expect(s.status?.text == "Hot lead L-09999 arrived in the pool: Hot Prospect, score 95")
    }

    @Test func statsPageForTheRepAndTheTeam() {
        var s = ConsoleFixture.state(width: 120, height: 34)
        let request = ConsoleFixture.press(&s, .char("S"))
        #expect(
            request == [.computeStats(StatsRequest(unit: .week, rep: "ana", now: ConsoleFixture.now, utcOffset: 0))])
        #expect(s.page == .stats)
        assertSnapshot(of: ConsoleFixture.screen(s).snapshot(), as: .lines, named: "computing")
        // A long reading says how far it has got.
        _ = Console.update(&s, .statsReading(4096, of: 100_000))
        #expect(
            ConsoleFixture.screen(s).snapshot().contains("Reading the store for the figures: 4096 of 100000 leads…"))
        // One rep's reading skips what never names them: no total to say.
        _ = Console.update(&s, .statsReading(8192, of: 0))
        #expect(ConsoleFixture.screen(s).snapshot().contains("Reading the store for the figures: 8192 leads read…"))
        _ = Console.update(&s, .statsReady(ManagerAndStatsTests.report(rep: "ana")))
        assertSnapshot(of: ConsoleFixture.screen(s).snapshot(), as: .lines, named: "rep")
        let month = ConsoleFixture.press(&s, .char("w"))
        #expect(month == [.computeStats(StatsRequest(unit: .month, rep: "ana", now: ConsoleFixture.now, utcOffset: 0))])
        ConsoleFixture.press(&s, .escape)
        #expect(s.page == .queue)

        var m = ManagerAndStatsTests.managerState(width: 120, height: 34)
        let team = ConsoleFixture.press(&m, .char("S"))
        #expect(team == [.computeStats(StatsRequest(unit: .week, rep: nil, now: ConsoleFixture.now, utcOffset: 0))])
        _ = Console.update(&m, .statsReady(ManagerAndStatsTests.report(rep: nil)))
        assertSnapshot(of: ConsoleFixture.screen(m).snapshot(), as: .lines, named: "team")
        let mine = ConsoleFixture.press(&m, .char("m"))
        #expect(mine == [.computeStats(StatsRequest(unit: .week, rep: "mia", now: ConsoleFixture.now, utcOffset: 0))])
    }

    @Test func statsBarsReadInMonoAndASCII() {
        var s = ConsoleFixture.state(width: 120, height: 34)
        ConsoleFixture.press(&s, .char("S"))
        _ = Console.update(&s, .statsReady(ManagerAndStatsTests.report(rep: "ana")))
        let ascii = MemoryScreen(width: 120, height: 34)
        ascii.draw(ConsoleView.render(s, boxStyle: .ascii))
        let text = ascii.snapshot()
        #expect(text.contains("#"))
        #expect(!text.contains("█"))
        assertSnapshot(of: text, as: .lines)
    }
}
