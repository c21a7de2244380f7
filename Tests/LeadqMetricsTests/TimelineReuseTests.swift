import LeadqDemo
import LeadqDomain
import LeadqTestSupport
import Testing

@testable import LeadqMetrics

/// A report walks every lead's timeline with one walk, reset between leads: each timeline must be
/// what a fresh walk makes of the same lead, whatever lead came before it.
@Suite struct TimelineReuseTests {
    static func facts(_ t: LeadTimeline) -> [String] {
        [
            "\(t.createdAt)", "\(t.spells)", "\(t.stays)", "\(t.decisions)",
            "\(t.followUpsDone.map { "\($0.at) \($0.rep)" })", "\(t.actions.map { "\($0.at) \($0.rep)" })",
            "\(t.reached.sorted { $0.rawValue < $1.rawValue })", "\(String(describing: t.opportunity))", "\(t.merged)",
        ]
    }

    @Test func aTimelineWalkedAfterOthersIsTheOneAFreshWalkMakes() {
        let t0 = Fixture.t0
        let demo = DemoStore(leads: 600, seed: 5, now: t0).generate().1
        // A lead with no `created` entry after ones with: its first spell has no inquiry unless one
        // is left over from the lead before.
        let bare = Lead(
            id: "L-90001", profile: demo[0].profile,
            history: [Entry(seq: 1, at: t0 - 600, by: "mia", op: .assign(to: "ana", rule: nil))])
        var leads = demo + [bare]
        leads.insert(bare, at: 1)
        var walk = TimelineWalk(sourceCreated: Instant(seconds: 0))
        var changes = 0
        for now in [t0, t0 - 3 * Span.day, t0 + Span.day] {
            var before: [String]?
            for lead in leads {
                let shared = TimelineReuseTests.facts(LeadTimeline(lead, now: now, walking: &walk))
                let fresh = TimelineReuseTests.facts(LeadTimeline(lead, now: now))
                #expect(shared == fresh, "\(lead.id) as of \(now)")
                if let b = before, b != fresh { changes += 1 }
                before = fresh
            }
        }
        // The leads must differ from one another for the reuse to be tried at all.
        #expect(changes > 1_000)
        #expect(LeadTimeline(bare, now: t0).spells.first?.inquiryAt == nil)
    }
}
