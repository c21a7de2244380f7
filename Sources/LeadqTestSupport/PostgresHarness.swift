#if Postgres
import Foundation
import LeadqDomain
import LeadqPostgres
import LeadqStore
import Synchronization

/// A PostgreSQL server for the tests: the one `LEADQ_TEST_PG` names (a URL without a schema), or
/// a throwaway cluster this process starts with initdb and pg_ctl, listening only on a Unix socket
/// in a temporary directory, and stops when it exits. Each store gets a schema of its own, so
/// tests run in parallel on one server.
public enum PostgresHarness {
    /// The server's URL, or why there is none.
    public static let server: Result<String, Unavailable> = start()

    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    private static let counter = Atomic<Int>(0)

    /// A fresh schema's URL, logging in as the tests' ordinary owner role (`owner`).
    public static func freshURL() throws -> String {
        var target = try owner.get()
        target.schema = "t\(getpid())_\(counter.add(1, ordering: .relaxed).newValue)"
        return target.location
    }

    /// The role the stores of the tests are made and run by: `LOGIN CREATEROLE`, owner of a
    /// database of its own, not a superuser, as the README's set-up makes it, so every row-level
    /// policy binds the suites as it binds a team's owner (a superuser bypasses them all).
    public static let owner: Result<PostgresTarget, Unavailable> = Result { try ownedDatabase() }.mapError {
        $0 as? Unavailable ?? Unavailable(description: "the tests' owner role: \($0)")
    }

    /// A new database on the shared server, owned by a new ordinary role of its own (`LOGIN
    /// CREATEROLE`); the target logs in as that role. URLs made from it are written as leadq writes
    /// a location, so a test's expected message can name it; a member's URL is one plus `&user=`:
    /// a later user replaces it.
    public static func ownedDatabase() throws -> PostgresTarget {
        let (admin, name) = try freshDatabase()
        let raw = try PostgresRaw(url: admin)
        try raw.run("CREATE ROLE \(name)_owner LOGIN CREATEROLE")
        try raw.run("ALTER DATABASE \(name) OWNER TO \(name)_owner")
        var target = try PostgresTarget.resolve(admin, environment: [:])
        target.user = "\(name)_owner"
        return target
    }

    public static let kind = StoreKind(name: "postgresql", compacts: false) { place(url: try freshURL()) }

    /// The store a URL names, as a test's place.
    public static func place(url: String) -> StorePlace {
        StorePlace(
            location: url,
            create: { settings, leads in try PostgresStore.create(url: url, settings: settings, leads: leads) },
            open: { try PostgresStore.open(url: url) },
            contents: { try PostgresStore.open(url: url).dump() })
    }

    static func start() -> Result<String, Unavailable> {
        let env = ProcessInfo.processInfo.environment
        if let url = env["LEADQ_TEST_PG"], !url.isEmpty { return .success(url) }
        do {
            return .success(try Cluster.start())
        } catch let e as Unavailable {
            return .failure(e)
        } catch {
            return .failure(Unavailable(description: "\(error)"))
        }
    }
}

/// A throwaway cluster: initdb into a temporary directory, pg_ctl start with the socket there.
/// PostgreSQL refuses to run as root, so as root it runs as the `postgres` user (runuser).
/// The tests' shared server is one; a test that restarts or stops its server makes its own.
public final class PostgresCluster: @unchecked Sendable {
    public let directory: String
    let bin: String
    let asRoot: Bool
    /// The superuser's password, when local connections must give one (else they are trusted).
    let password: String?

