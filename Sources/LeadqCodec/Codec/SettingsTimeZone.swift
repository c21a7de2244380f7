import Foundation
import LeadqDomain

extension SettingsCodec {
    /// `timeZone`: a zone the system's time-zone database knows (`Europe/Berlin`, `UTC`), checked
    /// when the settings are read so a typo is named there, not when an import needs it.
    static func timeZone(_ r: inout JSONReader, _ path: String = "timeZone") throws -> String {
        let name = try r.string()
        guard TimeZone(identifier: name) != nil else {
            throw FieldError(
                message:
                    "'\(path)' '\(name)' is not a time zone; use a name like Europe/Berlin, America/New_York or UTC")
        }
        return name
    }

    /// The zones the settings name, from the system's database: the store decides commands (a
    /// cadence's follow-up in the owner's working hours) with the settings it read, so they carry
    /// the zones along. The domain itself only sees `Zone` values.
    public static func resolveZones(_ s: inout Settings) {
        for name in s.zoneNames where s.zones[name] == nil {
            guard let tz = TimeZone(identifier: name) else { continue }
            // UTC never changes: no need to ask the database at every instant (the working-time
            // clocks ask several times for every lead of a queue).
            if Zone.fixedNamed(name) == .utc {
                s.zones[name] = Zone(name: tz.identifier) { _ in 0 }
                continue
            }
            s.zones[name] = Zone(name: tz.identifier) { t in
                Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t.seconds))))
            }
        }
    }
}
