import LeadqStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real file system, through POSIX calls.
public final class PosixFileSystem: FileSystem, @unchecked Sendable {
    public init() {}

    public func open(_ path: String, _ how: OpenHow) throws -> Int32 {
        if case .createIfMissing(let p) = how {
            // Create it with exactly these bits (the umask would narrow them: a group-shared lock file
            // left 0640 shuts teammates out), or open it as it is if it exists.
            while true {
                do { return try self.open(path, .create(permissions: p)) } catch let e as FSError where e.code == EEXIST
                {}
                // Removed between the two calls: create it after all.
                do { return try self.open(path, .readWrite) } catch let e as FSError where e.isNotFound {}
            }
        }
        var flags: Int32 = O_CLOEXEC
        var mode: mode_t = 0
        switch how {
        case .read: flags |= O_RDONLY
        case .readWrite: flags |= O_RDWR
        case .append: flags |= O_WRONLY | O_APPEND
        case .create(let p):
            flags |= O_RDWR | O_CREAT | O_EXCL
            mode = mode_t(p)
        case .createIfMissing(let p):
            flags |= O_RDWR | O_CREAT
            mode = mode_t(p)
        }
        while true {
            let fd = Glibc.open(path, flags, mode)
            if fd >= 0 {
                // The umask may have narrowed the mode; new files get exactly what was asked.
                if case .create(let p) = how { _ = fchmod(fd, mode_t(p)) }
                return fd
            }
            if errno != EINTR { throw FSError(op: "open", path: path, code: errno) }
        }
    }

    public func close(_ fd: Int32) { _ = Glibc.close(fd) }

    public func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws -> Int {
        while true {
            let n = Glibc.write(fd, bytes.baseAddress, bytes.count)
            if n >= 0 { return n }
            if errno != EINTR { throw FSError(op: "write", path: path, code: errno) }
        }
    }

    public func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int64, path: String) throws -> Int {
        while true {
            let n = pwrite(fd, bytes.baseAddress, bytes.count, off_t(offset))
            if n >= 0 { return n }
            if errno != EINTR { throw FSError(op: "write", path: path, code: errno) }
        }
    }

    public func read(_ fd: Int32, into buf: UnsafeMutableRawBufferPointer, at offset: Int64, path: String) throws -> Int
    {
        while true {
            let n = pread(fd, buf.baseAddress, buf.count, off_t(offset))
            if n >= 0 { return n }
            if errno != EINTR { throw FSError(op: "read", path: path, code: errno) }
        }
    }

    public func fsync(_ fd: Int32, path: String) throws {
        if Glibc.fsync(fd) != 0 { throw FSError(op: "fsync", path: path, code: errno) }
    }

    public func truncate(_ fd: Int32, to length: Int64, path: String) throws {
        if ftruncate(fd, off_t(length)) != 0 { throw FSError(op: "truncate", path: path, code: errno) }
    }

    public func size(_ fd: Int32, path: String) throws -> Int64 {
        var st = stat()
        if fstat(fd, &st) != 0 { throw FSError(op: "stat", path: path, code: errno) }
        return Int64(st.st_size)
    }

    public func lock(_ fd: Int32, exclusive: Bool, wait: Bool, path: String) throws -> Bool {
        let op = (exclusive ? LOCK_EX : LOCK_SH) | (wait ? 0 : LOCK_NB)
        while true {
            if flock(fd, op) == 0 { return true }
            if errno == EWOULDBLOCK && !wait { return false }
            if errno != EINTR { throw FSError(op: "lock", path: path, code: errno) }
        }
    }

    public func unlock(_ fd: Int32) { _ = flock(fd, LOCK_UN) }

    public func rename(_ from: String, _ to: String) throws {
        if Glibc.rename(from, to) != 0 { throw FSError(op: "rename", path: from, code: errno) }
    }

    public func remove(_ path: String) throws {
        if unlink(path) != 0 && errno != ENOENT { throw FSError(op: "remove", path: path, code: errno) }
    }

    public func syncDirectory(_ path: String) throws {
        let fd = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 { throw FSError(op: "open", path: path, code: errno) }
        defer { _ = Glibc.close(fd) }
        if Glibc.fsync(fd) != 0 && errno != EINVAL { throw FSError(op: "fsync", path: path, code: errno) }
    }

    public func makeDirectory(_ path: String, permissions: UInt32) throws {
        if mkdir(path, mode_t(permissions)) == 0 {
            // Exactly these bits, whatever the umask: a group-shared store needs group-writable directories.
            _ = chmod(path, mode_t(permissions))
        } else if errno != EEXIST {
            throw FSError(op: "create directory", path: path, code: errno)
        }
    }

    public func list(_ dir: String) throws -> [String] {
        guard let d = opendir(dir) else { throw FSError(op: "list", path: dir, code: errno) }
        defer { closedir(d) }
        var names: [String] = []
        while let ent = readdir(d) {
            let name = withUnsafePointer(to: ent.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    public func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
}

extension FileSystem {
    /// Writes all of `bytes`, retrying short writes.
    func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        var done = 0
        while done < bytes.count {
            let n = try bytes.withUnsafeBytes { (buf) throws -> Int in
                try write(fd, UnsafeRawBufferPointer(rebasing: buf[done...]), path: path)
            }
            if n == 0 { throw FSError(op: "write", path: path, code: EIO) }
            done += n
        }
    }

    /// Reads a whole file into memory.
    func readAll(_ path: String) throws -> [UInt8] {
        let fd = try open(path, .read)
        defer { close(fd) }
        let size = Int(try self.size(fd, path: path))
        var out = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = try out.withUnsafeMutableBytes { (buf) throws -> Int in
                try read(fd, into: UnsafeMutableRawBufferPointer(rebasing: buf[done...]), at: Int64(done), path: path)
            }
            if n == 0 { break }
            done += n
        }
        return done == size ? out : Array(out.prefix(done))
    }
}
