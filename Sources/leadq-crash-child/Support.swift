import LeadqDemo
import LeadqDomain

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `mode --key value --flag …`, read without a parser library: the child must start fast.
struct Arguments {
    let mode: String
    private var values: [String: String] = [:]

    init(_ argv: ArraySlice<String>) {
        mode = argv.first ?? ""
        var i = argv.index(after: argv.startIndex)
        while i < argv.endIndex {
            let key = argv[i]
            guard key.hasPrefix("--") else {
                i += 1
                continue
            }
            let next = argv.index(after: i)
            if next < argv.endIndex, !argv[next].hasPrefix("--") {
                values[String(key.dropFirst(2))] = argv[next]
                i = argv.index(after: next)
            } else {
                values[String(key.dropFirst(2))] = ""
                i = next
            }
        }
    }

    func string(_ key: String) throws -> String {
        guard let v = values[key] else { throw ChildError("missing --\(key)") }
        return v
    }
    func string(_ key: String, default d: String) -> String { values[key] ?? d }
    func int(_ key: String, default d: Int) -> Int { values[key].flatMap { Int($0) } ?? d }
    func seed(_ key: String = "seed") -> UInt64 { values[key].flatMap { UInt64($0) } ?? 1 }
    func flag(_ key: String) -> Bool { values[key] != nil }
    func list(_ key: String) -> [String] { (values[key] ?? "").split(separator: ",").map(String.init) }
    func now() -> Instant {
        values["now"].flatMap { Instant(iso8601: $0) } ?? Instant(iso8601: "2026-11-23T09:00:00Z")!
    }
}

struct ChildError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Unbuffered output: a line is in the pipe the moment the call returns, so a kill right after
/// cannot lose it, and a kill before it cannot leave a claim the store doesn't back.
enum Out {
    static func line(_ s: String) { write(1, s + "\n") }
    static func err(_ s: String) { write(2, s + "\n") }
    static func write(_ fd: Int32, _ s: String) {
        let bytes = Array(s.utf8)
        bytes.withUnsafeBytes { buf in
            var done = 0
            while done < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                done += n
            }
        }
    }
}

extension SplitMix {
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    mutating func element<T>(_ xs: [T]) -> T? { xs.isEmpty ? nil : xs[below(xs.count)] }
    mutating func coin(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
}
