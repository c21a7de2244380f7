import LeadqDomain

/// A pull reader over JSON bytes that decodes straight into leadq's types, without building
/// `Any` trees (Foundation's JSONDecoder reads ~33 MB/s here; a 100k-lead store is ~35 MB).
/// The caller keeps the bytes alive while the reader is in use.
public struct JSONReader {
    public let base: UnsafePointer<UInt8>
    public let end: Int
    public internal(set) var pos: Int
    public var depth = 0
    public static let maxDepth = 64

    public init(_ buffer: UnsafeRawBufferPointer, from start: Int = 0, to end: Int? = nil) {
        // An empty buffer has no base address; point at a static byte so reads stay in bounds.
        self.base = buffer.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) } ?? JSONReader.emptyByte
        self.end = buffer.baseAddress == nil ? 0 : (end ?? buffer.count)
        self.pos = start
    }

    nonisolated(unsafe) static let emptyByte: UnsafePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        p.pointee = 0
        return UnsafePointer(p)
    }()

    public func error(_ message: String) -> JSONError { JSONError(offset: pos, message: message) }

    @inline(__always) public var atEnd: Bool { pos >= end }
    @inline(__always) func byte(_ i: Int) -> UInt8 { base[i] }

    @inline(__always) public mutating func skipSpace() {
        while pos < end {
            let c = base[pos]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { pos += 1 } else { return }
        }
    }

    public mutating func peek() -> UInt8? {
        skipSpace()
        return pos < end ? base[pos] : nil
    }

    public mutating func expect(_ c: UInt8) throws {
        skipSpace()
        guard pos < end, base[pos] == c else {
            throw error(pos < end ? "expected '\(Character(Unicode.Scalar(c)))'" : "unexpected end of data")
        }
        pos += 1
    }

    /// Iterates an object's members; `body` must consume the value of each key it is handed.
    public mutating func object(_ body: (inout JSONReader, String) throws -> Void) throws {
        try members { r, key in try body(&r, key.string) }
    }

    /// The same with each key as its bytes (`JSONKey`), matched against literal names without
    /// making a `String` of it: keys are a third of what a lead's line holds.
    public mutating func members(_ body: (inout JSONReader, JSONKey) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        depth += 1
        guard depth <= JSONReader.maxDepth else { throw error("nesting deeper than \(JSONReader.maxDepth)") }
        if peek() == UInt8(ascii: "}") {
            pos += 1
            depth -= 1
            return
        }
        while true {
            let key = try self.key()
            try expect(UInt8(ascii: ":"))
            try body(&self, key)
            skipSpace()
            guard pos < end else { throw error("unexpected end of data in an object") }
            let c = base[pos]
            pos += 1
            if c == UInt8(ascii: "}") { break }
            guard c == UInt8(ascii: ",") else {
                pos -= 1
                throw error("expected ',' or '}'")
            }
        }
        depth -= 1
    }

    public mutating func array(_ body: (inout JSONReader) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        depth += 1
        guard depth <= JSONReader.maxDepth else { throw error("nesting deeper than \(JSONReader.maxDepth)") }
        if peek() == UInt8(ascii: "]") {
            pos += 1
            depth -= 1
            return
        }
        while true {
            try body(&self)
            skipSpace()
            guard pos < end else { throw error("unexpected end of data in an array") }
            let c = base[pos]
            pos += 1
            if c == UInt8(ascii: "]") { break }
            guard c == UInt8(ascii: ",") else {
                pos -= 1
                throw error("expected ',' or ']'")
            }
        }
        depth -= 1
    }

    /// Consumes `null` if it is next.
    public mutating func null() -> Bool {
        skipSpace()
        if pos + 4 <= end && base[pos] == UInt8(ascii: "n") && base[pos + 1] == UInt8(ascii: "u")
            && base[pos + 2] == UInt8(ascii: "l") && base[pos + 3] == UInt8(ascii: "l")
        {
            pos += 4
            return true
        }
        return false
    }

    public mutating func bool() throws -> Bool {
        skipSpace()
        if matches("true") {
            pos += 4
            return true
        }
        if matches("false") {
            pos += 5
            return false
        }
        throw error("expected true or false")
    }

    private func matches(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard pos + n <= end else { return false }
        let w = word.utf8Start
        for i in 0..<n where base[pos + i] != w[i] { return false }
        return true
    }

    public mutating func int() throws -> Int64 {
        skipSpace()
        var neg = false
        if pos < end && base[pos] == UInt8(ascii: "-") {
            neg = true
            pos += 1
        }
        let start = pos
        var v: Int64 = 0
        while pos < end {
            let c = base[pos]
            guard c >= 48 && c <= 57 else { break }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(c - 48))
            guard !o1 && !o2 else { throw error("number too large") }
            v = a
            pos += 1
        }
        guard pos > start else { throw error("expected a number") }
        if pos < end, base[pos] == UInt8(ascii: ".") || base[pos] == UInt8(ascii: "e") || base[pos] == UInt8(ascii: "E")
        {
            throw error("expected a whole number")
        }
        if pos < end, !JSONReader.endsValue(base[pos]) { throw notANumber(from: neg ? start - 1 : start) }
        return neg ? -v : v
    }

    /// Whether a byte may follow a number or a literal: whitespace, a separator, or a closing bracket.
    @inline(__always) static func endsValue(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == UInt8(ascii: ",") || c == UInt8(ascii: "}")
            || c == UInt8(ascii: "]")
    }

    /// A token that starts like a number and goes on ("0x18", "24h"): named whole, at its start.
    private mutating func notANumber(from start: Int) -> JSONError {
        var stop = pos
        while stop < end, stop - start < 24, !JSONReader.endsValue(base[stop]) { stop += 1 }
        let token = String(decoding: UnsafeBufferPointer(start: base + start, count: stop - start), as: UTF8.self)
        pos = start
        return error("expected a number, found '\(token)'")
    }

    public mutating func intValue() throws -> Int {
        let v = try int()
        guard let i = Int(exactly: v) else { throw error("number out of range") }
        return i
    }

    public mutating func string() throws -> String {
        let s = try openString()
        guard s.ended else { return try escapedString(from: s.start) }
        return String(decoding: UnsafeBufferPointer(start: base + s.start, count: pos - 1 - s.start), as: UTF8.self)
    }

    /// Steps over a string's opening quote and its bytes up to the closing quote or the first
    /// escape: where its text starts, and whether it ended (`pos` is then past the closing quote).
    /// Most strings have no escape and are taken where they are.
    @inline(__always)
    mutating func openString() throws -> (start: Int, ended: Bool) {
        skipSpace()
        guard pos < end, base[pos] == UInt8(ascii: "\"") else { throw error("expected a string") }
        pos += 1
        let start = pos
        pos = plainEnd(from: pos)
        guard pos < end else { return (start, false) }
        let c = base[pos]
        if c == UInt8(ascii: "\"") {
            pos += 1
            return (start, true)
        }
        if c < 0x20 { throw error("raw control character in a string") }
        return (start, false)
    }

    /// Where the plain run of a string's bytes starting at `from` ends: the first quote, backslash
    /// or control byte, or `end`. Eight bytes a step (a word's first such byte is its lowest flagged
    /// one): names, notes and the briefs' search texts are long plain runs.
    @inline(__always)
    func plainEnd(from: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        var i = from
        while i + 8 <= end {
            let w = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            let quote = w ^ (ones &* 0x22)
            let backslash = w ^ (ones &* 0x5C)
            let flagged =
                ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (w &- ones &* 0x20) & ~w) & high
            if flagged != 0 { return i + flagged.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < end {
            let c = base[i]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 { return i }
            i += 1
        }
        return end
    }

    /// A string's UTF-8 bytes, without making a `String` of them.
    public mutating func stringBytes() throws -> [UInt8] {
        skipSpace()
        guard pos < end, base[pos] == UInt8(ascii: "\"") else { throw error("expected a string") }
        pos += 1
        // Sized once to the quoted text (escapes only shrink it): tens of thousands of these are
        // kept, and growing by doubling would leave a third of each unused.
        var q = pos
        while q < end && base[q] != UInt8(ascii: "\"") { q += base[q] == UInt8(ascii: "\\") ? 2 : 1 }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(q, end) - pos)
        try appendEscaped(from: pos, to: &bytes)
        return bytes
    }

    /// A string's UTF-8 bytes appended to `bytes` (a column of many strings end to end).
    public mutating func appendStringBytes(to bytes: inout [UInt8]) throws {
        skipSpace()
        guard pos < end, base[pos] == UInt8(ascii: "\"") else { throw error("expected a string") }
        pos += 1
        try appendEscaped(from: pos, to: &bytes)
    }

    /// The rest of a string that has an escape at `pos` (the slow path: the bytes are copied).
    private mutating func escapedString(from start: Int) throws -> String {
        String(decoding: try escapedBytes(from: start), as: UTF8.self)
    }

    /// The bytes of the string that started at `start`, up to and past its closing quote at or after `pos`.
    mutating func escapedBytes(from start: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try appendEscaped(from: start, to: &bytes)
        return bytes
    }

    private mutating func appendEscaped(from start: Int, to bytes: inout [UInt8]) throws {
        // Runs of plain bytes are copied whole: a brief's search text has an escape every few words.
        var run = start
        while pos < end {
            pos = plainEnd(from: pos)
            guard pos < end else { break }
            let c = base[pos]
            bytes.append(contentsOf: UnsafeBufferPointer(start: base + run, count: pos - run))
            pos += 1
            switch c {
            case UInt8(ascii: "\""):
                return
            case UInt8(ascii: "\\"):
                guard pos < end else { throw error("unfinished escape") }
                let e = base[pos]
                pos += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(e)
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "r"): bytes.append(0x0D)
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "b"): bytes.append(0x08)
                case UInt8(ascii: "f"): bytes.append(0x0C)
                case UInt8(ascii: "u"):
                    // A brief's search text separates its fields with \u0001: one byte, not an encoding.
                    let scalar = try unicodeEscape()
                    if scalar.isASCII {
                        bytes.append(UInt8(scalar.value))
                    } else {
                        bytes.append(contentsOf: UTF8.encode(scalar)!)
                    }
                default:
                    throw error("unknown escape '\\\(Character(Unicode.Scalar(e)))'")
                }
            default:
                pos -= 1
                throw error("raw control character in a string")
            }
            run = pos
        }
        throw error("unfinished string")
    }

    /// The scalar of a `\u` escape (its four hex digits at `pos`), joining a surrogate pair.
    private mutating func unicodeEscape() throws -> Unicode.Scalar {
        var scalar = try hex4()
        if (0xD800...0xDBFF).contains(scalar) {
            guard pos + 1 < end, base[pos] == UInt8(ascii: "\\"), base[pos + 1] == UInt8(ascii: "u") else {
                throw error("lone surrogate in a string")
            }
            pos += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw error("bad surrogate pair") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalar) {
            throw error("lone surrogate in a string")
        }
        guard let u = Unicode.Scalar(scalar) else { throw error("bad \\u escape") }
        return u
    }

    private mutating func hex4() throws -> UInt32 {
        guard pos + 4 <= end else { throw error("short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = base[pos]
            let d: UInt8
            switch c {
            case 48...57: d = c - 48
            case 65...70: d = c - 55
            case 97...102: d = c - 87
            default: throw error("bad hex digit in \\u escape")
            }
            v = v << 4 | UInt32(d)
            pos += 1
        }
        return v
    }

    /// Reads a quoted time. leadq writes `YYYY-MM-DDTHH:MM:SSZ`; that form is read straight from the
    /// bytes (timestamps are most of a history), anything else goes through the general parser.
    public mutating func instant() throws -> Instant {
        skipSpace()
        if pos + 22 <= end, base[pos] == UInt8(ascii: "\""), base[pos + 21] == UInt8(ascii: "\""),
            base[pos + 11] == UInt8(ascii: "T"), base[pos + 20] == UInt8(ascii: "Z")
        {
            @inline(__always) func d(_ i: Int) -> Int? {
                let c = base[pos + i]
                return c >= 48 && c <= 57 ? Int(c - 48) : nil
            }
            if let y0 = d(1), let y1 = d(2), let y2 = d(3), let y3 = d(4), base[pos + 5] == 45, let m0 = d(6),
                let m1 = d(7),
                base[pos + 8] == 45, let d0 = d(9), let d1 = d(10), let h0 = d(12), let h1 = d(13),
                base[pos + 14] == 58,
                let i0 = d(15), let i1 = d(16), base[pos + 17] == 58, let s0 = d(18), let s1 = d(19)
            {
                let year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
                let month = m0 * 10 + m1
                let day = d0 * 10 + d1
                let hour = h0 * 10 + h1
                let minute = i0 * 10 + i1
                let second = s0 * 10 + s1
                if (1...12).contains(month), day >= 1, day <= 31, hour < 24, minute < 60, second < 60 {
                    pos += 22
                    let days = CivilTime.days(year: year, month: month, day: day)
                    return Instant(seconds: days * 86_400 + Int64(hour * 3600 + minute * 60 + second))
                }
            }
        }
        let s = try string()
        guard let t = Instant(iso8601: s) else { throw error("bad time '\(s)'") }
        return t
    }

    public mutating func stringArray() throws -> [String] {
        var out: [String] = []
        try array { out.append(try $0.string()) }
        return out
    }

    /// Skips any value, checking its syntax.
    public mutating func skipValue() throws {
        guard let c = peek() else { throw error("unexpected end of data") }
        switch c {
        case UInt8(ascii: "{"): try members { r, _ in try r.skipValue() }
        case UInt8(ascii: "["): try array { try $0.skipValue() }
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try bool()
        case UInt8(ascii: "n"): guard null() else { throw error("unexpected token") }
        default:
            if c == UInt8(ascii: "-") || (c >= 48 && c <= 57) {
                pos += 1
                while pos < end, let d = Optional(base[pos]),
                    (d >= 48 && d <= 57) || d == UInt8(ascii: ".") || d == UInt8(ascii: "e") || d == UInt8(ascii: "E")
                        || d == UInt8(ascii: "+") || d == UInt8(ascii: "-")
                { pos += 1 }
            } else {
                throw error("unexpected token")
            }
        }
    }

    /// Asserts only whitespace remains.
    public mutating func finish() throws {
        skipSpace()
        guard pos >= end else { throw error("unexpected data after the value") }
    }
}
