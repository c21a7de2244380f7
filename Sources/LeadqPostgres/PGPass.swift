#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The password file psql reads (`~/.pgpass`, or $PGPASSFILE): lines of
/// `host:port:database:user:password`, `*` matching anything, `\:` and `\\` escaping, `#` comments.
/// The first line that matches wins. Like libpq, a file others can read is not used.
public enum PGPass {
    public static func password(in text: String, for t: PostgresTarget) -> String? {
        // A Unix-socket connection matches the host name "localhost".
        let host = t.isSocket ? "localhost" : t.host
        let wanted = [host, String(t.port), t.database, t.user]
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) where !line.hasPrefix("#") {
            let fields = split(line)
            guard fields.count == 5 else { continue }
            if zip(fields, wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// Fields split at unescaped colons, with the escapes taken out.
    static func split(_ line: Substring) -> [String] {
        var fields: [String] = []
        var field = ""
        var escaped = false
        for c in line {
            if escaped {
                field.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == ":" && fields.count < 4 {
                fields.append(field)
                field = ""
            } else {
                field.append(c)
            }
        }
        fields.append(field)
        return fields
    }

    /// The file's text, or nil when it is missing, unreadable, or open to others (then `warning` says so).
    public static func read(environment env: [String: String], warning: inout String?) -> String? {
        let path: String
        if let p = env["PGPASSFILE"], !p.isEmpty {
            path = p
        } else if let home = env["HOME"], !home.isEmpty {
            path = home + "/.pgpass"
        } else {
            return nil
        }
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        if st.st_mode & 0o077 != 0 {
            warning = "\(path) is readable by others, so it is not used (chmod 600 \(path))"
            return nil
        }
        guard let f = fopen(path, "r") else { return nil }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
