import LeadqCodec
import LeadqStore

/// Where the journal is known durable, kept in the lock file for readers that don't hold the lock.
///
/// A reader that doesn't wait for a writer reads the journal while a write may be under way, and a
/// record written but not yet fsync'd may still be taken back (a failed fsync truncates it away).
/// So after each fsync the writer, still holding the lock, notes the journal and the byte it is
/// durable through at the start of the lock file; such a reader reads no further than that. The
/// mark is a hint, not data: a missing or torn one only makes the reader wait for the next look.
struct DurableMark: Equatable {
    var journal: String
    var end: Int64

    static let size = 64

    /// `journal-000000001235.jsonl 12345 crc` padded to a fixed size, so a new mark overwrites
    /// every byte of the old one.
    func encoded() -> [UInt8] {
        let body = "\(journal) \(end)"
        var out = Array("\(body) \(CRC32.hex(CRC32.checksum(Array(body.utf8))))".utf8)
        out += [UInt8](repeating: 0x20, count: max(0, DurableMark.size - 1 - out.count))
        out.append(0x0A)
        return out
    }

    static func decode(_ bytes: [UInt8]) -> DurableMark? {
        let parts = bytes.split { $0 == 0x20 || $0 == 0x0A || $0 == 0 }.map { String(decoding: $0, as: UTF8.self) }
        guard parts.count == 3, let end = Int64(parts[1]), end >= 0,
            StoreFiles.parse(parts[0], prefix: "journal") != nil,
            CRC32.hex(CRC32.checksum(Array("\(parts[0]) \(parts[1])".utf8))) == parts[2]
        else { return nil }
        return DurableMark(journal: parts[0], end: end)
    }
}

extension FileStore {
    /// Notes that the journal is durable through `end`. Failing to is harmless (readers wait for the
    /// lock instead), so it never turns a saved action into a reported failure.
    func publishDurable(_ journal: String, through end: Int64) {
        let bytes = DurableMark(journal: journal, end: end).encoded()
        _ = try? bytes.withUnsafeBytes {
            try fs.write(lockFD, $0, at: 0, path: StoreFiles.join(directory, StoreFiles.lock))
        }
    }

    func durableMark() -> DurableMark? {
        var buf = [UInt8](repeating: 0, count: DurableMark.size)
        let n =
            (try? buf.withUnsafeMutableBytes {
                try fs.read(lockFD, into: $0, at: 0, path: StoreFiles.join(directory, StoreFiles.lock))
            }) ?? 0
        return n == DurableMark.size ? DurableMark.decode(buf) : nil
    }

    /// How far the current journal may be read without the lock: all of it once the writer has
    /// moved on to a later journal, else through the mark (or nothing new without one).
    func durableLimit() -> Int64 {
        guard let mark = durableMark(), let markFirst = StoreFiles.parse(mark.journal, prefix: "journal") else {
            return journal.offset
        }
        if mark.journal == journal.name { return mark.end }
        return markFirst > journal.first ? Int64.max : journal.offset
    }
}
