import LeadqDomain
import LeadqTestSupport
import Testing

/// Working time: 09:00–18:00 Monday to Friday in the rep's zone, minus holidays, across a weekend,
/// a holiday and both daylight-saving changes.
@Suite struct BusinessHoursTests {
    func t(_ s: String) -> Instant { Instant(iso8601: s)! }

    /// The team's defaults with business hours on, ana in New York.
    var settings: Settings {
        var s = Fixture.settings
        s.businessHours = true
        s.reps[0].timeZone = "America/New_York"
        s.zones["America/New_York"] = ZoneTables.newYork
        return s
    }

    @Test func aFridayNightClockWaitsForMonday() {
        let cal = WorkCalendar(hours: WorkingHours(), zone: .utc)
        // 2026-11-27 is a Friday.
        #expect(cal.adding(Span.hour, to: t("2026-11-27T22:58:00Z")) == t("2026-11-30T10:00:00Z"))
        #expect(cal.adding(Span.hour, to: t("2026-11-27T17:30:00Z")) == t("2026-11-30T09:30:00Z"))
        #expect(cal.working(from: t("2026-11-27T22:58:00Z"), to: t("2026-11-28T09:00:00Z")) == 0)
        #expect(cal.working(from: t("2026-11-27T17:30:00Z"), to: t("2026-11-30T09:30:00Z")) == Span.hour)
        #expect(cal.working(from: t("2026-11-30T09:30:00Z"), to: t("2026-11-27T17:30:00Z")) == -Span.hour)
    }

    @Test func theIssuesLeadAssignedFridayNightIsNotBreachedOnSaturday() {
        var s = Fixture.settings
        s.businessHours = true
        let friday = t("2026-11-27T22:58:00Z")
        var p = Fixture.profile(score: 50)
        p.createdAt = friday
        let lead = LeadScript(profile: p, at: friday, settings: s).assign("ben").lead
        let saturday = SLA.firstTouch(lead, now: t("2026-11-28T09:00:00Z"), settings: s)!
        #expect(!saturday.breached)
        #expect(saturday.remaining == Span.hour)
        #expect(saturday.deadline == t("2026-11-30T10:00:00Z"))
        // The decision SLA is 24 working hours: Monday, Tuesday and 6 hours of Wednesday.
        #expect(SLA.decision(lead, now: friday, settings: s)?.deadline == t("2026-12-02T15:00:00Z"))
        // Off, every second counts, as before.
        s.businessHours = false
        #expect(SLA.firstTouch(lead, now: t("2026-11-28T09:00:00Z"), settings: s)!.breached)
    }

    @Test func holidaysAreNotWorkingTime() {
        var hours = WorkingHours()
        hours.holidays = [CivilTime.days(year: 2026, month: 12, day: 25)]
        let cal = WorkCalendar(hours: hours, zone: .utc)
        // Thursday 17:00: an hour left that day, Friday the 25th off, the weekend, then Mon, Tue, 5 h Wed.
        #expect(cal.adding(24 * Span.hour, to: t("2026-12-24T17:00:00Z")) == t("2026-12-30T14:00:00Z"))
        #expect(cal.nextWorking(t("2026-12-25T10:00:00Z")) == t("2026-12-28T09:00:00Z"))
        #expect(!cal.isWorking(t("2026-12-25T10:00:00Z")))
    }

    @Test func springForwardInTheRepsZone() {
        let cal = settings.calendar(forRep: "ana")
        // Friday 17:30 EST; Monday 09:30 is EDT (UTC-4) after the Sunday change.
        let friday = t("2026-03-06T22:30:00Z")
        #expect(cal.adding(Span.hour, to: friday) == t("2026-03-09T13:30:00Z"))
        #expect(cal.working(from: friday, to: t("2026-03-09T13:30:00Z")) == Span.hour)
        #expect(cal.nextWorking(t("2026-03-08T15:00:00Z")) == t("2026-03-09T13:00:00Z"))
    }

    @Test func fallBackInTheRepsZone() {
        let cal = settings.calendar(forRep: "ana")
        // Friday 17:30 EDT; Monday 09:30 is EST (UTC-5) after the Sunday change.
        let friday = t("2026-10-30T21:30:00Z")
        #expect(cal.adding(Span.hour, to: friday) == t("2026-11-02T14:30:00Z"))
        #expect(cal.working(from: friday, to: t("2026-11-02T14:30:00Z")) == Span.hour)
        // In Berlin the clocks went back a week earlier: its 09:00 is 08:00 UTC from 2026-10-26.
        let berlin = WorkCalendar(hours: WorkingHours(), zone: ZoneTables.berlin)
        #expect(berlin.nextWorking(t("2026-10-24T12:00:00Z")) == t("2026-10-26T08:00:00Z"))
    }

    @Test func aRepsClockRunsInTheirOwnZone() {
        let s = settings
        // Monday 2026-11-23 09:00 UTC is 04:00 in New York: ana's first hour starts at 09:00 EST.
        let lead = LeadScript(profile: Fixture.profile(score: 50), settings: s).assign("ana").lead
        #expect(SLA.firstTouch(lead, now: Fixture.t0, settings: s)?.deadline == t("2026-11-23T15:00:00Z"))
        let ben = LeadScript(profile: Fixture.profile(score: 50), settings: s).assign("ben").lead
        #expect(SLA.firstTouch(ben, now: Fixture.t0, settings: s)?.deadline == t("2026-11-23T10:00:00Z"))
    }

    /// The week-at-a-time count for long spans agrees with counting day by day, and adding is the
    /// inverse of counting.
    @Test func longSpansCountTheSameAsDayByDay() {
        var hours = WorkingHours()
        hours.days = [1, 2, 4, 6]
        hours.holidays = [
            CivilTime.days(year: 2026, month: 12, day: 24), CivilTime.days(year: 2027, month: 1, day: 1),
            CivilTime.days(year: 2027, month: 3, day: 6),
        ]
        let cal = WorkCalendar(hours: hours, zone: ZoneTables.berlin)
        let start = t("2026-11-05T11:17:00Z")
        for days in [1, 59, 61, 90, 137, 200] as [Int64] {
            let end = start + days * Span.day + 3 * Span.hour
            var exact: Int64 = 0
            for d in cal.day(of: start)...cal.day(of: end) {
                guard let i = cal.interval(ofDay: d) else { continue }
                exact += max(0, min(end, i.close) - max(start, i.open))
            }
            #expect(cal.working(from: start, to: end) == exact, "\(days) days")
        }
        for hoursOfWork in [1, 9, 40, 600, 1_000, 5_000] as [Int64] {
            let end = cal.adding(hoursOfWork * Span.hour, to: start)
            #expect(cal.working(from: start, to: end) == hoursOfWork * Span.hour, "\(hoursOfWork) h")
            #expect(cal.isWorking(end - 1))
        }
    }

    @Test func theWeekdaysAreRight() {
        #expect(WorkingHours.weekday(ofDay: 0) == 4)  // 1970-01-01, a Thursday
        #expect(WorkingHours.weekday(ofDay: CivilTime.days(year: 2026, month: 11, day: 23)) == 1)
        #expect(WorkingHours.weekday(ofDay: CivilTime.days(year: 2026, month: 11, day: 29)) == 7)
    }
}
