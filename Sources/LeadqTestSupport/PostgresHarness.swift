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

    /// A fresh schema's URL on the server.
    public static func freshURL() throws -> String {
        let base = try server.get()
        let n = counter.add(1, ordering: .relaxed).newValue
        return base + (base.contains("?") ? "&" : "?") + "schema=t\(getpid())_\(n)"
    }

    public static let kind = StoreKind(name: "postgresql", compacts: false) {
        let url = try freshURL()
        return StorePlace(
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
enum Cluster {
    nonisolated(unsafe) static var directory = ""
    nonisolated(unsafe) static var bin = ""
    nonisolated(unsafe) static var asRoot = false

    static func start() throws -> String {
        guard let found = binaries() else {
            throw PostgresHarness.Unavailable(
                description:
                    "no PostgreSQL server here (no initdb in /usr/lib/postgresql/*/bin or on PATH); install postgresql or set LEADQ_TEST_PG"
            )
        }
        bin = found
        asRoot = getuid() == 0
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
        let data = directory + "/data"
        try run("initdb", ["-D", data, "-U", "leadq", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"])
        let options = "-k \(directory) -c listen_addresses='' -c fsync=off -c max_connections=200"
        try run("pg_ctl", ["-D", data, "-o", options, "-l", directory + "/log", "-w", "-t", "60", "start"])
        atexit {
            _ = try? Cluster.run("pg_ctl", ["-D", Cluster.directory + "/data", "-m", "immediate", "-w", "stop"])
            try? FileManager.default.removeItem(atPath: Cluster.directory)
        }
        return "postgresql://leadq@/postgres?host=\(directory)"
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
    static func run(_ tool: String, _ args: [String]) throws {
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
#endif
