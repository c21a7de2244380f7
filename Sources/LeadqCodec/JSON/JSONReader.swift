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
    /// The last month a time was read in (`year * 16 + month`) and the day number of its first:
    /// a lead's times mostly share a month, and the calendar arithmetic was a sixth of reading one.
    private var month: (key: Int, first: Int64) = (-1, 0)

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

    // The hot readers below are inlined into the codecs' loops; their errors are made out of line so
    // each inlined copy stays a few instructions.
    @inline(never) func failure(_ message: StaticString) -> JSONError { error("\(message)") }
    @inline(never) func failure(expected c: UInt8) -> JSONError {
        error(pos < end ? "expected '\(Character(Unicode.Scalar(c)))'" : "unexpected end of data")
    }
    @inline(never) func tooDeep() -> JSONError { error("nesting deeper than \(JSONReader.maxDepth)") }

    @inline(__always) public var atEnd: Bool { pos >= end }
    @inline(__always) func byte(_ i: Int) -> UInt8 { base[i] }

    @inline(__always) public mutating func skipSpace() {
        while pos < end {
            let c = base[pos]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { pos += 1 } else { return }
        }
    }

    @inline(__always) public mutating func peek() -> UInt8? {
        skipSpace()
        return pos < end ? base[pos] : nil
    }

    @inline(__always) public mutating func expect(_ c: UInt8) throws {
        skipSpace()
        guard pos < end, base[pos] == c else { throw failure(expected: c) }
        pos += 1
    }

    /// Iterates an object's members; `body` must consume the value of each key it is handed.
    public mutating func object(_ body: (inout JSONReader, String) throws -> Void) throws {
        try members { r, key in try body(&r, key.string) }
    }

    /// The same with each key as its bytes (`JSONKey`), matched against literal names without
    /// making a `String` of it: keys are a third of what a lead's line holds.
    @inline(__always) public mutating func members(_ body: (inout JSONReader, JSONKey) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        depth += 1
        guard depth <= JSONReader.maxDepth else { throw tooDeep() }
        if peek() == UInt8(ascii: "}") {
            pos += 1
            depth -= 1
            return
        }
        let key = try self.key()
        try expect(UInt8(ascii: ":"))
        try body(&self, key)
        try restOfMembers(body)
    }

    /// Opens an object whose first bytes are `head` exactly (its `{`, its first key and colon), as
    /// a writer of known layout puts them; false for anything else, the reader past spaces only.
    @inline(__always) public mutating func open(_ head: StaticString) throws -> Bool {
        skipSpace()
        guard matches(head) else { return false }
        pos += head.utf8CodeUnitCount
        depth += 1
        guard depth <= JSONReader.maxDepth else { throw tooDeep() }
        return true
    }

    /// Consumes `next` (a comma, a key and its colon) if the bytes at the reader are exactly it.
    @inline(__always) public mutating func take(_ next: StaticString) -> Bool {
        guard matches(next) else { return false }
        pos += next.utf8CodeUnitCount
        return true
    }

    /// The members after the one just read, through the object's `}`; as `members`.
    @inline(__always) public mutating func restOfMembers(_ body: (inout JSONReader, JSONKey) throws -> Void) throws {
        while true {
            skipSpace()
            guard pos < end else { throw failure("unexpected end of data in an object") }
            let c = base[pos]
            pos += 1
            if c == UInt8(ascii: "}") { break }
            guard c == UInt8(ascii: ",") else {
                pos -= 1
                throw failure("expected ',' or '}'")
            }
            let key = try self.key()
            try expect(UInt8(ascii: ":"))
            try body(&self, key)
        }
        depth -= 1
    }

    @inline(__always) public mutating func array(_ body: (inout JSONReader) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        depth += 1
        guard depth <= JSONReader.maxDepth else { throw tooDeep() }
        if peek() == UInt8(ascii: "]") {
            pos += 1
            depth -= 1
            return
        }
        while true {
            try body(&self)
            skipSpace()
            guard pos < end else { throw failure("unexpected end of data in an array") }
            let c = base[pos]
            pos += 1
            if c == UInt8(ascii: "]") { break }
            guard c == UInt8(ascii: ",") else {
                pos -= 1
                throw failure("expected ',' or ']'")
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
                    if year * 16 + month != self.month.key {
                        self.month = (year * 16 + month, CivilTime.days(year: year, month: month, day: 1))
                    }
                    let days = self.month.first + Int64(day - 1)
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
