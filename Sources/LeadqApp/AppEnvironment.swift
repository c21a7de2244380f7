import Foundation
import LeadqDomain
import LeadqStore

/// What every use case needs from the outside world, read in one place: the clock, the viewer's time
/// zone, who acts, where the store is. `LEADQ_NOW` fixes the clock (for scripts and tests).
public struct AppEnvironment: Sendable {
    public let variables: [String: String]

    public init(variables: [String: String] = ProcessInfo.processInfo.environment) {
        self.variables = variables
    }

    /// `LEADQ_NOW` when set (checked like any typed time), else the system clock.
    public func now() throws -> Instant {
        if let fixed = fixedNow() { return fixed }
        return SystemClock.now()
    }

    /// `LEADQ_NOW` read and checked; nil when it isn't set.
    public func fixedNow() -> Instant? {
        guard let text = variables["LEADQ_NOW"], !text.isEmpty else { return nil }
        return Instant(iso8601: text).flatMap { Instant.recordable.contains($0) ? $0 : nil }
    }

    /// Refuses a `LEADQ_NOW` that isn't a time leadq can record, naming it.
    public func checkClock() throws {
        guard let text = variables["LEADQ_NOW"], !text.isEmpty else { return }
        guard let t = Instant(iso8601: text) else {
            throw BadInput("LEADQ_NOW='\(text)' is not an ISO 8601 time like 2026-11-23T10:00:00Z")
        }
        try BadInput.requireRecordable(t, "LEADQ_NOW='\(text)'")
    }

    /// The viewer's time zone: `TZ` when it names a zone (`America/New_York`, `:Europe/Berlin`),
    /// else the system's. Offsets come from the zone's rules for each date.
    public var zone: Zone {
        let named = variables["TZ"].map { $0.hasPrefix(":") ? String($0.dropFirst()) : $0 }
        return Zone(named.flatMap(TimeZone.init(identifier:)) ?? TimeZone.current)
    }

    /// `--rep`, else `LEADQ_REP`, else the login name.
    public func actor(_ flag: String?) -> String {
        if let asked = requestedActor(flag) { return asked }
        if let u = variables["USER"], !u.isEmpty { return u }
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }

    /// `--rep`, else `LEADQ_REP`: whom the user asked to act as, or nil when they didn't say.
    public func requestedActor(_ flag: String?) -> String? {
        if let f = flag, !f.isEmpty { return f }
        if let r = variables["LEADQ_REP"], !r.isEmpty { return r }
        return nil
    }

    /// `--store`, else `LEADQ_STORE`, else the XDG data directory.
    public func storeLocation(_ flag: String?) -> String {
        StoreLocation.resolve(flag: flag, environment: variables)
    }
}

extension Zone {
    /// Foundation's zone database behind the domain's `Zone`.
    public init(_ tz: TimeZone) {
        self.init(name: tz.identifier) { t in
            Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t.seconds))))
        }
    }
}

public enum SystemClock {
    public static func now() -> Instant {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Instant(seconds: Int64(ts.tv_sec))
    }
}
