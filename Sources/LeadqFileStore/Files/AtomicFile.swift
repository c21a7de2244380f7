import LeadqStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that appears whole or not at all: written under a temporary name, fsync'd, renamed into
/// place, and its directory fsync'd so the rename itself survives a power cut. The one way leadq
/// creates or replaces a file: the store's (journals, snapshots, settings, copies set aside) and,
/// through `WholeFile` (LeadqApp), the front ends' (exports, rejects, the remembered theme). A file
/// dropped without `commit` leaves nothing behind.
package final class AtomicFile {
    let fs: FileSystem
    let path: String
    let temporary: String
    private var fd: Int32
    private var committed = false
    private var syncs = SyncAsWritten()

    /// True once the bytes are in place: a failure after it (the directory's fsync) left the file
    /// written, maybe not yet durable.
    package var isInPlace: Bool { committed }

    package init(_ path: String, permissions: UInt32, fs: FileSystem) throws {
        self.fs = fs
        self.path = path
        temporary = path + ".tmp-\(getpid())"
        try? fs.remove(temporary)
        fd = try fs.open(temporary, .create(permissions: permissions))
    }

    deinit { if !committed { abandon() } }

    package func write(_ bytes: [UInt8]) throws {
        try fs.writeAll(fd, bytes, path: temporary)
        if syncs.wrote(bytes.count) { try fs.fsync(fd, path: temporary) }
    }

    /// Makes the bytes durable and puts them in place.
    package func commit() throws {
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
    package static func write(_ path: String, _ bytes: [UInt8], permissions: UInt32, fs: FileSystem) throws {
        let file = try AtomicFile(path, permissions: permissions, fs: fs)
        try file.write(bytes)
        try file.commit()
    }

    /// A copy of `from` as the whole of `to`, made in chunks: a snapshot can be far bigger than
    /// memory should hold at once.
    static func copy(_ from: String, to: String, permissions: UInt32, fs: FileSystem) throws {
        let src = try fs.open(from, .read)
        defer { fs.close(src) }
        let out = try AtomicFile(to, permissions: permissions, fs: fs)
        var buf = [UInt8](repeating: 0, count: 4 << 20)
        var at: Int64 = 0
        while true {
            let n = try buf.withUnsafeMutableBytes { try fs.read(src, into: $0, at: at, path: from) }
            if n == 0 { break }
            try out.write(Array(buf[0..<n]))
            at += Int64(n)
        }
        try out.commit()
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}

/// A big file (a snapshot of a million leads is 1.4 GB) is synced as it is written: ext4 writes
/// other files' dirty data with a journal commit, so a console's fsync of one action would
/// otherwise wait behind a gigabyte of it. A megabyte at a time: the action's own page also queues
/// at the disk behind whatever a sync has just sent, and behind eight megabytes it waited up to
/// 200 ms (a console compacting a million leads, `perf` of its fsync).
struct SyncAsWritten {
    static let every = 1 << 20
    private var unsynced = 0

    /// Counts bytes written; true when it is time to sync.
    mutating func wrote(_ n: Int) -> Bool {
        unsynced += n
        guard unsynced >= SyncAsWritten.every else { return false }
        unsynced = 0
        return true
    }
}
