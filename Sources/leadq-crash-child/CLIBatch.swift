import Foundation
import LeadqCLI
import LeadqFileStore
import LeadqStore
import LeadqTestSupport

#if canImport(Glibc)
import LeadqCodec
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `cli-batch --script FILE --store DIR`: runs many `leadq` command lines in this one process (the
/// same parsing and code as the executable, without a process start each), and after every one that
/// changed the store's files checks that the store still opens, verifies and reads every lead.
///
/// Each script line is `E:<hex of KEY=value> … A:<hex of an argument> …` (hex of UTF-8, so any text
/// goes through). The environment keys of a line replace the previous line's. For each command one
/// result line: `rc N CODE ok`, or `rc N CODE damaged <hex of the store's error> <hex of stderr>`.
/// The commands' own output goes to /dev/null.
struct CLIBatch {
    let script: String
    let store: String
    let results: Int32
    let capture: String

    init(_ a: Arguments) throws {
        script = try a.string("script")
        store = try a.string("store")
        capture = script + ".stderr"
        results = dup(1)
        let null = open("/dev/null", O_WRONLY)
        dup2(null, 1)
        close(null)
    }

    func run() throws {
        guard let text = try? String(contentsOfFile: script, encoding: .utf8) else {
            throw ChildError("can't read \(script)")
        }
        var set: [String] = []
        var seen: [String]?
        for (i, line) in text.split(separator: "\n").enumerated() {
            var env: [(String, String)] = []
            var args: [String] = []
            for field in line.split(separator: " ") {
                if field.hasPrefix("E:"), let kv = Hex.decode(field.dropFirst(2)), let eq = kv.firstIndex(of: "=") {
                    env.append((String(kv[..<eq]), String(kv[kv.index(after: eq)...])))
                } else if field.hasPrefix("A:"), let arg = Hex.decode(field.dropFirst(2)) {
                    args.append(arg)
                }
            }
            for key in set { unsetenv(key) }
            for (k, v) in env { setenv(k, v, 1) }
            set = env.map(\.0)
            let code = runCaptured(args)
            let now = StoreFingerprint.of(store)
            let damage = now == seen ? nil : check()
            seen = now
            let line: String
            if let damage {
                line = "rc \(i) \(code) damaged \(Hex.encode(damage)) \(Hex.encode(readCapture()))"
            } else {
                line = "rc \(i) \(code) ok"
            }
            Out.write(results, line + "\n")
        }
        Out.write(results, "done\n")
    }

    /// Runs one command with its stderr in the capture file.
    private func runCaptured(_ args: [String]) -> Int32 {
        let saved = dup(2)
        let fd = open(capture, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        dup2(fd, 2)
        close(fd)
        defer {
            dup2(saved, 2)
            close(saved)
        }
        return LeadqCommand.exitStatus(args)
    }

    private func readCapture() -> String {
        (try? String(contentsOfFile: capture, encoding: .utf8)) ?? ""
    }

    /// Why the store no longer opens, verifies or reads back, or nil.
    private func check() -> String? {
        do {
            let s = try FileStore.open(store)
            _ = try s.verify()
            try s.forEachLead { _ in }
            return nil
        } catch {
            return "\(error)"
        }
    }
}
