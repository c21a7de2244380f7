import Foundation
import LeadqDomain
import LeadqIO
import LeadqStore

/// Where an export goes: stdout, or a file that appears whole (written to a temporary name,
/// fsync'd, renamed) so a half-written export is never mistaken for a finished one.
final class FileSink {
    let path: String?
    private let fd: Int32
    private let tmp: String?
    private var buffer: [UInt8] = []

    init(path: String?) throws {
        self.path = path
        guard let path else { fd = 1; tmp = nil; return }
        let t = path + ".tmp-\(getpid())"
        let f = open(t, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard f >= 0 else { throw CLIError.usage("\(path): can't write (\(String(cString: strerror(errno))))") }
        (fd, tmp) = (f, t)
    }

    func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        var done = 0
        while done < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError.usage("\(path ?? "stdout"): write failed (\(String(cString: strerror(errno))))")
            }
            done += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func finish() throws {
        try flush()
        guard let path, let tmp else { return }
        guard fsync(fd) == 0, close(fd) == 0, rename(tmp, path) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(tmp)
            throw CLIError.usage("\(path): can't write (\(why))")
        }
    }

    deinit {
        if let tmp, FileManager.default.fileExists(atPath: tmp) { close(fd); unlink(tmp) }
    }
}

/// "1 lead", "3 leads".
func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

/// Imports, routing and nurture releases are a manager's: refused (exit 1) for anyone else.
func requireManager(_ store: Store, _ actor: String, to verb: String) throws {
    guard let me = store.settings.rep(actor) else { throw Refusal("'\(actor)' is not on the team in this store's settings; use --rep") }
    guard me.role == .manager else { throw Refusal("only a manager can \(verb); \(actor) is a \(me.role.rawValue)") }
}

/// Import and export problems are bad input (exit 2), one line each.
func ioGuarded(_ body: () throws -> Void) throws {
    try guarded {
        do { try body() } catch let e as ImportFileError {
            throw CLIError.usage(e.description)
        } catch let e as ImportUsageError {
            throw CLIError.usage(e.message)
        }
    }
}

func readInput(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            throw CLIError.usage("\(path): \(isDir.boolValue ? "is a directory" : "can't be read")")
        }
        throw CLIError.usage("\(path): no such file")
    }
    return [UInt8](data)
}
