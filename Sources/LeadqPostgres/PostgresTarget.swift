import LeadqDomain

/// Where a PostgreSQL store is and how to log in, read as psql reads it: the URL first, then
/// PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE and PGSSLMODE, then ~/.pgpass for the password,
/// then the defaults (the local socket, port 5432, the login name). `schema` names the team's
/// schema, so several teams share one database.
public struct PostgresTarget: Equatable, Sendable {
    /// A host name, or the directory holding the server's Unix socket (starts with "/").
    public var host: String
    public var port: Int
    public var user: String
    /// Never shown: `location` and every message leave it out.
    public var password: String?
    public var database: String
    public var sslMode: SSLMode
    public var schema: String

    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public static let defaultSchema = "leadq"
    static let defaultSocketDirectory = "/var/run/postgresql"

    public var isSocket: Bool { host.hasPrefix("/") }
    public var socketPath: String { host + "/.s.PGSQL.\(port)" }

    /// Whether `location` names a PostgreSQL store rather than a directory.
    public static func isURL(_ location: String) -> Bool {
        location.hasPrefix("postgresql://") || location.hasPrefix("postgres://")
    }

    /// The URL without the password: what messages show, and enough to connect again.
    public var location: String {
        var query: [String] = []
        var authority = URLText.escape(user) + "@"
        if isSocket {
            query.append("host=" + URLText.escape(host, keeping: "/"))
            if port != 5432 { query.append("port=\(port)") }
        } else {
            authority += host.contains(":") ? "[\(host)]" : URLText.escape(host)
            if port != 5432 { authority += ":\(port)" }
        }
        if sslMode != .prefer { query.append("sslmode=\(sslMode.rawValue)") }
        query.append("schema=\(schema)")
        return "postgresql://\(authority)/\(URLText.escape(database))?" + query.joined(separator: "&")
    }

    /// Reads `url` with `environment`'s PG variables, and `pgpass` (the text of the password file,
    /// or nil) for the password when neither the URL nor PGPASSWORD gives one.
    public static func resolve(_ url: String, environment env: [String: String], pgpass: String? = nil) throws
        -> PostgresTarget
    {
        let parts = try URLParts.parse(url)
        func pick(_ key: String, _ envKey: String) -> String? {
            if let v = parts.params[key], !v.isEmpty { return v }
            if let v = env[envKey], !v.isEmpty { return v }
            return nil
        }
        let login = env["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LOGNAME"] ?? "postgres"
        let user = pick("user", "PGUSER") ?? login
        let host = pick("host", "PGHOST") ?? defaultSocketDirectory
        let portText = pick("port", "PGPORT") ?? "5432"
        guard let port = Int(portText), (1...65_535).contains(port) else {
            throw Refusal("in the PostgreSQL URL: port '\(portText)' is not a port number (1 to 65535)", badInput: true)
        }
        let modeText = pick("sslmode", "PGSSLMODE") ?? "prefer"
        guard let mode = SSLMode(rawValue: modeText) else {
            let known = SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
            throw Refusal("in the PostgreSQL URL: sslmode '\(modeText)' is not one of \(known)", badInput: true)
        }
        let schema = parts.params["schema"] ?? defaultSchema
        guard isIdentifier(schema) else {
            throw Refusal(
                "in the PostgreSQL URL: schema '\(schema)' must be lower-case letters, digits and _ (at most 63, not starting with a digit)",
                badInput: true)
        }
        var target = PostgresTarget(
            host: host, port: port, user: user, password: nil,
            database: pick("dbname", "PGDATABASE") ?? user, sslMode: mode, schema: schema)
        target.password = pick("password", "PGPASSWORD") ?? pgpass.flatMap { PGPass.password(in: $0, for: target) }
        return target
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.utf8.first, s.utf8.count <= 63, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
        else { return false }
        return s.utf8.allSatisfy { c in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c)
                || c == UInt8(ascii: "_")
        }
    }
}

