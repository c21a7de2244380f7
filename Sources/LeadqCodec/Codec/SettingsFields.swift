import LeadqDomain
import LeadqText

/// How settings.json's values are read and checked: each error names the field by its path and,
/// when it was found while reading, the line it is on.
extension SettingsCodec {
    public struct FieldError: Error {
        var message: String
        /// Where reading was when the error was found; nil for checks across fields.
        var offset: Int?
        init(message: String, offset: Int? = nil) { (self.message, self.offset) = (message, offset) }
    }

    public static func lineColumn(_ bytes: ArraySlice<UInt8>, _ offset: Int) -> (Int, Int) {
        var line = 1
        var col = 1
        for b in bytes.prefix(offset) {
            if b == 0x0A {
                line += 1
                col = 1
            } else if b & 0xC0 != 0x80 {
                col += 1
            }
        }
        return (line, col)
    }

    /// A value as the message shows it: quoted, every control character a visible placeholder (TAB
    /// is ␉ here, not the space `Inert.line` makes of it, so a TAB key can't pass for a space).
    public static func shown(_ s: String) -> String {
        var v = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if u.value == 0x09 || u.value == 0x0A || u.value == 0x0D {
                v.append(Unicode.Scalar(0x2400 + u.value)!)
            } else {
                v.append(u)
            }
        }
        return "'" + Inert.line(String(v), limit: 80) + "'"
    }

    public static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    public static func unknown(_ path: String) -> FieldError { FieldError(message: "unknown key \(shown(path))") }

    /// An object's members, each key once: a repeated key would otherwise replace the first silently.
    /// Errors from a member's value get the line of its key.
    public static func members(_ r: inout JSONReader, _ path: String, _ body: (inout JSONReader, String) throws -> Void)
        throws
    {
        var seen = Set<String>()
        try r.object { r, key in
            let at = r.pos
            guard seen.insert(key).inserted else {
                throw FieldError(message: "\(shown(join(path, key))) appears twice", offset: at)
            }
            do { try body(&r, key) } catch var e as FieldError where e.offset == nil {
                e.offset = at
                throw e
            }
        }
    }

    /// An array's elements, each handed its path (`reasons[3]`); errors get the element's line.
    public static func elements(
        _ r: inout JSONReader, _ path: String, _ body: (inout JSONReader, String) throws -> Void
    ) throws {
        var i = 0
        try r.array { r in
            r.skipSpace()
            let at = r.pos
            do { try body(&r, "\(path)[\(i)]") } catch var e as FieldError where e.offset == nil {
                e.offset = at
                throw e
            }
            i += 1
        }
    }

    /// A count above 0 and at most `max`. The bounds keep clock arithmetic (days × 86,400 s and the
    /// like) far from overflow, which would stop every command that shows an SLA.
    public static func positive(_ r: inout JSONReader, _ path: String, max: Int64) throws -> Int64 {
        let v = try r.int()
        guard v > 0 else { throw FieldError(message: "'\(path)' must be above 0, not \(v)") }
        guard v <= max else { throw FieldError(message: "'\(path)' must be at most \(max), not \(v)") }
        return v
    }

    public static func nonNegative(_ r: inout JSONReader, _ path: String) throws -> Int {
        let v = try r.intValue()
        guard v >= 0 else { throw FieldError(message: "'\(path)' must be 0 or more, not \(v)") }
        return v
    }

    /// Points of a scoring rule: scores are 0-100, so a rule never needs more than a thousand either way.
    public static func points(_ r: inout JSONReader, _ path: String) throws -> Int {
        let v = try r.intValue()
        guard (-1000...1000).contains(v) else {
            throw FieldError(message: "'\(path)' must be between -1000 and 1000, not \(v)")
        }
        return v
    }

    public static func score(_ r: inout JSONReader, _ path: String) throws -> Int {
        let v = try r.intValue()
        guard (0...100).contains(v) else { throw FieldError(message: "'\(path)' must be a score 0-100, not \(v)") }
        return v
    }

    /// Text that reaches screens and messages (ids, names, labels, codes): no control characters.
    public static func text(_ r: inout JSONReader, _ path: String) throws -> String {
        try printable(try r.string(), "'\(path)'")
    }

    public static func printable(_ s: String, _ what: String) throws -> String {
        if s.unicodeScalars.contains(where: { Inert.placeholder(for: $0) != nil }) {
            throw FieldError(message: "\(what) must be printable text (no control characters), not \(shown(s))")
        }
        return s
    }

    /// Terms to match against a lead's fields, each with a word in it (one without letters or
    /// digits never matches anything).
    public static func terms(_ r: inout JSONReader, _ path: String) throws -> [String] {
        var out: [String] = []
        try elements(&r, path) { r, p in
            let t = try text(&r, p)
            guard !TextNormal.words(t).isEmpty else {
                throw FieldError(message: "'\(p)' has no letters or digits, so it can never match: \(shown(t))")
            }
            out.append(t)
        }
        return out
    }
}
