import Foundation
import LeadqApp
import LeadqDemo
import LeadqDomain
import LeadqMetrics
import LeadqStore
import LeadqTestSupport
import Testing

/// A report read from a store (in parts, leaving out leads that name none of its reps) says what
/// the same report built from every lead says; the stats page's day comes from the same reading.
@Suite struct ReportReadingTests {
    static let now = Fixture.t0

    /// A compacted demo store with changes since its snapshot: a lead handed to ana, one rejected.
    static func store() throws -> (TempDirectory, any LeadStore) {
        let dir = TempDirectory("leadq-report-reading")
        let (store, _, _) = try Maintenance.createDemo(
            at: dir.path, leads: 1_500, seed: 23, now: now - Span.hour, replacing: false)
        _ = try store.compact()
        let pool = try #require(try store.unassigned().first)
        let bens = try #require(try store.leads(ownedBy: "ben").first { $0.stage == .assigned })
        try store.transact(as: "mia", at: now - 60) { tx in
            _ = try tx.perform(.assign(to: "ana", rule: nil), on: pool.id)
        }
        try store.transact(as: "ben", at: now - 30) { tx in
            _ = try tx.perform(.reject(reason: "no-budget", note: ""), on: bens.id)
        }
        return (dir, store)
    }

    static func everyLead(_ s: any LeadStore) throws -> [Lead] {
        var out: [Lead] = []
        try s.forEachLead { out.append($0) }
        return out
    }

