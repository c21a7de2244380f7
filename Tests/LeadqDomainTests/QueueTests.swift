import LeadqDomain
import LeadqTestSupport
import Testing

@Suite struct QueueTests {
    let settings = Fixture.settings

    func lead(_ id: String, score: Int, assignedAgo: Int64, now: Instant, owner: String = "ana") -> Lead {
        LeadScript(id, profile: Fixture.profile(name: id, score: score), at: now - assignedAgo - 60).after(60).assign(
            owner
        ).lead
    }

    @Test func defaultOrderIsScoreThenOldestThenId() {
        let now = Fixture.t0 + Span.day
        let leads = [
            lead("L-00005", score: 50, assignedAgo: 3600, now: now),
            lead("L-00002", score: 90, assignedAgo: 60, now: now),
            lead("L-00003", score: 50, assignedAgo: 7200, now: now),
            lead("L-00004", score: 50, assignedAgo: 3600, now: now),
            lead("L-00001", score: 20, assignedAgo: 99_000, now: now),
            lead("L-00006", score: 99, assignedAgo: 60, now: now, owner: "ben"),
        ]
        let rows = Queue.rows(for: "ana", from: leads, now: now, settings: settings)
        #expect(rows.map(\.lead.id) == ["L-00002", "L-00003", "L-00004", "L-00005", "L-00001"])
        // Ids order by length first, so a 6-digit id follows a 5-digit one.
        #expect(LeadID.precedes("L-99999", "L-100000"))
    }

    @Test func otherOrders() {
        let now = Fixture.t0 + 2 * Span.hour
        var a = LeadScript("L-00001", profile: Fixture.profile(score: 40), at: Fixture.t0).assign("ana").accept(
            by: "ana")
        a = a.followUp(due: now + 5 * Span.hour, by: "ana")
        // b's inquiry came in at 10:00 (issue 14: the first-touch clock counts from the inquiry).
        var bProfile = Fixture.profile(score: 60)
        bProfile.createdAt = Fixture.t0 + Span.hour
        var b = LeadScript("L-00002", profile: bProfile, at: Fixture.t0 + Span.hour).assign("ana")
        b = b.after(0)
        let c = LeadScript("L-00003", profile: Fixture.profile(score: 85), at: Fixture.t0 + 90 * 60).assign("ana")
            .contact(.call, .connected, by: "ana").followUp(due: now + Span.hour, by: "ana")
        let leads = [a.lead, b.lead, c.lead]
        func order(_ o: QueueOrder) -> [String] {
            Queue.rows(for: "ana", from: leads, order: o, now: now, settings: settings).map(\.lead.id)
        }
        #expect(order(.scoreAge) == ["L-00003", "L-00002", "L-00001"])
        // a: first touch ran out at 10:00; b: first touch 11:00; c: decision SLA at 09:30 next day.
        #expect(order(.deadline) == ["L-00001", "L-00002", "L-00003"])
        #expect(order(.followUp) == ["L-00003", "L-00001", "L-00002"])
        #expect(order(.age) == ["L-00001", "L-00002", "L-00003"])
        #expect(QueueOrder.scoreAge.next == .deadline)
        #expect(QueueOrder.age.next == .scoreAge)
    }

    @Test func decisionSLA() {
        let s = LeadScript().assign("ana")
        let early = SLA.decision(s.lead, now: Fixture.t0 + 20 * Span.hour, settings: settings)!
        #expect(early.deadline == Fixture.t0 + 24 * Span.hour)
        #expect(!early.breached)
        #expect(early.remaining == 4 * Span.hour)
        let late = SLA.decision(s.lead, now: Fixture.t0 + 25 * Span.hour, settings: settings)!
        #expect(late.breached && late.running)
        let acceptedLate = s.after(26 * Span.hour).accept(by: "ana")
        let met = SLA.decision(acceptedLate.lead, now: Fixture.t0 + 30 * Span.hour, settings: settings)!
        #expect(met.metAt == Fixture.t0 + 26 * Span.hour)
        #expect(met.breached)
    }

