/// The character encodings CRM exports come in. Salesforce's Data Loader writes the machine's
/// default charset unless "Write all CSVs with UTF-8 encoding" is set (Windows-1252 on most Western
/// Windows machines), and Data Export and report exports let the user pick ISO-8859-1.
public enum TextEncoding: String, CaseIterable, Sendable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
    case iso88591 = "iso-8859-1"

    /// What `--encoding` takes, for messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: "|") }
}

extension TextFile {
    static let utf16LE: [UInt8] = [0xFF, 0xFE]
    static let utf16BE: [UInt8] = [0xFE, 0xFF]

    /// The file as UTF-8 bytes. A byte-order mark decides: UTF-8's stays for `utf8Body` to check and
    /// drop, UTF-16's (either order) is decoded whatever `encoding` says. Without one, a single-byte
    /// `encoding` is decoded; UTF-8 is returned as it is (no copy) and checked when read.
    static func utf8Bytes(_ bytes: [UInt8], encoding: TextEncoding) -> [UInt8] {
        if bytes.starts(with: bom) { return bytes }
        if bytes.starts(with: utf16LE) || bytes.starts(with: utf16BE) { return fromUTF16(bytes) }
        switch encoding {
        case .utf8: return bytes
        case .iso88591: return fromSingleByte(bytes) { UInt32($0) }
        case .windows1252:
            return fromSingleByte(bytes) { $0 >= 0x80 && $0 <= 0x9F ? windows1252High[Int($0 - 0x80)] : UInt32($0) }
        }
    }

    static func fromSingleByte(_ bytes: [UInt8], _ scalar: (UInt8) -> UInt32) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 {
                out.append(b)
            } else {
                out.append(contentsOf: String(Character(Unicode.Scalar(scalar(b))!)).utf8)
            }
        }
        return out
    }

    /// UTF-16 after its byte-order mark; unpaired surrogates become U+FFFD.
    static func fromUTF16(_ bytes: [UInt8]) -> [UInt8] {
        let little = bytes.starts(with: utf16LE)
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 2
        while i + 1 < bytes.count {
            let (a, b) = (UInt16(bytes[i]), UInt16(bytes[i + 1]))
            units.append(little ? a | b << 8 : a << 8 | b)
            i += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// Windows-1252's 0x80-0x9F (the bytes ISO-8859-1 leaves to C1 controls); the five it leaves
    /// undefined map to those controls, as WHATWG's encoding standard does.
    static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D,
        0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D,
        0x017E, 0x0178,
    ]
}
