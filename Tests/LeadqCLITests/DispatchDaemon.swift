import Foundation
import LeadqTestSupport

/// `leadq dispatch` running as its own process, its stdout and stderr in files the test reads as
/// they grow.
final class DispatchDaemon {
    let process = Process()
    let out: String
    let err: String

    init(store: String, dir: String, name: String, extra: [String] = [], env: [String: String]) throws {
        out = "\(dir)/\(name).out"
        err = "\(dir)/\(name).err"
        FileManager.default.createFile(atPath: out, contents: nil)
        FileManager.default.createFile(atPath: err, contents: nil)
        process.executableURL = URL(fileURLWithPath: LeadqProcess.binary)
        process.arguments = ["dispatch", "--store", store] + extra
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        environment["LEADQ_NOW"] = nil
        for (k, v) in env { environment[k] = v }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: out)
        process.standardError = FileHandle(forWritingAtPath: err)
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var log: String { (try? String(contentsOfFile: out, encoding: .utf8)) ?? "" }
    var errors: String { (try? String(contentsOfFile: err, encoding: .utf8)) ?? "" }

    /// Waits until `done` holds, at most `seconds`; how long it took, or nil.
    @discardableResult
    static func waitUntil(_ seconds: Double, _ done: () throws -> Bool) rethrows -> Double? {
        let start = Date()
        while Date().timeIntervalSince(start) < seconds {
            if try done() { return Date().timeIntervalSince(start) }
            usleep(100_000)
        }
        return try done() ? Date().timeIntervalSince(start) : nil
    }

    func stop(_ signal: Int32 = SIGTERM) -> Int32 {
        kill(pid, signal)
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning {
            kill(pid, SIGKILL)
            process.waitUntilExit()
        }
    }
}
