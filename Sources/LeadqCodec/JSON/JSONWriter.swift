import LeadqDomain

/// Appends compact JSON to a byte buffer. Keys are written in the order the caller gives them,
/// which lets readers find the fields a scan needs at the start of each line.
public struct JSONWriter {
    public var bytes: [UInt8]
    /// One flag per open container: whether the next member needs a comma before it.
    private var needComma: [Bool] = []
    private var afterKey = false

    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    @inline(__always) private mutating func beforeValue() {
        if afterKey {
            afterKey = false
            return
        }
        if let last = needComma.last {
            if last { bytes.append(UInt8(ascii: ",")) } else { needComma[needComma.count - 1] = true }
        }
    }

    public mutating func beginObject() {
        beforeValue()
        bytes.append(UInt8(ascii: "{"))
        needComma.append(false)
    }
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needComma.removeLast()
    }
    /// The object `Checksummed.seal` closed by writing its brace.
    public mutating func closedBySeal() { needComma.removeLast() }
    public mutating func beginArray() {
        beforeValue()
        bytes.append(UInt8(ascii: "["))
        needComma.append(false)
    }
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needComma.removeLast()
    }

    /// Writes a key; the next value call writes its value.
    public mutating func key(_ k: String) {
        beforeValue()
        appendString(k)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    public mutating func string(_ s: String) {
        beforeValue()
        appendString(s)
    }
    public mutating func int<I: BinaryInteger>(_ v: I) {
        beforeValue()
        if let x = Int64(exactly: v) { appendDecimal(x) } else { bytes.append(contentsOf: String(v).utf8) }
    }
    /// An instant as its ISO 8601 string (`"2026-11-23T10:02:03Z"`, as `Instant.iso8601`), written
    /// digit by digit: every event and profile carries one.
    public mutating func instant(_ t: Instant) {
        beforeValue()
        let c = CivilTime(t)
        bytes.append(UInt8(ascii: "\""))
        appendDigits(c.year, 4)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(c.month, 2)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(c.day, 2)
        bytes.append(UInt8(ascii: "T"))
        appendDigits(c.hour, 2)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(c.minute, 2)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(c.second, 2)
        bytes.append(contentsOf: [UInt8(ascii: "Z"), UInt8(ascii: "\"")])
    }
    public mutating func bool(_ v: Bool) {
        beforeValue()
        bytes.append(contentsOf: (v ? "true" : "false").utf8)
    }
    public mutating func null() {
        beforeValue()
        bytes.append(contentsOf: "null".utf8)
    }
    /// A number already written as a JSON literal ("0.4286", "-12").
    public mutating func number(literal: String) {
        precondition(
            !literal.isEmpty && literal.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 },
            "not a number literal: \(literal)")
        beforeValue()
        bytes.append(contentsOf: literal.utf8)
    }

    public mutating func field(_ k: String, _ v: String) {
        key(k)
        string(v)
    }
    public mutating func field<I: BinaryInteger>(_ k: String, _ v: I) {
        key(k)
        int(v)
    }
    public mutating func field(_ k: String, _ v: Bool) {
        key(k)
        bool(v)
    }
    public mutating func field(_ k: String, _ v: Instant) {
        key(k)
        instant(v)
    }
    public mutating func strings(_ k: String, _ v: [String]) {
        key(k)
        beginArray()
        for s in v { string(s) }
        endArray()
    }

    private mutating func appendDecimal(_ v: Int64) {
        if v < 0 { bytes.append(UInt8(ascii: "-")) }
        var m = v.magnitude
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(48 + m % 10)
                m /= 10
                n += 1
            } while m > 0
            while n > 0 {
                n -= 1
                bytes.append(d[n])
            }
        }
    }

    /// `v` zero-padded to at least `width` digits (years beyond 9999 keep all theirs).
    private mutating func appendDigits(_ v: Int, _ width: Int) {
        if v < 0 || v >= 10_000 {  // as `Instant.iso8601` pads them
            let s = String(v)
            bytes.append(contentsOf: (String(repeating: "0", count: max(0, width - s.count)) + s).utf8)
            return
        }
        var div = 1
        for _ in 1..<max(width, v >= 1000 ? 4 : v >= 100 ? 3 : v >= 10 ? 2 : 1) { div *= 10 }
        var r = v
        while div > 0 {
            bytes.append(UInt8(48 + r / div))
            r %= div
            div /= 10
        }
    }

    /// Escapes quotes, backslashes and every control character; C1 controls, bidi controls and
    /// line separators are escaped too, so `cat`-ing a store file can never drive a terminal.
    private mutating func appendString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most texts need no escaping: checked and copied from their bytes, not through the view
        // (a 100k import writes over a million of them).
        let copied = s.utf8.withContiguousStorageIfAvailable { b -> Bool in
            for c in b where c < 0x20 || c == 0x22 || c == 0x5C || c >= 0x80 { return false }
            bytes.append(contentsOf: b)
            return true
        }
        if copied == true {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        var plain = true
        for c in s.utf8 where c < 0x20 || c == 0x22 || c == 0x5C || c >= 0x80 {
            plain = false
            break
        }
        if plain {
            bytes.append(contentsOf: s.utf8)
        } else {
            for u in s.unicodeScalars { appendScalar(u) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendScalar(_ u: Unicode.Scalar) {
        switch u.value {
        case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
        case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0..<0x20, 0x7F, 0x80...0x9F, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069, 0x061C:
            bytes.append(contentsOf: "\\u".utf8)
            let hex = String(u.value, radix: 16)
            bytes.append(contentsOf: (String(repeating: "0", count: 4 - hex.count) + hex).utf8)
        default:
            bytes.append(contentsOf: UTF8.encode(u)!)
        }
    }
}