    /// initdb and start; `password` makes the server ask every connection for it.
    public init(password: String? = nil) throws {
        guard let found = PostgresCluster.binaries() else {
            throw PostgresHarness.Unavailable(
                description:
                    "no PostgreSQL server here (no initdb in /usr/lib/postgresql/*/bin or on PATH); install postgresql or set LEADQ_TEST_PG"
            )
        }
        (bin, asRoot, self.password) = (found, getuid() == 0, password)
        directory = "/tmp/leadq-pg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        if asRoot {
            guard let pw = getpwnam("postgres") else {
                throw PostgresHarness.Unavailable(
                    description: "running as root and there is no postgres user to run the server as")
            }
            chown(directory, pw.pointee.pw_uid, pw.pointee.pw_gid)
        }
        var auth = ["-A", "trust"]
        if let password {
            let file = directory + "/pw"
            FileManager.default.createFile(atPath: file, contents: Data(password.utf8))
            if asRoot, let pw = getpwnam("postgres") { chown(file, pw.pointee.pw_uid, pw.pointee.pw_gid) }
            auth = ["-A", "scram-sha-256", "--pwfile", file]
        }
        try run("initdb", ["-D", data, "-U", "leadq"] + auth + ["-E", "UTF8", "--locale=C", "--no-sync"])
        try start()
    }

    var data: String { directory + "/data" }

    /// The server's URL (with the password, if it has one).
    public var url: String {
        "postgresql://leadq\(password.map { ":" + $0 } ?? "")@/postgres?host=\(directory)"
    }

    public func start() throws {
        let options = "-k \(directory) -c listen_addresses='' -c fsync=off -c max_connections=200"
        try run("pg_ctl", ["-D", data, "-o", options, "-l", directory + "/log", "-w", "-t", "60", "start"])
    }

    /// Stops the server as an administrator's restart does (`-m fast`: every session is ended).
    public func stop() throws {
        try run("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"])
    }

    public func restart() throws {
        try stop()
        try start()
    }

    /// Stops the server at once and removes its files.
    public func remove() {
        _ = try? run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    static func binaries() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init)
            .sorted()
        for v in versions.reversed() where FileManager.default.isExecutableFile(atPath: "\(root)/\(v)/bin/initdb") {
            return "\(root)/\(v)/bin"
        }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        where FileManager.default.isExecutableFile(atPath: "\(dir)/initdb") {
            return String(dir)
        }
        return nil
    }

    /// Runs a server tool with `Spawn`: pg_ctl leaves a server behind, which Foundation's
    /// `Process` would wait for too. Its messages go to a file, shown if it fails.
    func run(_ tool: String, _ args: [String]) throws {
        let argv = (asRoot ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : []) + ["\(bin)/\(tool)"] + args
        let outcome = try Spawn.run(
            ["/bin/sh", "-c", #"cd /tmp && exec "$@" >"$0" 2>&1"#, directory + "/\(tool).out"] + argv)
        guard outcome.status == 0 else {
            let text = (try? String(contentsOfFile: directory + "/\(tool).out", encoding: .utf8)) ?? ""
            throw PostgresHarness.Unavailable(
                description: "\(tool) failed (exit \(outcome.status)): \(text.suffix(400))")
        }
    }
}

/// The shared cluster, stopped when the test process exits.
enum Cluster {
    nonisolated(unsafe) static var shared: PostgresCluster?

    static func start() throws -> String {
        let cluster = try PostgresCluster()
        shared = cluster
        atexit { Cluster.shared?.remove() }
        return cluster.url
    }
}
#endif

#if Postgres
extension PostgresHarness {
    /// The server process serving a PostgreSQL store's connection.
    public static func backendPID(_ store: any LeadStore) throws -> Int32 {
        guard let pg = store as? PostgresStore else {
            throw Unavailable(description: "\(store.location) is not a PostgreSQL store")
        }
        return try pg.serverProcessID()
    }

    /// Ends the store's connection from the server's side, as an administrator's
    /// `pg_terminate_backend` does; `admin` is a URL to connect with for it.
    public static func terminate(_ store: any LeadStore, admin: String) throws {
        let pid = try backendPID(store)
        _ = try PostgresRaw(url: admin).run("SELECT pg_terminate_backend(\(pid))::text")
    }

    /// The Unix socket the server at `url` listens on.
    public static func socketPath(of url: String) throws -> String {
        try PostgresTarget.resolve(url, environment: [:]).socketPath
    }

    /// The same user and database as `url`, reached over TCP at 127.0.0.1:`port` (a proxy's).
    public static func overTCP(_ url: String, port: Int, schema: String) throws -> String {
        let t = try PostgresTarget.resolve(url, environment: [:])
        return "postgresql://\(t.user)@127.0.0.1:\(port)/\(t.database)?sslmode=disable&schema=\(schema)"
    }

    /// A database of its own on the shared server, for a test that turns connections to it away;
    /// its URL (with a schema, for a store).
    public static func freshDatabase() throws -> (url: String, name: String) {
        var target = try PostgresTarget.resolve(try server.get(), environment: [:])
        let name = "lq_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        try PostgresRaw(url: target.location).run("CREATE DATABASE \(name)")
        target.database = name
        return (target.location, name)
    }
}
#endif
