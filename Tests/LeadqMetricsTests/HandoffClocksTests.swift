import LeadqDemo
import LeadqDomain
import LeadqMetrics
import LeadqTestSupport
import Testing

/// The report judges each assignment's clocks with each rep's calendar and each lead's first-touch
/// terms looked up once (not for every assignment): its rows must say what judging every spell of
/// every lead with `SpellClocks`' own lookups says, whatever the window, `now`, the reps' zones and
/// the playbooks, with undone entries and merged leads among the leads.
@Suite struct HandoffClocksTests {
    static let base = Fixture.t0

    /// The demo's leads with some entries undone (an undo appended for an earlier entry) and the
    /// settings made to differ by rep: zones, business hours, a playbook on the industry.
    static let store: (settings: Settings, leads: [Lead]) = {
        let demo = DemoStore(leads: 1_500, seed: 29, now: base).generate()
        var settings = demo.settings
        for i in settings.reps.indices where i % 3 != 0 {
            settings.reps[i].timeZone = i % 3 == 1 ? "UTC+05:30" : "UTC-08:00"
        }
        let fast = PlayStep(within: 3 * Span.minute, channel: .call, what: "Call at once")
        let when = [RoutingRule.Condition(field: .industry, anyOf: ["Financial Services"])]
        settings.playbooks.insert(Playbook(name: "finance", when: when, steps: [fast]), at: 0)
        var rng = SplitMix(seed: 7)
        let leads = demo.leads.map { lead -> Lead in
            guard lead.history.count > 2, Int.random(in: 0..<5, using: &rng) == 0 else { return lead }
            let target = lead.history[Int.random(in: 1..<lead.history.count, using: &rng)]
            let last = lead.history.last!
            let undo = Entry(seq: last.seq + 1, at: last.at + 60, by: target.by, op: .undo(target: target.seq))
            return Lead(id: lead.id, profile: lead.profile, history: lead.history + [undo])
        }
        return (settings, leads)
    }()

    /// Per rep: handoffs, decision breaches, first-touch clocks and breaches, and the response
    /// bands' counts, judged spell by spell the long way.
    static func expected(_ window: ReportWindow, now: Instant, settings: Settings, leads: [Lead]) -> [String: [Int]] {
        var out: [String: [Int]] = [:]
        for lead in leads where LeadTimeline.exists(lead, asOf: now) {
            let tl = LeadTimeline(lead, now: now)
            let profile = tl.lead.profile
            for spell in tl.spells where window.contains(spell.start) {
                let c = SpellClocks(spell, profile: profile, settings: settings, now: now)
                var row = out[spell.rep] ?? [0, 0, 0, 0, 0, 0]
                row[0] += 1
                if c.decisionBreached { row[1] += 1 }
                if let late = c.firstTouchBreached {
                    row[2] += 1
                    if late { row[3] += 1 }
                }
                if !profile.noContact && c.responseTime == nil { row[spell.end == nil ? 4 : 5] += 1 }
                out[spell.rep] = row
            }
        }
        return out
    }

    @Test func everyAssignmentIsJudgedAsItsOwnLookupsJudgeIt() {
        let (settings, leads) = HandoffClocksTests.store
        #expect(leads.contains { $0.undoneSeqs.count > 0 })
        #expect(leads.contains { LeadTimeline($0, now: HandoffClocksTests.base).merged })
        var rng = SplitMix(seed: 11)
        for _ in 0..<12 {
            let now = HandoffClocksTests.base - Int64.random(in: 0..<(20 * Span.day), using: &rng)
            let from = now - Int64.random(in: Span.day..<(60 * Span.day), using: &rng)
            let to = now + Int64.random(in: -Span.day..<(5 * Span.day), using: &rng)
            guard from < to else { continue }
            let window = ReportWindow(from: from, to: to)
            let periods = CohortPeriod.split(window, by: .week, utcOffset: { _ in 0 })
            let report = Report.build(leads, settings: settings, window: window, periods: periods, now: now)
            let want = HandoffClocksTests.expected(window, now: now, settings: settings, leads: leads)
            #expect(want.values.reduce(0) { $0 + $1[0] } > 0, "the window holds assignments")
            for f in report.reps where f.handoffs > 0 || want[f.rep] != nil {
                let got = [
                    f.handoffs, f.decisionBreaches, f.firstTouchClocks, f.firstTouchBreaches,
                    f.responseDistribution.waiting, f.responseDistribution.leftWithoutContact,
                ]
                #expect(got == want[f.rep], "\(f.rep) at \(now.iso8601), \(from.iso8601)–\(to.iso8601)")
            }
        }
    }

    /// Sources spelled several ways, read in any order: each group shows its smallest spelling, also
    /// when the same spelling comes again (it is noted once) and when parts are merged.
    @Test func aSourceSeenAgainKeepsTheSmallestSpelling() {
        let (settings, demoLeads) = HandoffClocksTests.store
        let spellings = ["Web Form", "web-form", "WEB FORM", "Web Form", "webinar", "Webinar"]
        var rng = SplitMix(seed: 3)
        let leads = demoLeads.prefix(600).map { lead -> Lead in
            var p = lead.profile
            p.source = spellings[Int.random(in: 0..<spellings.count, using: &rng)]
            return Lead(id: lead.id, profile: p, history: lead.history)
        }
        let now = HandoffClocksTests.base
        let window = ReportWindow(from: now - 60 * Span.day, to: now + Span.day)
        let periods = CohortPeriod.split(window, by: .week, utcOffset: { _ in 0 })
        let one = Report.build(leads, settings: settings, window: window, periods: periods, now: now)
        let sources = Set(one.cohortTotals.compactMap(\.source))
        #expect(sources.isSuperset(of: ["WEB FORM", "Webinar"]) && !sources.contains("web-form"), "\(sources)")
        for shuffle in 0..<3 {
            var order = SplitMix(seed: UInt64(shuffle))
            let shuffled = leads.shuffled(using: &order)
            var a = ReportBuilder(settings: settings, window: window, periods: periods, now: now)
            var b = a
            for (i, l) in shuffled.enumerated() {
                if i % 2 == 0 { a.add(l) } else { b.add(l) }
            }
            b.merge(a)
            #expect(b.report() == one)
        }
    }
}
