import LeadqStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every file operation the store performs goes through this one small interface, so tests can
/// inject the failures real disks produce (short writes, ENOSPC, EIO on fsync, EACCES, EROFS).
public protocol FileSystem: AnyObject {
    func open(_ path: String, _ how: OpenHow) throws -> Int32
    func close(_ fd: Int32)
    /// Writes some of `bytes`; may write fewer than asked (a short write).
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws -> Int
    /// pwrite(2): writes some of `bytes` at `offset` without moving the file position.
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int64, path: String) throws -> Int
    func read(_ fd: Int32, into: UnsafeMutableRawBufferPointer, at offset: Int64, path: String) throws -> Int
    func fsync(_ fd: Int32, path: String) throws
    func truncate(_ fd: Int32, to length: Int64, path: String) throws
    func size(_ fd: Int32, path: String) throws -> Int64
    /// flock(2); returns false when `wait` is false and another process holds the lock.
    func lock(_ fd: Int32, exclusive: Bool, wait: Bool, path: String) throws -> Bool
    func unlock(_ fd: Int32)
    func rename(_ from: String, _ to: String) throws
    func remove(_ path: String) throws
    func syncDirectory(_ path: String) throws
    func makeDirectory(_ path: String, permissions: UInt32) throws
    func list(_ dir: String) throws -> [String]
    func exists(_ path: String) -> Bool
}

public enum OpenHow: Equatable, Sendable {
    case read
    case readWrite
    case append
    /// Creates a new file (fails if it exists) with these permission bits.
    case create(permissions: UInt32)
    case createIfMissing(permissions: UInt32)
}