    @Test(arguments: [
        ReportFilter(), ReportFilter(rep: "ana"), ReportFilter(team: "emea"), ReportFilter(rep: "nobody"),
    ])
    func aReportReadFromTheStoreIsTheReportOfEveryLead(_ filter: ReportFilter) throws {
        let (dir, store) = try ReportReadingTests.store()
        defer { _ = dir }
        let ws = Workspace(store: store, actor: "mia", zone: .utc, clock: { ReportReadingTests.now })
        let request = ReportRequest(unit: .week, filter: filter)
        let read = try ws.report(request, at: ReportReadingTests.now)
        let window = try ws.reportWindow(request, at: ReportReadingTests.now)
        let all = try ReportReadingTests.everyLead(store)
        let built = Report.build(
            all, settings: store.settings, window: window,
            periods: CohortPeriod.split(window, by: .week, utcOffset: { _ in 0 }), now: ReportReadingTests.now,
            filter: filter)
        #expect(read == built)
        if filter.rep == "ana" { #expect(read.team.handoffs > 20, "ana's figures aren't empty") }
    }

    /// The reading leaves most of each profile unread (`ReportBuilder.profileMembers`), but not a
    /// member a playbook's condition names: a playbook on the industry setting a one-minute first
    /// touch changes the figures, and the report read says what the report of every lead, whole, says.
    @Test func aMemberAPlaybookNamesIsRead() throws {
        let (dir, store) = try ReportReadingTests.store()
        defer { _ = dir }
        let now = ReportReadingTests.now
        var settings = store.settings
        let fast = PlayStep(within: Span.minute, channel: .call, what: "Call within the minute")
        let when = [RoutingRule.Condition(field: .industry, anyOf: ["Financial Services"])]
        settings.playbooks.insert(Playbook(name: "finance", when: when, steps: [fast]), at: 0)
        try store.applySettings(settings, note: "finance playbook", as: "mia", at: now - 10)
        #expect(ReportBuilder.profileMembers(store.settings).contains(.industry))
        #expect(!ReportBuilder.profileMembers(store.settings).contains(.name))

        let ws = Workspace(store: store, actor: "mia", zone: .utc, clock: { now })
        let request = ReportRequest(unit: .week)
        let (read, day) = try ws.report(request, at: now, andDay: DayFigures(dayOf: now, zone: .utc), of: nil)
        let window = try ws.reportWindow(request, at: now)
        let periods = CohortPeriod.split(window, by: .week, utcOffset: { _ in 0 })
        let all = try ReportReadingTests.everyLead(store)
        let built = Report.build(all, settings: store.settings, window: window, periods: periods, now: now)
        #expect(read == built)
        #expect(day == DayFigures.of(all, rep: nil, now: now, zone: .utc, settings: store.settings))
        // Without the industry, the playbook finds nobody: other figures.
        let blind = all.map { lead in
            var p = lead.profile
            p.industry = ""
            return Lead(id: lead.id, profile: p, history: lead.history, version: lead.version)
        }
        let unread = Report.build(blind, settings: store.settings, window: window, periods: periods, now: now)
        #expect(unread.team.firstTouchBreaches != read.team.firstTouchBreaches)
    }

    /// A long reading says how far it has got, from each part, a thousand leads at a time.
    @Test func theReadingTellsItsProgress() throws {
        let dir = TempDirectory("leadq-report-progress")
        let (store, _, _) = try Maintenance.createDemo(
            at: dir.path, leads: 12_000, seed: 5, now: ReportReadingTests.now - Span.hour, replacing: false)
        let ws = Workspace(store: store, actor: "mia", zone: .utc, clock: { ReportReadingTests.now })
        let heard = Heard()
        let now = ReportReadingTests.now
        _ = try ws.report(
            ReportRequest(unit: .week), at: now, andDay: DayFigures(dayOf: now, zone: .utc), of: nil,
            progress: { heard.add($0) })
        let (calls, total) = heard.seen
        #expect(total % 1024 == 0 && total <= 12_000, "\(calls) \(total)")
        // Each part keeps back fewer than 1,024 it hasn't told (four parts a core, up to 8 cores).
        let parts = 4 * min(8, max(1, ProcessInfo.processInfo.activeProcessorCount))
        if parts <= 8 { #expect(calls >= 2 && total > 12_000 - parts * 1024, "\(calls) \(total)") }
    }

    /// What the progress callback heard, from any thread.
    final class Heard: @unchecked Sendable {
        private let lock = NSLock()
        private var calls = 0
        private var total = 0
        func add(_ n: Int) {
            lock.lock()
            (calls, total) = (calls + 1, total + n)
            lock.unlock()
        }
        var seen: (calls: Int, total: Int) {
            lock.lock()
            defer { lock.unlock() }
            return (calls, total)
        }
    }

    @Test(arguments: ["ana", nil] as [String?])
    func theStatsPageDayComesFromTheSameReading(_ rep: String?) throws {
        let (dir, store) = try ReportReadingTests.store()
        defer { _ = dir }
        let now = ReportReadingTests.now
        let ws = Workspace(store: store, actor: "mia", zone: .utc, clock: { now })
        let request = ReportRequest(unit: .week, filter: ReportFilter(rep: rep))
        let (report, day) = try ws.report(
            request, at: now, andDay: DayFigures(dayOf: now, zone: .utc), of: rep)
        let all = try ReportReadingTests.everyLead(store)
        let expected = DayFigures.of(all, rep: rep, now: now, zone: .utc, settings: store.settings)
        #expect(day == expected && day.contacts > 0)
        #expect(try ws.today(rep: rep, at: now) == expected)
        #expect(report == (try ws.report(request, at: now)))
    }

    /// The team's agenda is read in parts, each lead let go once its items are taken: it is the
    /// agenda of every lead in a queue, in the same order, with the changes since the snapshot.
    @Test func theTeamsAgendaReadInPartsIsTheAgendaOfEveryQueue() throws {
        let (dir, store) = try ReportReadingTests.store()
        defer { _ = dir }
        let now = ReportReadingTests.now
        let anas = try #require(try store.leads(ownedBy: "ana").first { $0.stage == .accepted })
        try store.transact(as: "ana", at: now - 20) { tx in
            _ = try tx.perform(
                .scheduleFollowUp(due: now + Span.hour, what: "Call back after the snapshot"),
                on: anas.id)
        }
        let ws = Workspace(store: store, actor: "mia", zone: .utc, clock: { now })
        let read = try ws.agenda(of: nil, at: now)
        #expect(read == Agenda.of(try store.activeLeads(), now: now, zone: .utc))
        #expect(read.overdue.count > 20 && read.week.count > 20)
        #expect(read.today.contains { $0.lead == anas.id && $0.what == "Call back after the snapshot" })
        #expect(try ws.agenda(of: "ana", at: now) == Agenda.of(try store.leads(ownedBy: "ana"), now: now, zone: .utc))
    }
}
