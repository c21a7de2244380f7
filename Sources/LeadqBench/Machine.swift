import Foundation
import LeadqTestSupport

/// What the figures were measured on, for the record.
enum Machine {
    static var cpu: String {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model =
            info.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
            ?? "unknown CPU"
        return "\(model), \(ProcessInfo.processInfo.activeProcessorCount) cores available"
    }

    static var memory: String {
        "\(ProcessInfo.processInfo.physicalMemory / (1 << 20)) MiB RAM"
    }

    static var kernel: String {
        var u = utsname()
        uname(&u)
        let release = withUnsafeBytes(of: &u.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return "Linux \(release)"
    }

    /// The 1-, 5- and 15-minute load averages: other work on the machine during the run.
    static var load: String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    /// The file system the stores are on (fsync costs differ a lot between them).
    static func fileSystem(_ path: String) -> String {
        let out = try? Spawn.run(["stat", "-f", "-c", "%T", path], stdout: .capture)
        return out?.output.trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown"
    }

    static var commit: String? {
        guard let out = try? Spawn.run(["git", "rev-parse", "--short", "HEAD"], stdout: .capture), out.status == 0
        else { return nil }
        return out.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static var isDebugBuild: Bool {
        #if DEBUG
        return true
        #else
        return false
        #endif
    }
}
