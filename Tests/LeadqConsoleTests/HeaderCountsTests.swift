import LeadqDemo
import LeadqDomain
import Testing

/// The header's counts come from `SLA.alarms`, which must answer as `SLA.status` does for every
/// lead, at any time and in any zone (it skips only what a row alone shows).
@Suite struct HeaderCountsTests {
    @Test(arguments: [0, 3_600, -18_000, 50_400] as [Int64])
    func alarmsAgreeWithTheStatus(_ utcOffset: Int64) {
        let (settings, leads) = ConsoleFixture.demo.generate()
        var everySecond = settings
        everySecond.businessHours = !settings.businessHours
        var checked = 0
        for s in [settings, everySecond] {
            for hoursLater in [0, 7, 30, 24 * 9] as [Int64] {
                let now = ConsoleFixture.now + hoursLater * 3_600
                for lead in leads {
                    let st = SLA.status(lead, now: now, settings: s, utcOffset: utcOffset)
                    let a = SLA.alarms(lead, now: now, settings: s, utcOffset: utcOffset)
                    #expect(a.anyBreach == st.anyBreach, "\(lead.id)")
                    #expect(a.followUpOverdue == st.followUpOverdue, "\(lead.id)")
                    #expect(a.followUpDueToday == st.followUpDueToday, "\(lead.id)")
                    #expect(a.clawbackDue == st.clawbackDue, "\(lead.id)")
                    if st.anyBreach || st.followUpDueToday || st.followUpOverdue || st.clawbackDue { checked += 1 }
                }
            }
        }
        // The demo's leads give every answer both ways.
        #expect(checked > 100)
    }

    /// A manager's console keeps each lead's clocks, worked out once, and counts from them every
    /// second: they must answer as `SLA.alarms` and the pool's watch do at any later time, and
    /// sort as the rows' statuses do.
    @Test(arguments: [0, -18_000, 50_400] as [Int64])
    func clocksKeptFromTheStartAnswerAsTheLeadDoesLater(_ utcOffset: Int64) {
        let (settings, leads) = ConsoleFixture.demo.generate()
        var everySecond = settings
        everySecond.businessHours = !settings.businessHours
        var alarmed = 0
        var hot = 0
        for s in [settings, everySecond] {
            let clocks = leads.map { LeadClocks($0, settings: s) }
            for minutesLater in [0, 1, 59, 7 * 60, 30 * 60, 24 * 60 * 9, 24 * 60 * 40] as [Int64] {
                let now = ConsoleFixture.now + minutesLater * 60
                for (lead, c) in zip(leads, clocks) {
                    let a = SLA.alarms(lead, now: now, settings: s, utcOffset: utcOffset)
                    #expect(c.alarms(now: now, settings: s, utcOffset: utcOffset) == a, "\(lead.id) at \(now)")
                    let waits = lead.stage == .new && s.isHot(lead.score) && PoolWatch.lateAt(lead, settings: s) <= now
                    #expect(c.hotWaiting(now: now) == waits, "\(lead.id)")
                    if a.anyBreach || a.followUpDueToday || a.followUpOverdue || a.clawbackDue { alarmed += 1 }
                    if waits { hot += 1 }
                }
            }
            for (lead, c) in zip(leads, clocks) {
                let row = QueueRow(lead: lead, status: SLA.status(lead, now: ConsoleFixture.now, settings: s))
                #expect(Queue.SortKey(lead, c) == Queue.SortKey(row), "\(lead.id)")
            }
        }
        #expect(alarmed > 100 && hot > 0)
    }

    /// What a manager's list keeps of a lead (`Lead.listed`) gives every row the status the whole
    /// lead gives, whether the team's playbooks pick leads by trigger, by content or by neither.
    @Test func aListedLeadHasTheWholeLeadsStatus() {
        let (settings, leads) = ConsoleFixture.demo.generate()
        var byContent = settings
        byContent.playbooks = [
            Playbook(
                name: "guide", when: [RoutingRule.Condition(field: .content, anyOf: ["pricing guide"])],
                steps: [PlayStep(within: 7 * Span.minute, channel: .email, what: "Send the guide")])
        ]
        var none = settings
        none.playbooks = []
        var stepped = 0
        for s in [settings, byContent, none] {
            for hoursLater in [0, 30] as [Int64] {
                let now = ConsoleFixture.now + hoursLater * 3_600
                for lead in leads {
                    let listed = lead.listed(for: s)
                    let whole = SLA.status(lead, now: now, settings: s)
                    #expect(SLA.status(listed, now: now, settings: s) == whole, "\(lead.id)")
                    #expect(listed.historyLeftOut && listed.work.nextFollowUp == lead.work.nextFollowUp)
                    #expect(listed.version == lead.version && listed.owner == lead.owner && listed.stage == lead.stage)
                    if whole.step != nil { stepped += 1 }
                }
            }
        }
        #expect(stepped > 50)
    }
}
