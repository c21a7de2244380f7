import Foundation
import LeadqApp
import LeadqDomain

/// Where an export or a rejects file goes (see `OutputTarget`): stdout; a regular file that
/// appears whole (`WholeFile`: a temporary file beside it, fsync'd, renamed over it, the directory
/// fsync'd), so a half-written export is never mistaken for a finished one; or a device, FIFO or
/// socket written through. Opened before anything is saved, so a path that can't be written is
/// known in time.
final class FileSink {
    /// The path as given, or "stdout".
    let name: String
    /// stdout, or what is written through; -1 for a regular file, which `file` writes.
    private let fd: Int32
    private let file: WholeFile?
    private var buffer: [UInt8] = []
    private var isOpen = true

    var isStdout: Bool { fd == 1 }

    init(path: String?, flag: String, protecting: Protected) throws {
        let target = try OutputTarget.resolve(path, flag: flag, protecting: protecting)
        name = target == .stdout ? "stdout" : path ?? "stdout"
        switch target {
        case .stdout:
            (fd, file) = (1, nil)
        case .file(let real, let mode):
            do {
                (fd, file) = (-1, try WholeFile(real, permissions: UInt32(mode ?? 0o600)))
            } catch {
                throw FileID.failure(name, Self.code(error))
            }
        case .through(let p, let id):
            (fd, file) = (try Self.openThrough(p, id, name: name), nil)
        case .socket(let p):
            (fd, file) = (try UnixSocket.connect(p, name: name), nil)
        }
    }

    func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        if let file {
            do { try file.write(buffer) } catch { throw failed(Self.code(error), "\(name) was left as it was") }
        } else {
            try buffer.withUnsafeBytes {
                try CheckedWrite.all(fd, $0, name: name, consequence: "the output is cut short")
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func finish() throws {
        try flush()
        guard fd != 1 else { return }
        isOpen = false
        guard let file else {
            if close(fd) != 0 && errno != EINTR { throw failed(errno, "the output may be incomplete") }
            return
        }
        do {
            try file.commit()
        } catch {
            let consequence =
                file.isInPlace ? "\(name) is written but may not survive a power cut" : "\(name) was left as it was"
            throw failed(Self.code(error), consequence)
        }
    }

    private func failed(_ code: Int32, _ consequence: String) -> CLIError {
        .io("\(name): can't write: \(CheckedWrite.why(code)); \(consequence)")
    }

    /// The errno of a failed file operation.
    private static func code(_ error: Error) -> Int32 { (error as? FSError)?.code ?? EIO }

    // A regular file left unfinished is dropped by `WholeFile`, which removes its temporary file.
    deinit {
        guard isOpen, fd > 1 else { return }
        close(fd)
    }

    /// Opened as it is (no O_CREAT, no O_TRUNC), and still what was looked at: not a regular file
    /// that appeared meanwhile, which this would write over in place.
    private static func openThrough(_ path: String, _ id: FileID, name: String) throws -> Int32 {
        let f = Glibc.open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
        guard f >= 0 else { throw FileID.failure(name, errno) }
        var st = stat()
        guard fstat(f, &st) == 0, FileID(st) == id, st.st_mode & S_IFMT != S_IFREG else {
            close(f)
            throw CLIError.usage("\(name): changed while leadq was opening it; try again")
        }
        return f
    }
}

/// A Unix socket named as an output: connected to and written, as a FIFO is.
enum UnixSocket {
    static func connect(_ path: String, name: String) throws -> Int32 {
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: addr.sun_path) else {
            throw CLIError.usage("\(name): a socket path too long to connect to")
        }
        withUnsafeMutableBytes(of: &addr.sun_path) { buf in
            for (i, b) in bytes.enumerated() { buf[i] = b }
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw FileID.failure(name, errno) }
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard rc == 0 else {
            let code = errno
            close(fd)
            throw CLIError.usage("\(name): a socket that doesn't take a connection (\(CheckedWrite.why(code)))")
        }
        return fd
    }
}
