#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a CSV file's bytes are read from, a range at a time: held in memory, or read by offset
/// from the file each time it is asked (a big import reads its file three times and holds none of it).
protocol ByteSource: AnyObject, Sendable {
    /// How many bytes there are.
    var count: Int { get }
    /// The bytes in `range`, read again each time.
    func bytes(_ range: Range<Int>) throws -> [UInt8]
}

/// Bytes already in memory.
final class HeldBytes: ByteSource {
    let body: ArraySlice<UInt8>
    init(_ body: ArraySlice<UInt8>) { self.body = body }
    var count: Int { body.count }
    func bytes(_ range: Range<Int>) throws -> [UInt8] {
        Array(body[(body.startIndex + range.lowerBound)..<(body.startIndex + range.upperBound)])
    }
}

/// A file read by offset (`pread`) from `skip` on (past a byte-order mark), kept open until let go.
final class FileBytes: ByteSource {
    let path: String
    let fd: Int32
    let skip: Int
    let count: Int

    /// Nil when `path` isn't a regular file that can be opened: the caller reads it as it always did.
    init?(path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return nil
        }
        (self.path, self.fd, skip, count) = (path, fd, 0, Int(st.st_size))
    }

    private init(_ other: FileBytes, skip: Int) {
        (path, fd, self.skip, count) = (other.path, dup(other.fd), skip, other.count - skip)
    }

    /// The same file from `n` bytes on.
    func dropping(_ n: Int) -> FileBytes { FileBytes(self, skip: n) }

    deinit { close(fd) }

    func bytes(_ range: Range<Int>) throws -> [UInt8] {
        guard !range.isEmpty else { return [] }
        return try [UInt8](unsafeUninitializedCapacity: range.count) { buf, made in
            while made < range.count {
                let n = pread(
                    fd, buf.baseAddress! + made, range.count - made, off_t(skip + range.lowerBound + made))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    throw ImportFileError(
                        file: path,
                        message: n == 0
                            ? "the file got shorter while it was imported" : "can't be read (errno \(errno))")
                }
                made += n
            }
        }
    }
}
