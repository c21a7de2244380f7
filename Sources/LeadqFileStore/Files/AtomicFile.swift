import LeadqStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that appears whole or not at all: written under a temporary name, fsync'd, renamed into
/// place, and its directory fsync'd so the rename itself survives a power cut. The one way the store
/// creates or replaces a file (journals, snapshots, settings, copies set aside); a file dropped
/// without `commit` leaves nothing behind.
final class AtomicFile {
    let fs: FileSystem
    let path: String
    let temporary: String
    private var fd: Int32
    private var committed = false

    init(_ path: String, permissions: UInt32, fs: FileSystem) throws {
        self.fs = fs
        self.path = path
        temporary = path + ".tmp-\(getpid())"
        try? fs.remove(temporary)
        fd = try fs.open(temporary, .create(permissions: permissions))
    }

    deinit { if !committed { abandon() } }

    func write(_ bytes: [UInt8]) throws {
        try fs.writeAll(fd, bytes, path: temporary)
    }

    /// Makes the bytes durable and puts them in place.
    func commit() throws {
        try fs.fsync(fd, path: temporary)
        fs.close(fd)
        fd = -1
        try fs.rename(temporary, path)
        committed = true
        try fs.syncDirectory(AtomicFile.parent(of: path))
    }

    private func abandon() {
        if fd >= 0 { fs.close(fd) }
        fd = -1
        try? fs.remove(temporary)
    }

    /// Writes `bytes` as the whole of `path`.
    static func write(_ path: String, _ bytes: [UInt8], permissions: UInt32, fs: FileSystem) throws {
        let file = try AtomicFile(path, permissions: permissions, fs: fs)
        try file.write(bytes)
        try file.commit()
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
