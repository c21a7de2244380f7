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
}