/// A PostgreSQL URL taken apart: `postgresql://user:password@host:port/database?key=value&…`.
/// Everything lands in `params` under libpq's names (user, password, host, port, dbname).
struct URLParts {
    var params: [String: String] = [:]

    static let known: Set<String> = [
        "user", "password", "host", "port", "dbname", "sslmode", "schema",
        "application_name", "connect_timeout",
    ]

    static func parse(_ url: String) throws -> URLParts {
        guard PostgresTarget.isURL(url) else {
            throw Refusal("not a PostgreSQL URL (it starts postgresql:// or postgres://)", badInput: true)
        }
        var rest = url.drop { $0 != ":" }.dropFirst(3)
        var out = URLParts()
        if let q = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: q)...].split(separator: "&") where !pair.isEmpty {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = String(kv[0])
                guard known.contains(key) else {
                    throw Refusal(
                        "in the PostgreSQL URL: unknown parameter '\(URLText.inert(key))' (known: \(known.sorted().joined(separator: ", ")))",
                        badInput: true)
                }
                out.params[key] = try URLText.unescape(kv.count > 1 ? String(kv[1]) : "")
            }
            rest = rest[..<q]
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        if slash < rest.endIndex {
            let db = try URLText.unescape(String(rest[rest.index(after: slash)...]))
            if !db.isEmpty, out.params["dbname"] == nil { out.params["dbname"] = db }
        }
        var authority = rest[..<slash]
        if let at = authority.lastIndex(of: "@") {
            let info = authority[..<at]
            let colon = info.firstIndex(of: ":")
            let user = try URLText.unescape(String(info[..<(colon ?? info.endIndex)]))
            if !user.isEmpty, out.params["user"] == nil { out.params["user"] = user }
            if let colon, out.params["password"] == nil {
                out.params["password"] = try URLText.unescape(String(info[info.index(after: colon)...]))
            }
            authority = authority[authority.index(after: at)...]
        }
        try out.readHostAndPort(authority)
        return out
    }

    private mutating func readHostAndPort(_ authority: Substring) throws {
        var host = authority
        var port: Substring?
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            port = host[host.index(after: close)...].drop { $0 == ":" }
            host = host[host.index(after: host.startIndex)..<close]
        } else if let colon = host.lastIndex(of: ":") {
            port = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        if host.contains(",") {
            throw Refusal("in the PostgreSQL URL: several hosts are not supported; name one", badInput: true)
        }
        let h = try URLText.unescape(String(host))
        if !h.isEmpty, params["host"] == nil { params["host"] = h }
        if let p = port, !p.isEmpty, params["port"] == nil { params["port"] = String(p) }
    }
}

/// Percent-encoding for the parts of a URL, and inert text for messages about it.
enum URLText {
    static func unescape(_ s: String) throws -> String {
        var bytes: [UInt8] = []
        var it = Array(s.utf8)[...]
        while let c = it.popFirst() {
            guard c == UInt8(ascii: "%") else {
                bytes.append(c)
                continue
            }
            guard it.count >= 2, let hi = hex(it.removeFirst()), let lo = hex(it.removeFirst()) else {
                throw Refusal("in the PostgreSQL URL: a % must be followed by two hex digits", badInput: true)
            }
            bytes.append(hi << 4 | lo)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Refusal("in the PostgreSQL URL: the escaped bytes are not UTF-8 text", badInput: true)
        }
        return text
    }

    static func escape(_ s: String, keeping extra: String = "") -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~".utf8).union(extra.utf8)
        var out = ""
        for b in s.utf8 {
            if safe.contains(b) {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                out += "%" + String(b, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// A parameter name from the URL, fit to be shown: anything but plain characters escaped.
    static func inert(_ s: String) -> String { escape(String(s.prefix(40)), keeping: "!$'()*+,;:@/ ") }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension String {
    fileprivate func leftPadded(to n: Int) -> String {
        count >= n ? self : String(repeating: "0", count: n - count) + self
    }
}
