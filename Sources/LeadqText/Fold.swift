/// Text as search compares it: lower case, accents dropped (`Zürich` and `zurich` match, `Łódź` and
/// `lodz`), as UTF-8 bytes so a search is a byte scan.
public enum Fold {
    /// The folded form of `s`.
    public static func bytes(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        append(s, to: &out)
        return out
    }

    public static func string(_ s: String) -> String { String(decoding: bytes(s), as: UTF8.self) }

    /// Appends the folded form of `s` to `out`.
    public static func append(_ s: String, to out: inout [UInt8]) {
        out.reserveCapacity(out.count + s.utf8.count)
        // Most names and emails are ASCII: lower-case them byte by byte.
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            for b in s.utf8 { out.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b) }
            return
        }
        for scalar in s.lowercased().unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                out.append(UInt8(v))
            } else if isCombiningMark(v) {
                continue
            } else if let plain = FoldTable.plain[v] {
                out.append(contentsOf: plain.utf8)
            } else {
                out.append(contentsOf: String(scalar).utf8)
            }
        }
    }

    /// What a search looks for: the folded text, and for something that looks like a phone number
    /// its digits without leading zeros (`030 1234` finds `+49 30 1234`). Empty for blank text.
    public static func needles(_ query: String) -> [[UInt8]] {
        // Spaces count ("an" and " an" differ), but a blank query asks for nothing.
        let folded = bytes(query)
        guard folded.contains(where: { $0 != 0x20 }) else { return [] }
        var out = [folded]
        let phoneish = query.unicodeScalars.allSatisfy { "0123456789+-()./ ".unicodeScalars.contains($0) }
        var d = digits(query)[...]
        while d.first == 0x30 { d = d.dropFirst() }
        if phoneish && d.count >= 3 && Array(d) != out[0] { out.append(Array(d)) }
        return out
    }

    /// The digits of a phone number (`+49 (30) 123-45` → `493012345`).
    public static func digits(_ s: String) -> [UInt8] {
        s.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Marks that text written decomposed (`u` + U+0308) carries separately from its letter.
    static func isCombiningMark(_ v: UInt32) -> Bool {
        (0x0300...0x036F).contains(v) || (0x1AB0...0x1AFF).contains(v) || (0x1DC0...0x1DFF).contains(v)
            || (0x20D0...0x20FF).contains(v) || (0xFE20...0xFE2F).contains(v)
    }
}
