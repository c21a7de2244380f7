import Foundation
import LeadqApp
import LeadqDomain

/// The CLI's side of the outside world: the application's environment, plus what only a command
/// line has (warnings on stderr, stdout that must not point into the store).
struct CLIContext {
    let app: AppEnvironment

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        app = AppEnvironment(variables: environment)
    }

    var environment: [String: String] { app.variables }

    func now() throws -> Instant {
        try app.checkClock()
        return try app.now()
    }

    var zone: Zone { app.zone }
    func utcOffset(at t: Instant) -> Int64 { zone.offset(at: t) }
    func actor(_ flag: String?) -> String { app.actor(flag) }
    func storePath(_ flag: String?) -> String { app.storeLocation(flag) }

    /// The store at `--store` opened for `--rep`: warnings said on stderr, a wait for the lock said
    /// after a second, and a stdout redirected into the store's own files refused.
    func workspace(_ store: String?, rep: String? = nil) throws -> Workspace {
        let ws = try Workspace.open(storePath(store), actor: app.requestedActor(rep), environment: app)
        try opened(ws.store)
        ws.store.onLockWait = { w in
            Output.err(
                "leadq: waiting for \(w.holder.map { "\($0)" } ?? "another process") since \(w.seconds) s (it holds the store's lock)"
            )
        }
        return ws
    }

    /// What a command does with a store it opened: says its warnings on stderr and refuses a stdout
    /// redirected into the store's own files.
    func opened(_ store: any LeadStore) throws {
        for w in store.warnings { Output.err("leadq: warning: \(w)") }
        try Protected(storeDirectory: store.location).checkStdout()
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
    } catch let e as BadInput {
        Output.err("leadq: \(e.message)")
        throw ExitCodeError(Exit.usage)
    } catch CLIError.usage(let m) {
        Output.err("leadq: \(m)")
        throw ExitCodeError(Exit.usage)
    } catch CLIError.io(let m) {
        Output.err("leadq: \(m)")
        throw ExitCodeError(Exit.store)
    } catch let e as ExitCodeError {
        throw e
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
