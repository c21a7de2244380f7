import LeadqFileStore

/// A file a front end writes (an export, a rejects file, the console's remembered theme) through
/// the store's own writer, `AtomicFile`: a temporary name beside it, fsync, rename, the directory's
/// fsync. It appears whole or not at all; dropped without `commit`, it leaves nothing behind.
public final class WholeFile {
    private let file: AtomicFile

    /// Creates the temporary file now, so a path that can't be written is known before anything
    /// is saved; `permissions` are the file's exact bits (the umask doesn't narrow them).
    public init(_ path: String, permissions: UInt32) throws {
        file = try AtomicFile(path, permissions: permissions, fs: PosixFileSystem())
    }

    public func write(_ bytes: [UInt8]) throws { try file.write(bytes) }

    /// Makes the bytes durable and puts them in place.
    public func commit() throws { try file.commit() }

    /// True once the bytes are in place: a failure after it left the file written, maybe not yet
    /// durable.
    public var isInPlace: Bool { file.isInPlace }

    /// Writes `bytes` as the whole of `path`.
    public static func write(_ path: String, _ bytes: [UInt8], permissions: UInt32) throws {
        try AtomicFile.write(path, bytes, permissions: permissions, fs: PosixFileSystem())
    }
}
