/// Whose working time a clock counts: the team's working hours in the zone of the rep who owns the
/// lead (a pool lead: the team's zone).
extension Settings {
    /// The zone a name stands for: the one the settings' reader looked up, else the fixed offset the
    /// name spells (`UTC`, `UTC+01:00`), else UTC.
    public func zone(named name: String) -> Zone {
        zones[name] ?? Zone.fixedNamed(name) ?? .utc
    }

    /// A rep's zone (their own, else the team's); the team's for nil.
    public func zone(forRep id: String?) -> Zone {
        zone(named: id.flatMap { rep($0)?.timeZone } ?? timeZone)
    }

    /// A rep's working time, or the team's for nil; every second counts with business hours off.
    public func calendar(forRep id: String?) -> WorkCalendar {
        WorkCalendar(hours: workingHours, zone: zone(forRep: id), enabled: businessHours)
    }

    /// Every zone name the settings use: the team's and each rep's.
    public var zoneNames: [String] {
        var names = [timeZone]
        for r in reps { if let z = r.timeZone, !names.contains(z) { names.append(z) } }
        return names
    }
}

extension Zone {
    /// `UTC`, `GMT`, `UTC+01:00`, `UTC-05:30`: a fixed offset; nil for anything else.
    public static func fixedNamed(_ name: String) -> Zone? {
        if name == "UTC" || name == "GMT" || name == "Etc/UTC" { return .utc }
        let b = Array(name.utf8)
        guard b.count == 9, name.hasPrefix("UTC"), b[3] == UInt8(ascii: "+") || b[3] == UInt8(ascii: "-"),
            b[6] == UInt8(ascii: ":"), let h = Int64(String(decoding: b[4..<6], as: UTF8.self)),
            let m = Int64(String(decoding: b[7..<9], as: UTF8.self)), h <= 14, m < 60
        else { return nil }
        let s = (h * 60 + m) * Span.minute
        return .fixed(b[3] == UInt8(ascii: "-") ? -s : s)
    }
}
