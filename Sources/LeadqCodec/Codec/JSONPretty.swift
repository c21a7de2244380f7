/// Re-indents compact JSON for files people edit by hand (settings.json).
public enum JSONPretty {
    public static func format(_ compact: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(compact.count * 2)
        var indent = 0
        var inString = false
        var escaped = false
        var i = 0
        while i < compact.count {
            let c = compact[i]
            if inString {
                out.append(c)
                if escaped {
                    escaped = false
                } else if c == UInt8(ascii: "\\") {
                    escaped = true
                } else if c == UInt8(ascii: "\"") {
                    inString = false
                }
                i += 1
                continue
            }
            switch c {
            case UInt8(ascii: "\""):
                inString = true
                out.append(c)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                i = open(compact, at: i, &out, &indent)
                continue
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                indent -= 1
                newline(&out, indent)
                out.append(c)
            case UInt8(ascii: ","):
                out.append(c)
                newline(&out, indent)
            case UInt8(ascii: ":"):
                out.append(c)
                out.append(UInt8(ascii: " "))
            default:
                out.append(c)
            }
            i += 1
        }
        out.append(0x0A)
        return out
    }

    private static func newline(_ out: inout [UInt8], _ indent: Int) {
        out.append(0x0A)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    /// Copies the `{` or `[` at `i` and what stays on its line; returns where copying goes on.
    private static func open(_ compact: [UInt8], at i: Int, _ out: inout [UInt8], _ indent: inout Int) -> Int {
        let c = compact[i]
        let close = c == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
        if i + 1 < compact.count && compact[i + 1] == close {
            out.append(c)
            out.append(close)
            return i + 2
        }
        // Short arrays of scalars stay on one line: [1, 3, 7, 14].
        if c == UInt8(ascii: "["), let j = scalarArrayEnd(compact, i), j - i < 60 {
            for k in i...j {
                out.append(compact[k])
                if compact[k] == UInt8(ascii: ",") && !inQuotes(compact, i, k) { out.append(UInt8(ascii: " ")) }
            }
            return j + 1
        }
        out.append(c)
        indent += 1
        newline(&out, indent)
        return i + 1
    }

    /// The index of the `]` closing a flat array of scalars starting at `start`, or nil.
    private static func scalarArrayEnd(_ b: [UInt8], _ start: Int) -> Int? {
        var i = start + 1
        var inString = false
        var escaped = false
        while i < b.count {
            let c = b[i]
            if inString {
                if escaped {
                    escaped = false
                } else if c == UInt8(ascii: "\\") {
                    escaped = true
                } else if c == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if c == UInt8(ascii: "\"") {
                inString = true
            } else if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
                return nil
            } else if c == UInt8(ascii: "]") {
                return i
            }
            i += 1
        }
        return nil
    }

    private static func inQuotes(_ b: [UInt8], _ start: Int, _ k: Int) -> Bool {
        var inString = false
        var escaped = false
        for i in start..<k {
            let c = b[i]
            if inString {
                if escaped {
                    escaped = false
                } else if c == UInt8(ascii: "\\") {
                    escaped = true
                } else if c == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if c == UInt8(ascii: "\"") {
                inString = true
            }
        }
        return inString
    }
}
