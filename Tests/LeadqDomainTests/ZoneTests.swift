import Foundation
import LeadqDomain
import LeadqTestSupport
import Testing

/// The tables the DST tests use are the real zones' 2026 rules.
@Suite struct ZoneTableTests {
    @Test(arguments: ZoneTables.all.map(\.name))
    func theTablesAgreeWithTheSystemsDatabase(_ name: String) throws {
        let table = ZoneTables.all.first { $0.name == name }!.zone
        let tz = try #require(TimeZone(identifier: name))
        let start = Instant(iso8601: "2026-01-01T00:00:00Z")!
        for hour in stride(from: Int64(0), to: 365 * 24, by: 1) {
            let t = start + hour * Span.hour
            #expect(
                table.offset(at: t)
                    == Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t.seconds)))),
                "\(name) at \(t)")
        }
    }
}

/// Local wall-clock times to instants, with the offset of their own date.
@Suite struct ZoneTests {
    func local(_ zone: Zone, _ text: String) -> String {
        zone.instant(iso8601: text)!.iso8601
    }

    @Test(arguments: [
        // Plain times on either side of each change.
        ("America/New_York", "2026-03-07 09:00", "2026-03-07T14:00:00Z"),
        ("America/New_York", "2026-03-09 09:00", "2026-03-09T13:00:00Z"),
        ("Europe/Berlin", "2026-10-26 09:00", "2026-10-26T08:00:00Z"),
        ("Australia/Sydney", "2026-04-06 09:00", "2026-04-05T23:00:00Z"),
        ("Australia/Sydney", "2026-10-05 09:00", "2026-10-04T22:00:00Z"),
        // Spring-forward gaps: the skipped time moves forward by the jump.
        ("America/New_York", "2026-03-08 02:30", "2026-03-08T07:30:00Z"),
        ("Europe/Berlin", "2026-03-29 02:30", "2026-03-29T01:30:00Z"),
        ("Australia/Sydney", "2026-10-04 02:30", "2026-10-03T16:30:00Z"),
        // Fall-back overlaps: the first occurrence (still summer time).
        ("America/New_York", "2026-11-01 01:30", "2026-11-01T05:30:00Z"),
        ("Europe/Berlin", "2026-10-25 02:30", "2026-10-25T00:30:00Z"),
        ("Australia/Sydney", "2026-04-05 02:30", "2026-04-04T15:30:00Z"),
        // The edges: the first instant of the new offset, the last local minute before the jump.
        ("America/New_York", "2026-03-08 03:00", "2026-03-08T07:00:00Z"),
        ("America/New_York", "2026-03-08 01:59", "2026-03-08T06:59:00Z"),
        ("America/New_York", "2026-11-01 02:00", "2026-11-01T07:00:00Z"),
    ])
    func wallClockTimesUseTheirOwnDatesOffset(_ name: String, _ text: String, _ expected: String) {
        let zone = ZoneTables.all.first { $0.name == name }!.zone
        #expect(local(zone, text) == expected)
    }

    @Test func anOffsetInTheTextWins() {
        #expect(local(ZoneTables.newYork, "2026-11-02T09:00:00Z") == "2026-11-02T09:00:00Z")
        #expect(local(ZoneTables.newYork, "2026-11-02T09:00+01:00") == "2026-11-02T08:00:00Z")
    }

    @Test func fixedZonesAreNamedByTheirOffset() {
        #expect(Zone.fixed(-5 * Span.hour).name == "UTC-05:00")
        #expect(Zone.fixed(5 * Span.hour + 30 * Span.minute).name == "UTC+05:30")
        #expect(Zone.utc.offset(at: Instant(seconds: 0)) == 0)
    }
}
