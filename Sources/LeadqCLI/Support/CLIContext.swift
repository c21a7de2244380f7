import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqUI

/// What every command needs from the outside world, read in one place: environment, clock, time zone,
/// who is acting, where the store is. `LEADQ_NOW` fixes the clock (for scripts and tests).
struct CLIContext {
    let environment: [String: String]

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    func now() throws -> Instant {
        if let fixed = environment["LEADQ_NOW"], !fixed.isEmpty {
            guard let t = Instant(iso8601: fixed) else { throw CLIError.usage("LEADQ_NOW='\(fixed)' is not an ISO 8601 time like 2026-11-23T10:00:00Z") }
            try TimeArgument.requireRecordable(t, "LEADQ_NOW='\(fixed)'")
            return t
        }
        return SystemClock.now()
    }

    /// The viewer's time zone: `TZ` when it names a zone (`America/New_York`, `:Europe/Berlin`),
    /// else the system's. Read per call, so the offset of each date comes from the zone's rules.
    var zone: Zone {
        let named = environment["TZ"].map { $0.hasPrefix(":") ? String($0.dropFirst()) : $0 }
        return Zone(named.flatMap(TimeZone.init(identifier:)) ?? TimeZone.current)
    }

    func utcOffset(at t: Instant) -> Int64 { zone.offset(at: t) }

    /// `--rep`, else `LEADQ_REP`, else the login name.
    func actor(_ flag: String?) -> String {
        if let f = flag, !f.isEmpty { return f }
        if let r = environment["LEADQ_REP"], !r.isEmpty { return r }
        if let u = environment["USER"], !u.isEmpty { return u }
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }

    func storePath(_ flag: String?) -> String {
        StoreLocation.resolve(flag: flag, environment: environment)
    }

    /// The store and one lead of it, or the "no lead" error.
    func openLead(_ id: String, _ flag: String?) throws -> (FileStore, Lead) {
        let store = try openStore(flag)
        guard let lead = try store.lead(id) else { throw StoreError.unknownLead(id) }
        return (store, lead)
    }

    func openStore(_ flag: String?) throws -> FileStore {
        let store = try FileStore.open(storePath(flag))
        for w in store.warnings { Output.err("leadq: warning: \(w)") }
        try Protected(storeDirectory: store.directory).checkStdout()
        store.onLockWait = { w in
            Output.err("leadq: waiting for \(w.holder.map { "\($0)" } ?? "another process") since \(w.seconds) s (it holds the store's lock)")
        }
        return store
    }
}

enum SystemClock {
    static func now() -> Instant {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Instant(seconds: Int64(ts.tv_sec))
    }
}

/// A usage problem the argument parser can't see (a bad date, a contradictory flag), or an
/// output that couldn't be written (exit 3, as for the store's own I/O).
enum CLIError: Error, CustomStringConvertible {
    case usage(String)
    case io(String)

    var description: String {
        switch self {
        case .usage(let m), .io(let m): return m
        }
    }
}

/// Exit codes: 0 done; 1 refused by the rules; 2 bad input or usage (an unknown lead too); 3 the
/// store failed (I/O, damage, missing) or an output couldn't be written.
enum Exit {
    static let refused: Int32 = 1
    static let usage: Int32 = 2
    static let store: Int32 = 3
}

/// Runs a command body, turning every failure into one line on stderr and its exit code.
func guarded(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let r as Refusal {
        Output.err("leadq: \(r.message)")
        throw ExitCodeError(r.isBadInput ? Exit.usage : Exit.refused)
    } catch let e as StoreError {
        Output.err("leadq: \(e.description)")
        // A lead id that names nothing is bad input, like any other argument.
        if case .unknownLead = e { throw ExitCodeError(Exit.usage) }
        throw ExitCodeError(Exit.store)
    } catch CLIError.usage(let m) {
        Output.err("leadq: \(m)")
        throw ExitCodeError(Exit.usage)
    } catch CLIError.io(let m) {
        Output.err("leadq: \(m)")
        throw ExitCodeError(Exit.store)
    } catch let e as ExitCodeError {
        throw e
    } catch let e as TerminalSignal {
        // The terminal is already restored; die the way a shell expects.
        throw ExitCodeError(e.exitCode)
    } catch {
        Output.err("leadq: \(error)")
        throw ExitCodeError(Exit.store)
    }
}

/// Carries an exit code out of a command to `LeadqMain`.
struct ExitCodeError: Error {
    let code: Int32
    init(_ code: Int32) { self.code = code }
}
