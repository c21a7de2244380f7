import LeadqDomain

/// A problem with the whole input file (not one row): nothing is imported, whatever the flags.
public struct ImportFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String
    public init(file: String, line: Int? = nil, message: String) {
        (self.file, self.line, self.message) = (file, line, message)
    }
    public var description: String { "\(file)\(line.map { ", line \($0)" } ?? ""): \(message)" }
}

/// The bytes of an export as text: UTF-8, with or without a byte-order mark (see `utf8Bytes` for others).
enum TextFile {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The bytes after a UTF-8 BOM, checked to be UTF-8 (`utf8Bytes` has decoded other encodings
    /// first). A file that isn't is refused with the line of the first bad byte, never guessed at:
    /// the message names `--encoding`, since CRMs write Windows-1252 and ISO-8859-1 too.
    static func utf8Body(_ bytes: [UInt8], file: String) throws -> ArraySlice<UInt8> {
        let marked = bytes.starts(with: bom)
        let body = marked ? bytes[3...] : bytes[...]
        if let bad = firstInvalidUTF8(body) {
            let line = 1 + body[body.startIndex..<bad].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw notUTF8(body[bad], line: line, marked: marked, file: file)
        }
        return body
    }

    /// The refusal of a file whose byte `byte`, on `line`, isn't UTF-8.
    static func notUTF8(_ byte: UInt8, line: Int, marked: Bool, file: String) -> ImportFileError {
        let hex = String(byte, radix: 16, uppercase: true)
        let what = "byte 0x\(hex.count == 1 ? "0" + hex : hex) is not UTF-8"
        let advice =
            marked
            ? "the file starts with a UTF-8 byte-order mark but isn't UTF-8; export it again"
            : "if the file is in another encoding, name it: --encoding windows-1252 or --encoding iso-8859-1"
        return ImportFileError(file: file, line: line, message: "\(what); \(advice)")
    }

    /// The index of the first byte that doesn't start or continue a valid UTF-8 sequence.
    static func firstInvalidUTF8(_ b: ArraySlice<UInt8>) -> Int? {
        var i = b.startIndex
        let end = b.endIndex
        while i < end {
            let c = b[i]
            if c < 0x80 {
                i += 1
                continue
            }
            let n: Int
            var lo: UInt8 = 0x80
            var hi: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: n = 1
            case 0xE0:
                n = 2
                lo = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: n = 2
            case 0xED:
                n = 2
                hi = 0x9F  // no UTF-16 surrogates
            case 0xF0:
                n = 3
                lo = 0x90
            case 0xF1...0xF3: n = 3
            case 0xF4:
                n = 3
                hi = 0x8F
            default: return i
            }
            guard i + n < end else { return i }  // cut short at the end of the file
            for k in 1...n {
                let x = b[i + k]
                let (l, h) = k == 1 ? (lo, hi) : (0x80, 0xBF)
                if x < l || x > h { return i }
            }
            i += n + 1
        }
        return nil
    }
}
