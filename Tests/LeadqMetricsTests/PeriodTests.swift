import LeadqDomain
import LeadqMetrics
import LeadqTestSupport
import Testing

@Suite struct PeriodTests {
    let utc: (Instant) -> Int64 = { _ in 0 }
    /// Europe/Berlin in autumn 2026: CEST (+2) until 2026-10-25 01:00 UTC, then CET (+1).
    let berlin: (Instant) -> Int64 = { $0 < iso("2026-10-25T01:00:00Z") ? 7200 : 3600 }

    func labels(_ ps: [CohortPeriod]) -> [String] { ps.map(\.label) }

    @Test func weeksStartOnMonday() {
        #expect(
            PeriodCalendar.start(of: .week, containing: iso("2026-11-27T12:00:00Z"), utcOffset: utc)
                == iso("2026-11-23T00:00:00Z"))
        #expect(
            PeriodCalendar.start(of: .week, containing: iso("2026-11-23T00:00:00Z"), utcOffset: utc)
                == iso("2026-11-23T00:00:00Z"))
        #expect(
            PeriodCalendar.start(of: .week, containing: iso("2026-11-22T23:59:59Z"), utcOffset: utc)
                == iso("2026-11-16T00:00:00Z"))
        // Sunday 20:00 UTC is already Monday in Tokyo.
        #expect(
            PeriodCalendar.start(of: .week, containing: iso("2026-11-22T20:00:00Z"), utcOffset: { _ in 9 * 3600 })
                == iso("2026-11-22T15:00:00Z"))
        #expect(
            PeriodCalendar.start(of: .week, periodsBefore: 3, iso("2026-11-27T12:00:00Z"), utcOffset: utc)
                == iso("2026-11-02T00:00:00Z"))
        #expect(
            ReportWindow.recent(4, .week, now: iso("2026-11-27T12:00:00Z"), utcOffset: utc)
                == ReportWindow(from: iso("2026-11-02T00:00:00Z"), to: iso("2026-11-30T00:00:00Z")))
        #expect(
            ReportWindow.recent(1, .month, now: iso("2026-12-31T23:59:59Z"), utcOffset: utc)
                == ReportWindow(from: iso("2026-12-01T00:00:00Z"), to: iso("2027-01-01T00:00:00Z")))
    }

    @Test func splitCutsTheFirstAndLastPeriods() {
        let w = ReportWindow(from: iso("2026-11-18T00:00:00Z"), to: iso("2026-12-03T00:00:00Z"))
        let ps = CohortPeriod.split(w, by: .week, utcOffset: utc)
        #expect(labels(ps) == ["2026-11-18", "2026-11-23", "2026-11-30"])
        #expect(
            ps.map(\.window.to) == [
                iso("2026-11-23T00:00:00Z"), iso("2026-11-30T00:00:00Z"), iso("2026-12-03T00:00:00Z"),
            ])
        let months = CohortPeriod.split(
            ReportWindow(from: iso("2026-10-15T00:00:00Z"), to: iso("2027-01-10T00:00:00Z")), by: .month, utcOffset: utc
        )
        #expect(labels(months) == ["2026-10-15", "2026-11", "2026-12", "2027-01"])
        #expect(months[2].window == ReportWindow(from: iso("2026-12-01T00:00:00Z"), to: iso("2027-01-01T00:00:00Z")))
        #expect(
            CohortPeriod.split(
                ReportWindow(from: iso("2026-11-18T00:00:00Z"), to: iso("2026-11-18T00:00:00Z")), by: .week,
                utcOffset: utc
            ).isEmpty)
    }

    @Test func boundariesFollowDaylightSaving() {
        let w = ReportWindow(from: iso("2026-10-18T22:00:00Z"), to: iso("2026-11-01T23:00:00Z"))
        let ps = CohortPeriod.split(w, by: .week, utcOffset: berlin)
        #expect(labels(ps) == ["2026-10-19", "2026-10-26"])
        #expect(ps[0].window.to == iso("2026-10-25T23:00:00Z"), "Monday 00:00 CET")
        let nov = PeriodCalendar.start(of: .month, after: iso("2026-10-20T12:00:00Z"), utcOffset: berlin)
        #expect(nov == iso("2026-10-31T23:00:00Z"))
    }
}

/// Found by the hostile-command property test: in a zone that skipped a day the month boundary
/// before it came out earlier than the period's start, and splitting a window never ended.
@Suite struct SkippedDayPeriodTests {
    /// Pacific/Kiritimati: UTC-10 until 1995-01-01 10:00 UTC, then UTC+14 (1994-12-31 never happened).
    let kiritimati: (Instant) -> Int64 = { $0 < iso("1995-01-01T10:00:00Z") ? -36_000 : 50_400 }

    @Test func periodsMoveForwardAcrossASkippedDay() {
        for unit in [PeriodUnit.month, .week] {
            let window = ReportWindow(from: iso("1994-06-01T10:00:00Z"), to: iso("1995-06-01T10:00:00Z"))
            let periods = CohortPeriod.split(window, by: unit, utcOffset: kiritimati)
            #expect(periods.count < 60)
            #expect(periods.first?.window.from == window.from)
            #expect(periods.last?.window.to == window.to)
            for (a, b) in zip(periods, periods.dropFirst()) {
                #expect(a.window.to == b.window.from)
                #expect(a.window.from < a.window.to)
            }
        }
    }
}
