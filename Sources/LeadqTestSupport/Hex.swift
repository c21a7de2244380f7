/// Hex of UTF-8 bytes: any text, even with spaces, newlines and control characters, on one field.
public enum Hex {
    public static func encode(_ s: String) -> String {
        let digits = Array("0123456789abcdef")
        var out = ""
        for b in s.utf8 {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return out
    }

    public static func decode(_ hex: Substring) -> String? {
        var bytes: [UInt8] = []
        var high: UInt8?
        for c in hex.utf8 {
            let v: UInt8
            switch c {
            case 48...57: v = c - 48
            case 97...102: v = c - 87
            default: return nil
            }
            if let h = high {
                bytes.append(h << 4 | v)
                high = nil
            } else {
                high = v
            }
        }
        return high == nil ? String(decoding: bytes, as: UTF8.self) : nil
    }
}
