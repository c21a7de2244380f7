import Foundation
import LeadqApp
import LeadqDomain
import LeadqFormat

/// The dispatcher's log, a line per note; the caller makes each line inert.
enum DispatchWords {
    static func started(_ d: Dispatcher, once: Bool) -> String {
        let s = d.store.settings.dispatch
        let routing = s.routeOnArrival ? "routes arrivals" : "routes nothing (routing.onArrival is off)"
        let mode = once ? "one look" : "until stopped"
        return
            "dispatching \(d.store.location) as PID \(getpid()), \(mode): \(routing), \(count(s.notify.count, "notify command"))"
    }

    static func line(_ note: DispatchNote) -> String {
        switch note {
        case .routed(let lead, let name, let outcome, let rule):
            let to: String
            switch outcome {
            case .assign(let rep): to = "to \(rep)"
            case .nurture: to = "to nurture"
            case .hold: to = "nowhere"
            }
            return "routed \(lead) (\(name)) \(to) · rule \(rule)"
        case .clawedBack(let lead, let name, let note):
            return "clawed back \(lead) (\(name)) to nurture · stale-lead policy: \(note)"
        case .released(let lead, let name, let note):
            return "released \(lead) (\(name)) to the pool · \(note)"
        case .refused(let lead, let action, let why):
            return "did not \(action) \(lead): \(why)"
        case .alert(let a, let commands):
            let to = a.to.isEmpty ? "nobody on the team" : a.to.joined(separator: ", ")
            return "alert \(a.kind.rawValue) for \(to): \(a.text) · \(count(commands, "notify command"))"
        case .delivered(let d):
            return "sent \(d.key) to \(d.command)"
        case .deliveryFailed(let d, let outcome):
            let next: String
            switch outcome {
            case .retry(let attempt, let after): next = "attempt \(attempt + 1) in \(Span.human(after))"
            case .gaveUp(let attempts): next = "gave up after \(count(attempts, "attempt"))"
            }
            return "failed to send \(d.key) to \(d.command): \(d.failure ?? "?"); \(next)"
        case .problem(let why):
            return "could not look: \(why); trying again shortly"
        }
    }
}
