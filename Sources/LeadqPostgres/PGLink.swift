#if Postgres
import Dispatch
import LeadqStore
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization

/// One connection to the server, used synchronously: each call waits on the calling thread for its
/// answer while SwiftNIO's shared event-loop thread does the I/O, so no async code reaches the
/// store's callers. A store's link belongs to one thread, as the store does.
///
/// A connection the server dropped (a restart, `pg_terminate_backend`) is made again on the next
/// call outside a transaction, at most once per back-off step (a quarter second, doubling to 8 s);
/// `onConnect` then sets the session up again. Inside a transaction the call fails instead: what
/// it had done is gone with the connection, and nothing of it was saved. A call waits at most
/// `reconnectWait` for the new connection; a host that doesn't answer leaves the attempt running
/// and the call says "offline", so a console asking every tenth of a second never freezes.
final class PGLink {
    private(set) var connection: PostgresConnection
    let target: PostgresTarget
    /// The URL without the password, for messages.
    var location: String { target.location }
    /// Sets a new connection up (search path, LISTEN) before it is used.
    var onConnect: ((PGLink) throws -> Void)?
    /// False for a connection whose session holds something a new one wouldn't (a lease's lock).
    var reconnects = true
    private var closed = false
    private var inTransaction = false
    private var backoff = 0.25
    private var nextTry: UInt64 = 0
    /// A connection being made again, still under way after the call that started it returned.
    private var attempt: Attempt?
    /// How long a call waits for a connection it starts making again.
    static let reconnectWait = 0.2
    /// Seconds a connection may take to be made before it counts as failed.
    static let connectTimeout: UInt64 = 10
    /// Statements sent and not yet waited for (`send`), oldest first.
    private var unanswered: [EventLoopFuture<PostgresQueryResult>] = []
    /// Why the last try to connect again failed, while it keeps failing.
    private(set) var lastFailure: String?
    /// Runs once before the next `query` (not `send` or `pipeline`): an open write learns that its
    /// body reads the store, and takes all of it first.
    var beforeRead: (() throws -> Void)?
    /// Why `beforeRead` failed where that couldn't throw: the next `query` throws it.
    private var hookFailure: (any Error)?

    /// Runs `beforeRead` if it is set (once); a failure waits for the next `query`.
    func fireBeforeRead() {
        guard let hook = beforeRead else { return }
        beforeRead = nil
        do { try hook() } catch {
            if hookFailure == nil { hookFailure = error }
        }
    }

    static let logger: Logger = {
        var l = Logger(label: "leadq.postgres")
        l.logLevel = .critical
        return l
    }()

    private init(_ connection: PostgresConnection, target: PostgresTarget) {
        (self.connection, self.target) = (connection, target)
    }

    static func connect(_ t: PostgresTarget) throws -> PGLink {
        PGLink(try open(t, consequence: "the store can't be opened"), target: t)
    }

    private static func open(_ t: PostgresTarget, consequence: String) throws -> PostgresConnection {
        do {
            return try start(t).wait()
        } catch {
            throw PGLink.storeError(error, location: t.location, consequence: consequence)
        }
    }

    /// Starts making a connection; the future holds it, or why it couldn't be made.
    private static func start(_ t: PostgresTarget) throws -> EventLoopFuture<PostgresConnection> {
        var config: PostgresConnection.Configuration
        if t.isSocket {
            config = .init(unixSocketPath: t.socketPath, username: t.user, password: t.password, database: t.database)
        } else {
            config = .init(
                host: t.host, port: t.port, username: t.user, password: t.password, database: t.database,
                tls: try tls(t))
        }
        config.options.connectTimeout = .seconds(Int64(connectTimeout))
        config.options.additionalStartupParameters = [("application_name", "leadq")]
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        return PostgresConnection.connect(on: loop, configuration: config, id: 1, logger: logger)
    }

    /// A connection under way, and what became of it once it has.
    private final class Attempt: Sendable {
        /// What became of it, and whether nobody wants it any more (a link closed meanwhile).
        private let state = Mutex<(outcome: Result<PostgresConnection, any Error>?, abandoned: Bool)>((nil, false))
        private let done = DispatchSemaphore(value: 0)
        let started = DispatchTime.now().uptimeNanoseconds

        init(_ future: EventLoopFuture<PostgresConnection>) {
            future.whenComplete { r in
                let abandoned = self.state.withLock {
                    $0.outcome = r
                    return $0.abandoned
                }
                if abandoned, case .success(let c) = r { let _: EventLoopFuture<Void> = c.close() }
                self.done.signal()
            }
        }

