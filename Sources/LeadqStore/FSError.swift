#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed file operation: what, on which file, and the errno.
public struct FSError: Error, Equatable, Sendable, CustomStringConvertible {
    public var op: String
    public var path: String
    public var code: Int32

    public init(op: String, path: String, code: Int32) { (self.op, self.path, self.code) = (op, path, code) }

    public var description: String { "\(op) \(path): \(FSError.explain(code))" }

    public static func explain(_ code: Int32) -> String {
        switch code {
        case ENOSPC: return "no space left on the disk (ENOSPC)"
        case EROFS: return "the file system is read-only (EROFS)"
        case EACCES, EPERM: return "permission denied (\(code == EACCES ? "EACCES" : "EPERM"))"
        case EIO: return "input/output error from the disk (EIO)"
        case ENOENT: return "no such file or directory (ENOENT)"
        case EDQUOT: return "disk quota exceeded (EDQUOT)"
        default: return String(cString: strerror(code)) + " (errno \(code))"
        }
    }

    public var isNotFound: Bool { code == ENOENT }
}
