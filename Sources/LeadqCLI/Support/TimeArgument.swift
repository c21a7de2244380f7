import Foundation
import LeadqDomain

extension Zone {
    /// Foundation's zone database behind the domain's `Zone`.
    init(_ tz: TimeZone) {
        self.init(name: tz.identifier) { t in
            Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t.seconds))))
        }
    }
}

/// Times typed on the command line, checked where they enter: anything the store couldn't write
/// back is a usage error (exit 2) naming the option and the value, before the store is touched.
enum TimeArgument {
    /// `what` names the source, e.g. `--from '1969-01-01'` or `LEADQ_NOW='…'`.
    static func requireRecordable(_ t: Instant, _ what: String) throws {
        guard Instant.recordable.contains(t) else {
            throw CLIError.usage("\(what) is outside the times leadq can record (1970-01-01 to 9999-12-31 UTC)")
        }
    }

    /// A follow-up's `--due`, read in the viewer's zone and held to the domain's rule.
    static func due(_ text: String, now: Instant, zone: Zone, settings: Settings) throws -> Instant {
        switch DueDate.read(text, now: now, zone: zone, settings: settings) {
        case .success(let t): return t
        case .failure(let p): throw CLIError.usage("--due '\(text)' \(p.text(now: now, zone: zone, settings: settings))")
        }
    }
}