        /// The outcome, waiting for it at most `seconds`; nil while still under way.
        func outcome(waiting seconds: Double) -> Result<PostgresConnection, any Error>? {
            if let r = state.withLock({ $0.outcome }) { return r }
            _ = done.wait(timeout: .now() + seconds)
            return state.withLock { $0.outcome }
        }

        /// Closes the connection now or when it arrives.
        func abandon() {
            let made = state.withLock {
                $0.abandoned = true
                return $0.outcome
            }
            if case .success(let c) = made { let _: EventLoopFuture<Void> = c.close() }
        }
    }

    /// A new connection in place of one the server dropped, unless the last try was too recent.
    private func reconnect(_ consequence: String) throws {
        let offline = StoreError.database(
            store: location, reason: "offline: the connection to the server was lost; trying again shortly",
            consequence: consequence)
        let now = DispatchTime.now().uptimeNanoseconds
        if attempt == nil {
            guard now >= nextTry else { throw offline }
            do { attempt = Attempt(try PGLink.start(target)) } catch { throw failed(error, consequence, now) }
        }
        guard let a = attempt else { throw offline }
        guard let outcome = a.outcome(waiting: PGLink.reconnectWait) else {
            // A host that took the connection and never answered: given up as a failed try.
            guard DispatchTime.now().uptimeNanoseconds > a.started + PGLink.connectTimeout * 1_000_000_000 else {
                throw offline
            }
            a.abandon()
            attempt = nil
            throw failed(
                StoreError.database(
                    store: location, reason: "no answer from the server in \(PGLink.connectTimeout) s",
                    consequence: consequence), consequence, now)
        }
        attempt = nil
        do {
            connection = try outcome.get()
            try onConnect?(self)
            backoff = 0.25
            nextTry = 0
            lastFailure = nil
        } catch {
            throw failed(error, consequence, now)
        }
    }

    /// A failed try to connect again: remembered, and the next one waits a back-off step.
    private func failed(_ error: any Error, _ consequence: String, _ now: UInt64) -> StoreError {
        let e = error as? StoreError ?? PGLink.storeError(error, location: location, consequence: consequence)
        if case .database(_, let reason, _) = e { lastFailure = reason }
        nextTry = now + UInt64(backoff * 1e9)
        backoff = min(backoff * 2, 8)
        return e
    }

    /// The TLS psql's sslmode asks for: `require` encrypts without checking the certificate,
    /// `verify-ca` checks it against the system's roots, `verify-full` checks the host name too.
    static func tls(_ t: PostgresTarget) throws -> PostgresConnection.Configuration.TLS {
        var conf = TLSConfiguration.makeClientConfiguration()
        switch t.sslMode {
        case .disable: return .disable
        case .allow, .prefer, .require: conf.certificateVerification = .none
        case .verifyCA: conf.certificateVerification = .noHostnameVerification
        case .verifyFull: conf.certificateVerification = .fullVerification
        }
        let context: NIOSSLContext
        do { context = try NIOSSLContext(configuration: conf) } catch {
            throw StoreError.database(
                store: t.location, reason: "TLS can't be set up (\(error))", consequence: "the store can't be opened")
        }
        return t.sslMode == .allow || t.sslMode == .prefer ? .prefer(context) : .require(context)
    }

    deinit { close() }

    func close() {
        guard !closed else { return }
        closed = true
        attempt?.abandon()
        try? connection.close().wait()
    }

    /// Runs one statement and collects its rows.
    @discardableResult
    func query(_ q: PostgresQuery, _ consequence: String = "nothing was read") throws -> [PostgresRow] {
        fireBeforeRead()
        if let failed = hookFailure {
            hookFailure = nil
            throw failed
        }
        if !unanswered.isEmpty { return try pipeline([q], consequence)[0] }
        if connection.isClosed {
            guard !inTransaction, reconnects else {
                throw StoreError.database(
                    store: location, reason: "the connection to the server was lost", consequence: consequence)
            }
            try reconnect(consequence)
        }
        do {
            return Array(try connection.query(q, logger: PGLink.logger).wait().rows)
        } catch {
            throw PGLink.storeError(error, location: location, consequence: consequence)
        }
    }

