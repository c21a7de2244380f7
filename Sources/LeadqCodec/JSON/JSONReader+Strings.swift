/// Strings: most are taken where they lie; those with escapes are copied.
extension JSONReader {
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
        guard pos < end, base[pos] == UInt8(ascii: "\"") else { throw failure("expected a string") }
        pos += 1
        let start = pos
        pos = plainEnd(from: pos)
        guard pos < end else { return (start, false) }
        let c = base[pos]
        if c == UInt8(ascii: "\"") {
            pos += 1
            return (start, true)
        }
        if c < 0x20 { throw failure("raw control character in a string") }
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
}
