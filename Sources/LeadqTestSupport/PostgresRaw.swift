#if Postgres
import LeadqPostgres
import Logging
import NIOPosix
import PostgresNIO

/// A plain connection for tests that reach past leadq: to edit a row by hand, hold a lock, or
/// play a future leadq. Waits for each answer on the calling thread.
public final class PostgresRaw {
    let connection: PostgresConnection

    public init(url: String) throws {
        let t = try PostgresTarget.resolve(url, environment: [:])
        var logger = Logger(label: "leadq.test.raw")
        logger.logLevel = .critical
        let config: PostgresConnection.Configuration =
            t.isSocket
            ? .init(unixSocketPath: t.socketPath, username: t.user, password: t.password, database: t.database)
            : .init(
                host: t.host, port: t.port, username: t.user, password: t.password, database: t.database, tls: .disable)
        connection = try PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: config,
            id: 99, logger: logger
        ).wait()
        try run("SET search_path TO \"\(t.schema)\"")
    }

    deinit { try? connection.close().wait() }

    /// Runs SQL text; the rows' first column, as text.
    @discardableResult
    public func run(_ sql: String) throws -> [String?] {
        var logger = Logger(label: "leadq.test.raw")
        logger.logLevel = .critical
        let rows = try connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).wait().rows
        return try rows.map { try $0.decode(String?.self) }
    }

    /// The server's message refusing `sql`, or nil when it ran: for showing what a role may not do.
    public func refusal(_ sql: String) -> String? {
        do {
            try run(sql)
            return nil
        } catch let e as PSQLError {
            return e.serverInfo?[.message] ?? "\(e.code)"
        } catch {
            return "\(error)"
        }
    }

    /// Runs a statement with one text parameter ($1).
    public func run(_ sql: String, _ text: String) throws {
        var logger = Logger(label: "leadq.test.raw")
        logger.logLevel = .critical
        var b = PostgresBindings()
        b.append(text)
        _ = try connection.query(PostgresQuery(unsafeSQL: sql, binds: b), logger: logger).wait()
    }
}
#endif
