import LeadqDomain

/// Three real zones' 2026 offsets as fixed tables, so domain tests need no time-zone database:
/// New York and Berlin (northern summer time) and Sydney (southern: summer time ends in April and
/// starts in October). `ZoneTableTests` checks them against the system's database.
public enum ZoneTables {
    /// `initial` before the first change, then each change's offset from its instant on.
    public static func zone(_ name: String, _ initial: Int64, _ changes: [(at: String, offset: Int64)]) -> Zone {
        let table = changes.map { (Instant(iso8601: $0.at)!, $0.offset) }
        return Zone(name: "table:" + name) { t in table.last { $0.0 <= t }?.1 ?? initial }
    }

    static let hour = Span.hour

    /// EST (UTC-5); EDT (UTC-4) from 2026-03-08 02:00 EST; EST again from 2026-11-01 02:00 EDT.
    public static let newYork = zone(
        "America/New_York", -5 * hour, [("2026-03-08T07:00:00Z", -4 * hour), ("2026-11-01T06:00:00Z", -5 * hour)])
    /// CET (UTC+1); CEST (UTC+2) from 2026-03-29 02:00 CET; CET again from 2026-10-25 03:00 CEST.
    public static let berlin = zone(
        "Europe/Berlin", hour, [("2026-03-29T01:00:00Z", 2 * hour), ("2026-10-25T01:00:00Z", hour)])
    /// AEDT (UTC+11) until 2026-04-05 03:00 AEDT, then AEST (UTC+10); AEDT again from 2026-10-04 02:00 AEST.
    public static let sydney = zone(
        "Australia/Sydney", 11 * hour, [("2026-04-04T16:00:00Z", 10 * hour), ("2026-10-03T16:00:00Z", 11 * hour)])

    public static let all: [(name: String, zone: Zone)] = [
        ("America/New_York", newYork), ("Europe/Berlin", berlin), ("Australia/Sydney", sydney),
    ]
}
