import LeadqStore

/// The one place the store's events reach the disk: appended to the current journal, fsync'd, and
/// taken back whole if any part fails.
final class JournalAppender {
    let fs: FileSystem
    let path: String
    private let fd: Int32

    init(path: String, fs: FileSystem) throws {
        self.fs = fs
        self.path = path
        fd = try fs.open(path, .append)
    }

    deinit { fs.close(fd) }

    /// Appends records, encoded in parts (one per core) and written one after the other, and makes
    /// them durable. On any failure the file is cut back to where it was, so no half-written record
    /// remains; if even that fails the caller must stop writing.
    /// Returns the file's size after them: the byte the journal is now durable through.
    @discardableResult
    func append(parts: [[UInt8]]) throws -> Int64 {
        try append { write in for bytes in parts { try write(bytes) } }
    }

    /// As `append(parts:)`, with the parts handed to `write` by `produce` as it makes them: a big
    /// write (an import) is encoded a slice at a time, each slice written before the next is made,
    /// and made durable once, at the end. The journal's readers take none of it before the fsync
    /// (the durable mark) nor a torn batch after a crash (each record names the batch's last event).
    @discardableResult
    func append(_ produce: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws -> Int64 {
        let before = try fs.size(fd, path: path)
        var written: Int64 = 0
        do {
            try produce { bytes in
                guard !bytes.isEmpty else { return }
                try fs.writeAll(fd, bytes, path: path)
                written += Int64(bytes.count)
            }
            try fs.fsync(fd, path: path)
            return before + written
        } catch {
            // Whatever stopped it (the disk, or a streamed batch that couldn't be made): taken back.
            do {
                try fs.truncate(fd, to: before, path: path)
                try fs.fsync(fd, path: path)
            } catch let e2 as FSError {
                throw AppendFailure.unrecoverable(error as? FSError ?? e2, e2)
            }
            if let e = error as? FSError { throw AppendFailure.rolledBack(e) }
            throw error
        }
    }

    enum AppendFailure: Error {
        case rolledBack(FSError)
        case unrecoverable(FSError, FSError)
    }
}
