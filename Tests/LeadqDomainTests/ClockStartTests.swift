import LeadqDomain
import LeadqTestSupport
import Testing

/// Issue 14: the first-touch clock of an inbound lead starts at the inquiry, the pool wait counts,
/// and a hot lead left in the pool is late for routing after `sla.poolHotMinutes`.
@Suite struct ClockStartTests {
    func t(_ s: String) -> Instant { Instant(iso8601: s)! }

    /// The issue's lead: created at 10:00 in the source, imported at 12:30, assigned at 14:34,
    /// called at 14:38.
    func issuesLead(_ settings: Settings, score: Int = 85) -> LeadScript {
        var p = Fixture.profile(score: score)
        p.createdAt = t("2026-11-23T10:00:00Z")
        return LeadScript(profile: p, at: t("2026-11-23T12:30:00Z"), settings: settings)
            .after(2 * Span.hour + 4 * Span.minute).assign("ana")
            .after(4 * Span.minute).contact(.call, .noAnswer, by: "ana")
    }

    @Test func theFirstTouchCountsFromTheInquiry() {
        let s = Fixture.settings
        let lead = issuesLead(s).lead
        let touch = SLA.firstTouch(lead, now: t("2026-11-23T15:00:00Z"), settings: s)!
        #expect(touch.deadline == t("2026-11-23T10:05:00Z"))
        #expect(touch.metAt == t("2026-11-23T14:38:00Z"))
        #expect(touch.breached)
    }

    @Test func aTeamMayCountFromTheAssignment() {
        var s = Fixture.settings
        s.firstTouchFrom = .assignment
        let touch = SLA.firstTouch(issuesLead(s).lead, now: t("2026-11-23T15:00:00Z"), settings: s)!
        #expect(touch.deadline == t("2026-11-23T14:39:00Z"))
        #expect(!touch.breached)
    }

    @Test func anOutboundListCountsFromTheAssignment() {
        var s = Fixture.settings
        s.outboundSources = ["Cold List"]
        var p = Fixture.profile(score: 50)
        p.source = "cold-list"
        p.createdAt = Fixture.t0 - 30 * Span.day
        let lead = LeadScript(profile: p, settings: s).after(Span.hour).assign("ana").lead
        #expect(SLA.firstTouch(lead, now: Fixture.t0, settings: s)?.deadline == Fixture.t0 + 2 * Span.hour)
    }

    @Test func theSourcesCreationTimeIsNeverAfterTheArrival() {
        // A source clock ahead of ours can't put the inquiry after the lead arrived.
        var p = Fixture.profile(score: 50)
        p.createdAt = Fixture.t0 + Span.day
        let lead = LeadScript(profile: p).lead
        #expect(FirstTouch.inquiry(lead) == Fixture.t0)
    }

    @Test func aReassignmentCountsFromItsOwnAssignment() {
        let s = Fixture.settings
        let lead = issuesLead(s).after(Span.hour).assign("ben").lead
        // ben got it from ana, not from the pool: his clock starts with his assignment.
        #expect(
            SLA.firstTouch(lead, now: t("2026-11-23T16:00:00Z"), settings: s)?.deadline == t("2026-11-23T15:43:00Z"))
    }

    @Test func aReleaseFromNurtureStartsANewInquiry() {
        let s = Fixture.settings
        let back = issuesLead(s).clawback(by: "ana").after(30 * Span.day).release()
        #expect(FirstTouch.inquiry(back.lead) == t("2026-11-23T14:38:00Z") + 30 * Span.day)
    }

    @Test func poolLeadsShowTheirWaitAndARunningClock() {
        let s = Fixture.settings
        var p = Fixture.profile(score: 99)
        p.createdAt = Fixture.t0
        let pool = LeadScript(profile: p, settings: s).lead
        let st = SLA.status(pool, now: Fixture.t0 + 5 * Span.hour, settings: s)
        #expect(st.poolWait == 5 * Span.hour)
        #expect(st.firstTouch?.running == true)
        #expect(st.firstTouch?.breached == true)
        #expect(st.firstTouch?.deadline == Fixture.t0 + 5 * Span.minute)
        // A cold lead waits for nurture, not for a rep: no clock.
        let cold = LeadScript(profile: Fixture.profile(score: 10), settings: s).lead
        #expect(SLA.status(cold, now: Fixture.t0, settings: s).firstTouch == nil)
        #expect(SLA.status(cold, now: Fixture.t0 + Span.hour, settings: s).poolWait == Span.hour)
    }

    @Test func hotLeadsWaitingInThePoolPastTheLimit() {
        var s = Fixture.settings
        let hot = LeadScript("L-00001", profile: Fixture.profile(score: 99), settings: s).lead
        let warm = LeadScript("L-00002", profile: Fixture.profile(score: 60), settings: s).lead
        let later = LeadScript("L-00003", profile: Fixture.profile(score: 83), at: Fixture.t0 + Span.minute).lead
        let pool = [later, warm, hot]
        #expect(PoolWatch.hotWaiting(pool, now: Fixture.t0 + 4 * Span.minute, settings: s).isEmpty)
        #expect(PoolWatch.hotWaiting(pool, now: Fixture.t0 + 5 * Span.minute, settings: s).map(\.id) == ["L-00001"])
        #expect(
            PoolWatch.hotWaiting(pool, now: Fixture.t0 + 6 * Span.minute, settings: s).map(\.id)
                == ["L-00001", "L-00003"])
        s.poolHotMinutes = 30
        #expect(PoolWatch.hotWaiting(pool, now: Fixture.t0 + 6 * Span.minute, settings: s).isEmpty)
        // With business hours on, Saturday doesn't count.
        s.businessHours = true
        s.poolHotMinutes = 5
        let friday = t("2026-11-27T17:58:00Z")
        let weekend = LeadScript(profile: Fixture.profile(score: 99), at: friday, settings: s).lead
        #expect(PoolWatch.hotWaiting([weekend], now: t("2026-11-28T12:00:00Z"), settings: s).isEmpty)
        #expect(PoolWatch.lateAt(weekend, settings: s) == t("2026-11-30T09:03:00Z"))
        #expect(PoolWatch.waited(weekend, now: t("2026-11-30T09:10:00Z"), settings: s) == 12 * Span.minute)
    }
}
