import Foundation
import LeadqFileStore
import LeadqStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real file system with failures injected where a test asks for them: the disk filling up
/// (ENOSPC), going bad (EIO, often only at fsync), a read-only remount (EROFS), lost permissions
/// (EACCES), and short writes. Every call that can fail is a numbered *step*, so a test can first
/// count the steps of an operation and then fail each one in turn.
public final class FaultyFileSystem: FileSystem, @unchecked Sendable {
    public enum Op: String, Sendable, CaseIterable {
        case open, write, read, fsync, truncate, size, lock, rename, remove, syncDirectory, makeDirectory, list
    }

    /// One failable call, as the store made it.
    public struct Call: Sendable, CustomStringConvertible {
        public var step: Int
        public var op: Op
        public var path: String
        /// For `open`: how (`read`, `append`, `create`…); empty otherwise.
        public var how: String
        public var description: String { "#\(step) \(op.rawValue)\(how.isEmpty ? "" : "(\(how))") \(path)" }
        /// Whether the call changes the disk (what a read-only file system refuses).
        public var mutates: Bool {
            switch op {
            case .write, .fsync, .truncate, .rename, .remove, .makeDirectory: return true
            case .open: return how != "read"
            case .read, .size, .lock, .syncDirectory, .list: return false
            }
        }
    }

    public enum Fault: Sendable, Equatable, CustomStringConvertible {
        /// The call fails with this errno and does nothing.
        case error(Int32)
        /// A write puts only the first half of its bytes on disk and reports that count.
        case shortWrite

        public var description: String {
            switch self {
            case .error(let code): return FaultyFileSystem.errnoName(code)
            case .shortWrite: return "short write"
            }
        }
    }

    private let base = PosixFileSystem()
    /// Decides, for each failable call, whether it fails and how. Nil means: behave normally.
    public var plan: (Call) -> Fault?
    public private(set) var calls: [Call] = []
    /// The faults actually injected, in order.
    public private(set) var injected: [(Call, Fault)] = []

    public init(plan: @escaping (Call) -> Fault? = { _ in nil }) { self.plan = plan }

    /// Fails exactly these steps (1-based) with these faults.
    public convenience init(steps: [Int: Fault]) { self.init(plan: { steps[$0.step] }) }

    /// A read-only file system: every call that would change the disk fails with `code`.
    public static func readOnly(_ code: Int32 = EROFS) -> FaultyFileSystem {
        FaultyFileSystem(plan: { $0.mutates ? .error(code) : nil })
    }

    public var stepCount: Int { calls.count }

    /// Descriptors opened through this file system and not yet closed (a leak, once the store is gone).
    public private(set) var openDescriptors: Set<Int32> = []
    /// Closes of descriptors that were not open: a double close, which in a threaded process closes
    /// whatever file reused the number. These are recorded and not passed on.
    public private(set) var doubleCloses: [Int32] = []

    /// Steps are numbered under a lock: a report reads a store's leads on several threads.
    private let stepLock = NSLock()

    private func check(_ op: Op, _ path: String, how: String = "") throws -> Fault? {
        stepLock.lock()
        let call = Call(step: calls.count + 1, op: op, path: path, how: how)
        calls.append(call)
        let planned = plan(call)
        if let fault = planned { injected.append((call, fault)) }
        stepLock.unlock()
        guard let fault = planned else { return nil }
        if case .error(let code) = fault { throw FSError(op: op.rawValue, path: path, code: code) }
        return fault
    }

    // MARK: - FileSystem

    public func open(_ path: String, _ how: OpenHow) throws -> Int32 {
        _ = try check(.open, path, how: FaultyFileSystem.name(how))
        let fd = try base.open(path, how)
        openDescriptors.insert(fd)
        return fd
    }

    public func close(_ fd: Int32) {
        guard openDescriptors.remove(fd) != nil else {
            doubleCloses.append(fd)
            return
        }
        base.close(fd)
    }

    public func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws -> Int {
        if try check(.write, path) == .shortWrite, bytes.count > 1 {
            return try base.write(fd, UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.count / 2)]), path: path)
        }
        return try base.write(fd, bytes, path: path)
    }

    public func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int64, path: String) throws -> Int {
        if try check(.write, path) == .shortWrite, bytes.count > 1 {
            return try base.write(
                fd, UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.count / 2)]), at: offset, path: path)
        }
        return try base.write(fd, bytes, at: offset, path: path)
    }

    public func read(_ fd: Int32, into buf: UnsafeMutableRawBufferPointer, at offset: Int64, path: String) throws -> Int
    {
        _ = try check(.read, path)
        return try base.read(fd, into: buf, at: offset, path: path)
    }

    public func fsync(_ fd: Int32, path: String) throws {
        _ = try check(.fsync, path)
        try base.fsync(fd, path: path)
    }

    public func truncate(_ fd: Int32, to length: Int64, path: String) throws {
        _ = try check(.truncate, path)
        try base.truncate(fd, to: length, path: path)
    }

    public func size(_ fd: Int32, path: String) throws -> Int64 {
        _ = try check(.size, path)
        return try base.size(fd, path: path)
    }

    public func lock(_ fd: Int32, exclusive: Bool, wait: Bool, path: String) throws -> Bool {
        _ = try check(.lock, path, how: exclusive ? "exclusive" : "shared")
        return try base.lock(fd, exclusive: exclusive, wait: wait, path: path)
    }

    public func unlock(_ fd: Int32) { base.unlock(fd) }

    public func rename(_ from: String, _ to: String) throws {
        _ = try check(.rename, from)
        try base.rename(from, to)
    }

    public func remove(_ path: String) throws {
        _ = try check(.remove, path)
        try base.remove(path)
    }

    public func syncDirectory(_ path: String) throws {
        _ = try check(.syncDirectory, path)
        try base.syncDirectory(path)
    }

    public func makeDirectory(_ path: String, permissions: UInt32) throws {
        _ = try check(.makeDirectory, path)
        try base.makeDirectory(path, permissions: permissions)
    }

    public func list(_ dir: String) throws -> [String] {
        _ = try check(.list, dir)
        return try base.list(dir)
    }

    public func exists(_ path: String) -> Bool { base.exists(path) }

    // MARK: - names

    static func name(_ how: OpenHow) -> String {
        switch how {
        case .read: return "read"
        case .readWrite: return "readWrite"
        case .append: return "append"
        case .create: return "create"
        case .createIfMissing: return "createIfMissing"
        }
    }

    public static func errnoName(_ code: Int32) -> String {
        switch code {
        case ENOSPC: return "ENOSPC"
        case EIO: return "EIO"
        case EACCES: return "EACCES"
        case EROFS: return "EROFS"
        case EPERM: return "EPERM"
        case EDQUOT: return "EDQUOT"
        default: return "errno \(code)"
        }
    }
}
