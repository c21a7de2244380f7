import Foundation
import LeadqTestSupport

/// Runs a program to time it and read its peak memory, through a fresh copy of leadq-bench.
///
/// Linux carries a process's peak RSS across exec, and posix_spawn's child shares the spawning
/// process's memory until it execs: a program spawned straight from the bench would report the
/// bench's own peak (hundreds of MiB after generating 100k leads). Spawned from a small, fresh
/// process instead, its `ru_maxrss` is its own, or that process's few MiB if less (the floor,
/// measured by timing `true`).
enum Measured {
    static let flag = "--measure-child"

    /// Runs `argv` with `env` added; its output is thrown away, its standard error shown or not.
    static func run(_ argv: [String], env: [String: String], showErrors: Bool = true) throws -> Spawn.Outcome {
        let me =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let out = try Spawn.run([me, flag] + argv, env: env, stdout: .capture, showErrors: showErrors)
        let parts = out.output.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        guard out.status == 0, parts.count == 3, let status = Int32(parts[0]), let seconds = Double(parts[1]),
            let kib = Int(parts[2])
        else {
            throw BenchError("could not run \(argv.joined(separator: " ")) through leadq-bench \(flag)")
        }
        return Spawn.Outcome(status: status, output: "", seconds: seconds, maxRSSKiB: kib)
    }

    /// In the fresh copy: runs the program (its output thrown away, its standard error where
    /// ours goes) and prints "status seconds peak-KiB".
    static func child(_ argv: [String]) -> Never {
        do {
            let out = try Spawn.run(argv, showErrors: true)
            print("\(out.status) \(out.seconds) \(out.maxRSSKiB)")
            exit(0)
        } catch {
            FileHandle.standardError.write(Data("leadq-bench: \(error)\n".utf8))
            exit(1)
        }
    }
}
