import LeadqDomain
import LeadqMetrics
import LeadqTestSupport
import Testing

@Suite struct PeriodTests {
    let utc: (Instant) -> Int64 = { _ in 0 }
    /// Europe/Berlin in autumn 2026: CEST (+2) until 2026-10-25 01:00 UTC, then CET (+1).
    let berlin: (Instant) -> Int64 = { $0 < T("2026-10-25T01:00:00Z") ? 7200 : 3600 }

    func labels(_ ps: [CohortPeriod]) -> [String] { ps.map(\.label) }

    @Test func weeksStartOnMonday() {
        #expect(
            PeriodCalendar.start(of: .week, containing: T("2026-11-27T12:00:00Z"), utcOffset: utc)
                == T("2026-11-23T00:00:00Z"))
        #expect(
            PeriodCalendar.start(of: .week, containing: T("2026-11-23T00:00:00Z"), utcOffset: utc)
                == T("2026-11-23T00:00:00Z"))
        #expect(
            PeriodCalendar.start(of: .week, containing: T("2026-11-22T23:59:59Z"), utcOffset: utc)
                == T("2026-11-16T00:00:00Z"))
        // Sunday 20:00 UTC is already Monday in Tokyo.
        #expect(
            PeriodCalendar.start(of: .week, containing: T("2026-11-22T20:00:00Z"), utcOffset: { _ in 9 * 3600 })
                == T("2026-11-22T15:00:00Z"))
        #expect(
            PeriodCalendar.start(of: .week, periodsBefore: 3, T("2026-11-27T12:00:00Z"), utcOffset: utc)
                == T("2026-11-02T00:00:00Z"))
        #expect(
            ReportWindow.recent(4, .week, now: T("2026-11-27T12:00:00Z"), utcOffset: utc)
                == ReportWindow(from: T("2026-11-02T00:00:00Z"), to: T("2026-11-30T00:00:00Z")))
        #expect(
            ReportWindow.recent(1, .month, now: T("2026-12-31T23:59:59Z"), utcOffset: utc)
                == ReportWindow(from: T("2026-12-01T00:00:00Z"), to: T("2027-01-01T00:00:00Z")))
    }

    @Test func splitCutsTheFirstAndLastPeriods() {
        let w = ReportWindow(from: T("2026-11-18T00:00:00Z"), to: T("2026-12-03T00:00:00Z"))
        let ps = CohortPeriod.split(w, by: .week, utcOffset: utc)
        #expect(labels(ps) == ["2026-11-18", "2026-11-23", "2026-11-30"])
        #expect(
            ps.map(\.window.to) == [T("2026-11-23T00:00:00Z"), T("2026-11-30T00:00:00Z"), T("2026-12-03T00:00:00Z")])
        let months = CohortPeriod.split(
            ReportWindow(from: T("2026-10-15T00:00:00Z"), to: T("2027-01-10T00:00:00Z")), by: .month, utcOffset: utc)
        #expect(labels(months) == ["2026-10-15", "2026-11", "2026-12", "2027-01"])
        #expect(months[2].window == ReportWindow(from: T("2026-12-01T00:00:00Z"), to: T("2027-01-01T00:00:00Z")))
        #expect(
            CohortPeriod.split(
                ReportWindow(from: T("2026-11-18T00:00:00Z"), to: T("2026-11-18T00:00:00Z")), by: .week, utcOffset: utc
            ).isEmpty)
    }

    @Test func boundariesFollowDaylightSaving() {
        let w = ReportWindow(from: T("2026-10-18T22:00:00Z"), to: T("2026-11-01T23:00:00Z"))
        let ps = CohortPeriod.split(w, by: .week, utcOffset: berlin)
        #expect(labels(ps) == ["2026-10-19", "2026-10-26"])
        #expect(ps[0].window.to == T("2026-10-25T23:00:00Z"), "Monday 00:00 CET")
        let nov = PeriodCalendar.start(of: .month, after: T("2026-10-20T12:00:00Z"), utcOffset: berlin)
        #expect(nov == T("2026-10-31T23:00:00Z"))
    }
}
