import ArgumentParser
import Foundation

#if Postgres
import LeadqTestSupport
#endif

/// The PostgreSQL server the side-by-side figures use: the tests' harness, so `LEADQ_TEST_PG`
/// names one, or a throwaway cluster is started on a Unix socket and stopped at exit.
enum BenchPostgres {
    #if Postgres
    static func server() throws -> String {
        switch PostgresHarness.server {
        case .success(let url): return url
        case .failure(let why): throw ValidationError("--postgres: no PostgreSQL server: \(why)")
        }
    }
    #else
    static func server() throws -> String {
        throw ValidationError(
            "--postgres: this leadq-bench is built without PostgreSQL (swift build -c release --traits Postgres)")
    }
    #endif

    /// The server as the notes name it, without a password.
    static var shown: String {
        guard let url = try? server() else { return "no server" }
        return url.replacingOccurrences(of: #":[^:@/]*@"#, with: "@", options: .regularExpression)
    }

    /// A schema of its own on the server for one store.
    static func freshURL(_ label: String) throws -> String {
        let base = try server()
        let name = "bench_\(getpid())_" + label.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
        return base + (base.contains("?") ? "&" : "?") + "schema=\(name)_\(UInt16.random(in: 0...UInt16.max))"
    }
}
