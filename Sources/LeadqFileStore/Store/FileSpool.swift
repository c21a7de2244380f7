import LeadqCodec
import LeadqDomain
import LeadqStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streamed batch's events as journal lines but for the write's last event and the checksums
/// (`JournalLineHeads`), in a scratch file until the write seals and copies them: an import's rows
/// are read and made into events once. The file is removed as soon as it is made, so only this
/// process's descriptor holds it and a crash leaves nothing behind; killed before the removal, it
/// leaves a `.tmp-` name, which the store removes when next opened (`removeLeftovers`).
final class FileSpool: StreamedSpool {
    let fs: FileSystem
    let path: String
    private let fd: Int32
    let firstSeq: Int64
    private(set) var events = 0
    private var size: Int64 = 0
    /// The events themselves while few enough to hand back after the write (one slice's worth).
    private(set) var kept: [Event]? = []

    /// `journal-import.jsonl.tmp-PID`: a temporary file to `StoreFiles.isTemporary`, no journal.
    static func name(pid: Int32) -> String { "journal-import.jsonl.tmp-\(pid)" }

    init(directory: String, fs: FileSystem, firstSeq: Int64, permissions: UInt32) throws {
        (self.fs, self.firstSeq) = (fs, firstSeq)
        path = StoreFiles.join(directory, FileSpool.name(pid: getpid()))
        // One left by a killed process of the same id: nothing can be writing it (the lock is held).
        if fs.exists(path) { try fs.remove(path) }
        fd = try fs.open(path, .create(permissions: permissions))
        do { try fs.remove(path) } catch {
            fs.close(fd)
            throw error
        }
    }

    deinit { fs.close(fd) }

    func append(_ batch: consuming [Event]) throws {
        guard let head = batch.first else { return }
        guard head.seq == firstSeq + Int64(events) else {
            throw StreamedBatchMismatch("internal: a streamed batch was not handed over as declared")
        }
        do {
            for part in JournalLineHeads.encode(batch[...]) {
                try fs.writeAll(fd, part, path: path)
                size += Int64(part.count)
            }
        } catch let e as FSError {
            throw StoreError.io(e, consequence: "nothing was saved")
        }
        events += batch.count
        if kept != nil { if events <= FileStore.encodedPerWrite { kept! += batch } else { kept = nil } }
        // Freeing their profiles one by one would hold up the next chunk's rows: done beside them.
        Background.release(batch)
    }

    /// The spooled lines, sealed as lines of a write whose last event is `batchEnd`, handed to
    /// `write` a block at a time.
    func copy(batchEnd: Int64?, _ write: ([UInt8]) throws -> Void) throws {
        var buffer = [UInt8](repeating: 0, count: 1 << 22)
        var (filled, offset, lines) = (0, Int64(0), 0)
        while offset < size {
            // A head longer than the block (a huge profile) grows it.
            if filled == buffer.count { buffer += repeatElement(0, count: buffer.count) }
            let n = try buffer.withUnsafeMutableBytes { b in
                try fs.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: b[filled...]), at: offset, path: path)
            }
            guard n > 0 else { break }
            (filled, offset) = (filled + n, offset + Int64(n))
            var out: [UInt8] = []
            out.reserveCapacity(filled + filled / 4)
            let sealed = buffer.withUnsafeBytes { b in
                JournalLineHeads.seal(UnsafeRawBufferPointer(rebasing: b[..<filled]), batchEnd: batchEnd, into: &out)
            }
            lines += sealed.lines
            if !out.isEmpty { try write(out) }
            filled -= sealed.bytes
            if filled > 0 {
                buffer.withUnsafeMutableBytes { b in _ = memmove(b.baseAddress!, b.baseAddress! + sealed.bytes, filled)
                }
            }
        }
        guard filled == 0, offset == size, lines == events else {
            throw StreamedBatchMismatch("internal: the spooled batch read back \(lines) of its \(events) events")
        }
    }
}
