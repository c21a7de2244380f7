import Foundation

/// Runs the built `leadq` binary as a separate process, the way scripts and other reps' terminals do.
public struct LeadqProcess {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The `leadq` executable next to the test bundle (SwiftPM builds it for test targets that depend on it).
    public static var binary: String {
        if let env = ProcessInfo.processInfo.environment["LEADQ_BIN"], !env.isEmpty { return env }
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return dir.appendingPathComponent("leadq").path
    }

    /// Starts `leadq args…` without waiting; call `finish` on the result.
    public static func start(_ args: [String], env: [String: String] = [:]) throws -> Running {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return Running(process: p, out: out, err: err)
    }

    public static func run(_ args: [String], env: [String: String] = [:]) throws -> Result {
        try start(args, env: env).finish()
    }

    public final class Running: @unchecked Sendable {
        let process: Process
        let out: Pipe
        let err: Pipe
        init(process: Process, out: Pipe, err: Pipe) { (self.process, self.out, self.err) = (process, out, err) }

        public func finish() -> Result {
            // Both pipes drained at once: a child filling one while we wait on the other would hang.
            let box = DataBox()
            let errHandle = err.fileHandleForReading
            let reader = Thread { box.set(errHandle.readDataToEndOfFile()) }
            reader.start()
            let o = out.fileHandleForReading.readDataToEndOfFile()
            let e = box.wait()
            process.waitUntilExit()
            return Result(
                status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                stderr: String(decoding: e, as: UTF8.self))
        }
    }
}

/// Hands the stderr bytes from the reading thread to the waiting one.
private final class DataBox: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()
    func set(_ d: Data) {
        data = d
        done.signal()
    }
    func wait() -> Data {
        done.wait()
        return data
    }
}
