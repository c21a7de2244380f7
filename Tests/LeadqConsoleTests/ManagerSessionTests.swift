import Foundation
import LeadqConsole
import LeadqDemo
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import LeadqUI
import Testing

/// The manager's console on a real store: it keeps every queue and the pool without their
/// histories (60,000 leads at 100,000), yet shows what it showed with whole leads, and the detail
/// pane reads its lead whole.
@MainActor @Suite(.serialized) struct ManagerSessionTests {
    let dir = TempDirectory("leadq-manager")
    var path: String { dir.path + "/store" }
    let now = ConsoleFixture.now

    func managerApp(width: Int = 130, height: Int = 34) throws -> (ConsoleApp, MemoryScreen) {
        if !FileManager.default.fileExists(atPath: path + "/settings.json") {
            let (settings, leads) = ConsoleFixture.demo.generate()
            try FileStore.create(at: path, settings: settings, leads: leads)
        }
        let store = try FileStore.open(path)
        let screen = MemoryScreen(width: width, height: height)
        let config = ConsoleConfig(
            rep: "mia", repName: "Mia Laurent", storeLabel: "demo", utcOffset: 0, themeNames: ["default"],
            manager: true)
        var state = ConsoleState(
            config: config, settings: store.settings, size: screen.size, now: now, theme: "default")
        state.queue.setOrder(.deadline)
        let fixed = now
        let app = ConsoleApp(
            state: state, terminal: screen, session: ConsoleSession(store: store, rep: "mia", manager: true),
            clock: { fixed }, loadTheme: { _ in .builtinDefault })
        try app.start()
        return (app, screen)
    }

    /// The store keeps a brief of each lead (snapshot schema 3): the first screen reads only the
    /// leads on it, and a row shown later reads its lead then.
    @Test func theTeamViewReadsOnlyTheLeadsItDraws() throws {
        let (app, _) = try managerApp()
        let entries = app.state.queue.entries.values
        let read = entries.filter(\.isRead).map(\.id)
        #expect(entries.count > 100)
        #expect(!read.isEmpty && Set(read).isSubset(of: Set(app.state.queue.visible.prefix(34))), "\(read.count) read")
        let later = try #require(app.state.queue.visible.last)
        #expect(app.state.queue[later]?.isRead == false)
        app.dispatch(.key(.char("G")))
        app.render()
        #expect(app.state.queue[later]?.isRead == true)
        #expect(app.state.queue[later]?.lead == (try app.session.store.lead(later))?.listed(for: app.state.settings))
    }

    @Test func theTeamViewKeepsLeadsWithoutHistoriesAndShowsTheSameScreen() throws {
        let (app, screen) = try managerApp()
        let held = app.state.queue.entries.values.map(\.lead)
        #expect(held.count > 100)
        #expect(held.allSatisfy { $0.historyLeftOut })
        // The same screen as the golden one, drawn from whole leads.
        var whole = ManagerAndStatsTests.managerState()
        whole.status = app.state.status
        let drawn = ConsoleFixture.screen(whole).snapshot()
        #expect(screen.snapshot() == drawn)
        #expect(app.state.counts == whole.counts && app.state.teamCounts == whole.teamCounts)
    }

    /// A team's agenda is read off the keyboard's thread (the page says so meanwhile), then shows
    /// what the store's leads say, without keeping them in the list.
    @Test func theTeamAgendaIsReadInTheBackground() throws {
        let (app, screen) = try managerApp()
        let heldBefore = app.state.queue.entries.values.filter(\.isRead).count
        app.dispatch(.key(.char("F")))
        let reading = try #require(app.state.agenda.reading)
        let withFollowUps = app.state.queue.entries.values.filter { $0.clocks.nextFollowUpDue != nil }.count
        #expect(reading == withFollowUps && reading > 10)
        app.render()
        #expect(screen.snapshot().contains("Reading the follow-ups of \(reading) leads"))
        let deadline = Date().addingTimeInterval(30)
        while app.state.agenda.agenda == nil && Date() < deadline {
            usleep(5_000)
            app.step()
        }
        let agenda = try #require(app.state.agenda.agenda)
        let store = try FileStore.open(path)
        let expected = Agenda.of(try store.activeLeads(), now: now, zone: app.state.config.zone)
        #expect(agenda == expected && !agenda.overdue.isEmpty && app.state.agenda.reading == nil)
        #expect(app.state.queue.entries.values.filter(\.isRead).count == heldBefore, "no lead kept in the list")
        app.render()
        #expect(screen.snapshot().contains("Overdue (\(agenda.overdue.count))"))
        app.dispatch(.key(.char("j")))
        #expect(app.state.agendaSelected == 1)
        app.dispatch(.key(.enter))
        #expect(app.state.page == .queue && app.state.selected == agenda.items[1].lead && app.state.detailOpen)
    }

    @Test func theDetailPaneReadsItsLeadWhole() throws {
        let (app, screen) = try managerApp()
        // A lead with a long history: its first entry, the creation, is at the bottom of the pane.
        let target = app.state.queue.visible.first { id in
            (try? app.session.store.lead(id))?.history.count ?? 0 >= 3
        }!
        while app.state.selected != target { app.dispatch(.key(.char("j"))) }
        app.dispatch(.key(.enter))
        app.render()
        let whole = try #require(try app.session.store.lead(target))
        #expect(app.state.selectedLead == whole)
        #expect(app.state.selectedEntry?.lead.historyLeftOut == true && whole.history.count >= 3)
        // The pane shows what it shows when the queue holds the lead whole.
        var full = app.state
        full.queue.upsert(whole, settings: full.settings, now: now)
        let drawnWhole = ConsoleFixture.screen(full).snapshot()
        #expect(screen.snapshot() == drawnWhole)
    }
}
