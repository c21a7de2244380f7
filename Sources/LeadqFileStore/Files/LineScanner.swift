import LeadqStore

/// Walks the newline-terminated lines of a byte buffer, keeping count for error messages.
struct LineScanner {
    let buf: UnsafeRawBufferPointer
    var pos: Int
    var line: Int

    init(_ buf: UnsafeRawBufferPointer, from pos: Int = 0, line: Int = 1) {
        (self.buf, self.pos, self.line) = (buf, pos, line)
    }

    /// The next complete line as (start, end) without its newline; nil at the end or before a partial line.
    mutating func next() -> (start: Int, end: Int)? {
        guard pos < buf.count, let base = buf.baseAddress else { return nil }
        let start = pos
        guard let nl = memchr(base + start, 0x0A, buf.count - start) else { return nil }
        let end = base.distance(to: UnsafeRawPointer(nl))
        pos = end + 1
        line += 1
        return (start, end)
    }

    var remainder: Int { buf.count - pos }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
