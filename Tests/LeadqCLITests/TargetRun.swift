import Foundation
import LeadqTestSupport

/// Runs the built `leadq` with its stdout where a test puts it: captured, an existing file or device
/// opened for writing (never truncated or replaced), a pipe whose reader is already gone, or
/// closed (`>&-`, through the shell).
enum TargetRun {
    struct Result {
        var status: Int32
        /// True when a signal ended it; `status` is then the signal's number.
        var signalled: Bool
        var stdout: String
        var stderr: String
    }

    enum Stdout {
        case capture
        case file(String)
        case closedPipe
        case closed
    }

    static let now = "2026-11-23T10:00:00Z"

    static func run(_ args: [String], stdout: Stdout = .capture, cwd: String? = nil) throws -> Result {
        let p = Process()
        if case .closed = stdout {
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", "exec \"$0\" \"$@\" >&-", LeadqProcess.binary] + args
        } else {
            p.executableURL = URL(fileURLWithPath: LeadqProcess.binary)
            p.arguments = args
        }
        var env = ProcessInfo.processInfo.environment
        env["TZ"] = "UTC"
        env["LEADQ_NOW"] = now
        p.environment = env
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        p.standardInput = FileHandle.nullDevice
        let out = Pipe()
        let err = Pipe()
        var target: FileHandle?
        switch stdout {
        case .capture: p.standardOutput = out
        case .file(let path):
            guard let h = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteUnknown) }
            target = h
            p.standardOutput = h
        case .closedPipe:
            try out.fileHandleForReading.close()
            p.standardOutput = out
        case .closed: break
        }
        p.standardError = err
        try p.run()
        try target?.close()
        let box = Collected()
        let errHandle = err.fileHandleForReading
        let reader = Thread { box.set(errHandle.readDataToEndOfFile()) }
        reader.start()
        var o = Data()
        if case .capture = stdout { o = out.fileHandleForReading.readDataToEndOfFile() }
        let e = box.wait()
        p.waitUntilExit()
        return Result(
            status: p.terminationStatus, signalled: p.terminationReason == .uncaughtSignal,
            stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}

/// Hands bytes read on another thread to the waiting one.
final class Collected: @unchecked Sendable {
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
    /// The bytes, or nil if none came within `seconds`.
    func wait(seconds: Double) -> Data? {
        done.wait(timeout: .now() + seconds) == .success ? data : nil
    }
}

/// What a path is, without following a symbolic link.
enum FileKind: Equatable {
    case missing, regular, directory, symlink, fifo, character, socket, other

    init(_ path: String) {
        var st = stat()
        guard lstat(path, &st) == 0 else {
            self = .missing
            return
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFLNK: self = .symlink
        case S_IFIFO: self = .fifo
        case S_IFCHR: self = .character
        case S_IFSOCK: self = .socket
        default: self = .other
        }
    }
}

/// Copies of /dev/null and /dev/full made with mknod in a test's own directory (root only), so
/// that a writer that replaces device nodes replaces only these.
enum DeviceCopy {
    static func make(_ path: String, major: UInt32, minor: UInt32) -> Bool {
        mknod(path, S_IFCHR | 0o666, dev(major, minor)) == 0
    }

    /// glibc's `makedev`, which Swift doesn't import (it is a macro).
    static func dev(_ major: UInt32, _ minor: UInt32) -> dev_t {
        let (ma, mi) = (UInt64(major), UInt64(minor))
        return dev_t((mi & 0xff) | ((ma & 0xfff) << 8) | ((mi & ~0xff) << 12) | ((ma & ~0xfff) << 32))
    }

    static func full(_ path: String) -> Bool { make(path, major: 1, minor: 7) }
    static func null(_ path: String) -> Bool { make(path, major: 1, minor: 3) }
}

/// A small tmpfs, where the machine lets tests mount one (root with CAP_SYS_ADMIN).
enum SmallTmpfs {
    static func mount(_ dir: String, size: String) -> Bool {
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return tool("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", dir]) == 0
    }

    static func unmount(_ dir: String) { _ = tool("/usr/bin/umount", [dir]) }

    private static func tool(_ path: String, _ args: [String]) -> Int32 {
        guard FileManager.default.isExecutableFile(atPath: path) else { return -1 }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
}
