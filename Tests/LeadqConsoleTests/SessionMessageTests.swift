import LeadqConsole
import LeadqDomain
import LeadqTestSupport
import LeadqUI
import Testing

/// What the runtime reports about the session, each message sent to the reducer with exactly how
/// the state must change.
@Suite struct SessionMessageTests {
    static let t0 = Fixture.t0
    /// Half an hour after the leads were assigned: within every SLA of an ordinary lead, past the
    /// five minutes of a hot one.
    static let now = t0 + 1_800

    static func empty() -> ConsoleState {
        ConsoleState(
            config: ConsoleFixture.config(), settings: Fixture.settings, size: Size(width: 100, height: 30),
            now: t0, theme: "default")
    }

    static func script(_ id: String, score: Int) -> LeadScript {
        LeadScript(id, profile: Fixture.profile(name: "Lead \(id)", score: score), at: t0).assign("ana")
    }

    static func lead(_ id: String, score: Int) -> Lead {
        script(id, score: score).lead
    }

    static func saved(_ lead: Lead) -> SavedLead {
        SavedLead(event: Event(lead: lead.id, entry: lead.history.last!), lead: lead)
    }

    /// Ana's queue: an ordinary lead, a hot one, and one in between.
    static let leads = [lead("L-00001", score: 50), lead("L-00002", score: 90), lead("L-00003", score: 70)]

    static func startedState() -> ConsoleState {
        var s = empty()
        _ = Console.update(&s, .started(leads: leads, size: Size(width: 120, height: 40), now: now))
        return s
    }

    static func started() -> ReducerHarness {
        ReducerHarness(startedState())
    }

    @Test func startedLoadsTheQueueOnItsFirstLeadAndCountsIt() {
        var h = ReducerHarness(SessionMessageTests.empty())
        let size = Size(width: 120, height: 40)
        let effects = h.send(.started(leads: SessionMessageTests.leads, size: size, now: SessionMessageTests.now)) {
            $0.size = size
            $0.now = SessionMessageTests.now
            $0.queue.replaceAll(SessionMessageTests.leads, settings: $0.settings, now: SessionMessageTests.now)
            $0.selected = "L-00002"
            $0.counts.inQueue = 3
            // The hot lead's five minutes to the first touch have passed.
            $0.counts.breaches = 1
            $0.teamCounts = ["ana": $0.counts]
        }
        #expect(effects.isEmpty)
        #expect(h.state.queue.visible == ["L-00002", "L-00003", "L-00001"])
    }

    @Test func configuredSetsTheKeysAndTheOrderAndKeepsTheCursorOnItsLead() {
        var h = SessionMessageTests.started()
        h.send(.key(.char("j"))) { $0.selected = "L-00003" }
        var keys = Keymap()
        keys.bind(.accept, to: [.char("y")])
        h.send(.configured(keymap: keys, order: .age)) {
            $0.keymap = keys
            $0.queue.setOrder(.age)
        }
        #expect(h.state.queue.order == .age)
        let accept = h.send(.key(.char("y")))
        #expect(accept == [.perform(.accept, h.state.target()!)])
    }

    @Test func warningsLeaveTheLastOnTheStatusLine() {
        var h = SessionMessageTests.started()
        h.send(.warnings([]))
        h.send(.warnings(["journal-1: dropped 7 bytes", "journal-2: dropped 3 bytes"])) {
            $0.status = StatusLine("journal-2: dropped 3 bytes", .warn)
        }
    }

    @Test func aFailedCompactionIsAWarning() {
        var h = SessionMessageTests.started()
        h.send(.compactionFailed("disk full (ENOSPC)")) {
            $0.status = StatusLine("Background compaction failed: disk full (ENOSPC)", .warn)
        }
    }

    @Test func aSavedActionMovesTheLeadAndSaysSo() {
        var h = SessionMessageTests.started()
        let accepted = SessionMessageTests.script("L-00002", score: 90).accept(by: "ana").lead
        h.send(.saved(SessionMessageTests.saved(accepted))) {
            $0.queue.upsert(accepted, settings: $0.settings, now: SessionMessageTests.now)
            $0.status = StatusLine("Accepted L-00002 (Lead L-00002) · saved · u to undo", .ok)
        }
    }

    @Test func anUndoneSweepBringsEveryLeadBack() {
        var h = SessionMessageTests.started()
        let back = ["L-00004", "L-00005"].map { id in
            let swept = SessionMessageTests.script(id, score: 40).clawback(by: "ana")
            return swept.undo(swept.lead.version, by: "ana").lead
        }
        let before = h.state.counts
        h.send(.undone(action: "2 events at 09:00: clawback ×2", leads: back.map(SessionMessageTests.saved))) {
            for lead in back { $0.queue.upsert(lead, settings: $0.settings, now: SessionMessageTests.now) }
            $0.counts.inQueue = before.inQueue + 2
            $0.teamCounts = ["ana": $0.counts]
            $0.status = StatusLine("Undid your last action (2 events at 09:00: clawback ×2) · saved", .ok)
        }
        #expect(h.state.selected == "L-00002")
    }
}
