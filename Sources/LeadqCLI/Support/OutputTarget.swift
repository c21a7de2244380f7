import Foundation

/// Where an output path (`-o`, `--rejects`) leads, decided before anything is written or saved.
/// What is at the path is never replaced by something of another kind: a device, FIFO or socket
/// is written through, a symbolic link is followed, and only a regular file (or a new one) is
/// replaced, whole.
enum OutputTarget: Equatable {
    case stdout
    /// A regular file at this resolved path, existing (with its permission bits) or new.
    case file(path: String, mode: mode_t?)
    /// A device or FIFO: opened for writing as it is; `id` is what was looked at.
    case through(path: String, id: FileID)
    case socket(path: String)

    /// `-` (or no option) is stdout.
    static func resolve(_ path: String?, flag: String, protecting guarded: Protected) throws -> OutputTarget {
        guard let path, path != "-" else { return .stdout }
        guard !path.isEmpty else { throw CLIError.usage("\(flag) is empty: give a file, or - for stdout") }
        let target = try kind(of: path)
        try guarded.check(target, path, flag: flag)
        return target
    }

    private static func kind(of path: String) throws -> OutputTarget {
        var st = stat()
        if lstat(path, &st) != 0 {
            guard errno == ENOENT else { throw FileID.failure(path, errno) }
            return .file(path: try newFile(path), mode: nil)
        }
        if st.st_mode & S_IFMT == S_IFLNK && stat(path, &st) != 0 {
            let why = errno == ENOENT ? "what it points to doesn't exist" : CheckedWrite.why(errno)
            throw CLIError.usage(
                "\(path): a symbolic link that leadq can't follow (\(why)); it writes through links, never over them")
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG:
            guard let real = realPath(path) else { throw FileID.failure(path, errno) }
            return .file(path: real, mode: st.st_mode & 0o777)
        case S_IFDIR: throw CLIError.usage("\(path): is a directory; give a file")
        case S_IFSOCK: return .socket(path: path)
        default: return .through(path: path, id: FileID(st))
        }
    }

    /// A file that doesn't exist yet, in a directory that must.
    private static func newFile(_ path: String) throws -> String {
        guard !path.hasSuffix("/") else { throw CLIError.usage("\(path): no such directory") }
        let ns = path as NSString
        let dir = ns.deletingLastPathComponent.isEmpty ? "." : ns.deletingLastPathComponent
        guard let real = realPath(dir) else {
            throw CLIError.usage("\(path): can't write: no such directory \(dir)")
        }
        return (real == "/" ? "" : real) + "/" + ns.lastPathComponent
    }

    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}

/// What a command must not write over: the files it reads, and the store it works on (a journal
/// replaced by an export loses acknowledged work). Compared by device and inode, not by name.
struct Protected {
    var inputs: [String] = []
    var storeDirectory: String?

    func check(_ target: OutputTarget, _ path: String, flag: String) throws {
        let id: FileID?
        var parent: String?
        switch target {
        case .stdout: return
        case .file(let p, let mode):
            id = mode == nil ? nil : FileID(p)
            parent = (p as NSString).deletingLastPathComponent
        case .through(_, let i): id = i
        case .socket(let p): id = FileID(p)
        }
        if let id, inputs.contains(where: { FileID($0) == id }) {
            throw CLIError.usage("\(path): is the file being imported; give \(flag) another file")
        }
        guard let store = storeDirectory, let storeID = FileID(store) else { return }
        if let parent, Self.isWithin(parent, storeID) {
            throw CLIError.usage("\(path): is in the store's directory (\(store)); leadq never writes its output there")
        }
        if let id, Self.files(of: store).contains(id) {
            throw CLIError.usage(
                "\(path): is one of the store's own files (in \(store)); leadq never writes its output over them")
        }
    }

    /// stdout redirected into one of the store's files (`leadq queue >> STORE/journal-….jsonl`):
    /// the shell opened it, but leadq needn't write into it.
    func checkStdout() throws {
        guard let store = storeDirectory else { return }
        var st = stat()
        guard fstat(1, &st) == 0, st.st_mode & S_IFMT == S_IFREG, Self.files(of: store).contains(FileID(st)) else {
            return
        }
        throw CLIError.usage(
            "stdout is one of the store's own files (in \(store)); leadq never writes its output over them")
    }

    /// `dir` is `store` or below it (through any bind mount or symbolic link).
    private static func isWithin(_ dir: String, _ store: FileID) -> Bool {
        var d = dir
        while true {
            if FileID(d) == store { return true }
            if d == "/" || d.isEmpty { return false }
            d = (d as NSString).deletingLastPathComponent
        }
    }

    private static func files(of store: String) -> [FileID] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: store)) ?? []
        return names.compactMap { FileID(store + "/" + $0) }
    }
}

/// A file's identity: its device and inode, whatever name reaches it.
struct FileID: Equatable {
    let device: UInt64
    let inode: UInt64

    init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
    }

    /// Following symbolic links; nil when there is nothing there.
    init?(_ path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        self.init(st)
    }

    /// A path that can't be looked at or opened: bad input (2), unless the disk itself failed (3).
    static func failure(_ path: String, _ code: Int32) -> CLIError {
        let message = "\(path): can't write: \(CheckedWrite.why(code))"
        return [ENOSPC, EDQUOT, EIO].contains(code) ? .io(message) : .usage(message)
    }
}