    @Test func firstTouchIsFiveMinutesForHotLeadsAndAnHourOtherwise() {
        let hot = LeadScript(profile: Fixture.profile(score: 80)).assign("ana")
        let warm = LeadScript(profile: Fixture.profile(score: 79)).assign("ana")
        #expect(SLA.firstTouch(hot.lead, now: Fixture.t0, settings: settings)?.deadline == Fixture.t0 + 5 * Span.minute)
        #expect(SLA.firstTouch(warm.lead, now: Fixture.t0, settings: settings)?.deadline == Fixture.t0 + Span.hour)
        let touchedLate = hot.after(6 * Span.minute).contact(.call, .noAnswer, by: "ana")
        let st = SLA.firstTouch(touchedLate.lead, now: Fixture.t0 + Span.hour, settings: settings)!
        #expect(st.metAt == Fixture.t0 + 6 * Span.minute)
        #expect(st.breached)
        var custom = settings
        custom.firstTouchHotMinutes = 15
        #expect(SLA.firstTouch(hot.lead, now: Fixture.t0, settings: custom)?.deadline == Fixture.t0 + 15 * Span.minute)
    }

    @Test func statusCountsAttemptsFollowUpsAndClawback() {
        let s = LeadScript().assign("ana").accept(by: "ana").contact(.call, .noAnswer, by: "ana").contact(
            .email, .noAnswer, by: "ana")
        // Issue 14: the second attempt completed the day-1 follow-up and scheduled day 3.
        #expect(s.lead.work.followUps.map(\.status) == [.done, .open])
        let now = Fixture.t0 + 3 * Span.day + Span.hour
        let st = SLA.status(s.lead, now: now, settings: settings)
        #expect(st.attempts == 2)
        #expect(st.followUpOverdue)
        #expect(st.nextAction == "follow up: overdue 1 h")
        #expect(!st.clawbackDue)
        let idle = SLA.status(s.lead, now: Fixture.t0 + 30 * Span.day, settings: settings)
        #expect(idle.clawbackDue)
        #expect(idle.nextAction == "claw back: idle 30 days")
        let almost = SLA.status(s.lead, now: Fixture.t0 + 30 * Span.day - 1, settings: settings)
        #expect(!almost.clawbackDue)
    }

    @Test func nextActions() {
        let hot = LeadScript(profile: Fixture.profile(score: 90)).assign("ana")
        #expect(
            SLA.status(hot.lead, now: Fixture.t0 + 2 * Span.minute, settings: settings).nextAction
                == "call now: hot, 3 min left to first touch")
        let warm = LeadScript(profile: Fixture.profile(score: 50)).assign("ana").contact(.call, .noAnswer, by: "ana")
        #expect(
            SLA.status(warm.lead, now: Fixture.t0 + 4 * Span.hour, settings: settings).nextAction
                == "decide: 20 h left on the decision SLA")
        #expect(
            SLA.status(warm.lead, now: Fixture.t0 + 26 * Span.hour, settings: settings).nextAction
                == "decide: decision SLA breached 2 h ago")
        let due = LeadScript().assign("ana").accept(by: "ana").contact(.call, .connected, by: "ana").followUp(
            due: Fixture.t0 + 8 * Span.hour, by: "ana")
        #expect(
            SLA.status(due.lead, now: Fixture.t0 + Span.hour, settings: settings).nextAction == "follow up: due today")
        var given = Fixture.profile()
        given.nextAction = "Send the ROI calculator"
        let fromSource = LeadScript(profile: given).assign("ana")
        #expect(
            SLA.status(fromSource.lead, now: Fixture.t0, settings: settings).nextAction == "Send the ROI calculator")
    }

    @Test func dataQualityFlags() {
        var p = Fixture.profile(company: "", email: "")
        p.flags = ["duplicate-email:L-00009"]
        #expect(DataQuality.flags(p) == ["no-email-or-phone", "no-company", "duplicate-email:L-00009"])
        #expect(DataQuality.emailKey("  Grace@ACME.example ") == "grace@acme.example")
    }
}