    /// Runs statements one after another without waiting for each answer in turn: the connection
    /// sends the next as the server finishes one, so a write costs one trip here, not one per
    /// statement. Throws the first statement's error (those after it fail with it, in a transaction),
    /// with `lastConsequence` when that is the last statement's (a COMMIT whose answer was lost).
    /// Statements `send` left unanswered come first, and their answers are dropped.
    @discardableResult
    /// `trailing` goes after the rest in the same trip, and whether it fails doesn't matter (a
    /// notification after a COMMIT).
    func pipeline(
        _ queries: [PostgresQuery], _ consequence: String = "nothing was saved", last lastConsequence: String? = nil,
        trailing: PostgresQuery? = nil
    ) throws -> [[PostgresRow]] {
        let earlier = unanswered.count
        for q in queries { try send(q, consequence) }
        let extra = trailing.map { connection.query($0, logger: PGLink.logger) }
        defer { _ = try? extra?.wait() }
        let answers = try settle(consequence, last: lastConsequence)
        return Array(answers.dropFirst(earlier))
    }

    /// Sends a statement without waiting for its answer: the server runs it while the caller builds
    /// the next. The next `pipeline`, `settle` or `query` waits for it and throws its error, if any.
    @discardableResult
    func send(_ q: PostgresQuery, _ consequence: String = "nothing was saved") throws -> EventLoopFuture<
        PostgresQueryResult
    > {
        if unanswered.isEmpty, connection.isClosed {
            guard !inTransaction, reconnects else {
                throw StoreError.database(
                    store: location, reason: "the connection to the server was lost", consequence: consequence)
            }
            try reconnect(consequence)
        }
        if unanswered.isEmpty, q.sql.hasPrefix("BEGIN") { inTransaction = true }
        if q.sql == "COMMIT" || q.sql == "ROLLBACK" { inTransaction = false }
        let answer = connection.query(q, logger: PGLink.logger)
        unanswered.append(answer)
        return answer
    }

    /// Waits for every statement `send` sent, in order; throws as `pipeline` does.
    @discardableResult
    func settle(_ consequence: String = "nothing was saved", last lastConsequence: String? = nil) throws
        -> [[PostgresRow]]
    {
        let sent = unanswered
        unanswered = []
        var out: [[PostgresRow]] = []
        out.reserveCapacity(sent.count)
        var failure: (error: any Error, at: Int)?
        for (i, future) in sent.enumerated() {
            do { out.append(Array(try future.wait().rows)) } catch {
                if failure == nil { failure = (error, i) }
                out.append([])
            }
        }
        if let (error, at) = failure {
            // A server's refusal fails its statement and the rest; anything else (the connection
            // lost) may have come after the server ran the last one, a COMMIT, so it is unsure.
            let refused = (error as? PSQLError)?.serverInfo != nil && at < sent.count - 1
            let unsure = lastConsequence != nil && (at == sent.count - 1 || !refused)
            throw PGLink.storeError(error, location: location, consequence: unsure ? lastConsequence! : consequence)
        }
        return out
    }

    /// Runs SQL text without parameters (schema statements, BEGIN, COMMIT).
    func run(_ sql: String, _ consequence: String = "nothing was saved") throws {
        if sql.hasPrefix("BEGIN") {
            try query(PostgresQuery(unsafeSQL: sql), consequence)
            inTransaction = true
            return
        }
        // A COMMIT on a connection made again would commit nothing, and say nothing of it.
        defer { if sql == "COMMIT" || sql == "ROLLBACK" { inTransaction = false } }
        try query(PostgresQuery(unsafeSQL: sql), consequence)
    }

    /// The server's words for what went wrong, without the query's parameters or the password.
    static func storeError(_ error: any Error, location: String, consequence: String) -> StoreError {
        guard let e = error as? PSQLError else {
            return .database(store: location, reason: "\(error)", consequence: consequence)
        }
        if let info = e.serverInfo, let message = info[.message] {
            let state = info[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return .database(store: location, reason: "the server says: \(message)\(state)", consequence: consequence)
        }
        switch e.code {
        case .connectionError:
            let why = e.underlying.map { "\($0)" } ?? "no answer"
            return .database(store: location, reason: "can't connect (\(why))", consequence: consequence)
        case .serverClosedConnection, .uncleanShutdown:
            return .database(store: location, reason: "the server closed the connection", consequence: consequence)
        case .clientClosedConnection:
            return .database(store: location, reason: "the connection was closed", consequence: consequence)
        case .sslUnsupported:
            return .database(
                store: location, reason: "the server doesn't offer TLS, and sslmode asks for it",
                consequence: consequence)
        case .authMechanismRequiresPassword:
            return .database(
                store: location, reason: "the server asks for a password, and none was given (PGPASSWORD or ~/.pgpass)",
                consequence: consequence)
        default:
            return .database(store: location, reason: "\(e.code)", consequence: consequence)
        }
    }

    /// The SQLSTATE of a server error, if that's what `error` is.
    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }
}
#endif
