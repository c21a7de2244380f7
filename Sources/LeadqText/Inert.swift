/// Makes untrusted text (web forms, CSV imports) safe to put on a terminal: nothing from the
/// input reaches the screen raw, and every replacement is visible and of known width.
///
/// Placeholder scheme (each placeholder is made of scalars glibc gives width 1):
///
/// | input                                   | shown as                                  |
/// |-----------------------------------------|-------------------------------------------|
/// | C0 controls U+0000–U+001F (not TAB/LF/CR)| Control Pictures U+2400+code: ␀ ␇ ␈ ␛ …   |
/// | DEL U+007F                              | ␡ (U+2421)                                |
/// | TAB                                     | one space                                 |
/// | LF, CR LF, lone CR                      | `line`: ⏎ (U+23CE) · `text`: a line break |
/// | C1 controls U+0080–U+009F               | `⟨U+009B⟩` (code point in hex, 8 columns) |
/// | bidi controls U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C | `⟨U+202E⟩`     |
/// | anything else glibc cannot print (U+2028, U+2029, unassigned, noncharacters) | `⟨U+XXXX⟩` |
///
/// Since ESC becomes ␛, no escape sequence (CSI, OSC, DCS, …) can start; the 8-bit C1 forms
/// (CSI = U+009B and friends) are C1 controls and are shown by code point.
///
/// Two caps keep hostile input cheap, each applied in one linear pass:
/// - at most `limit` input scalars are read; if there were more, the last (possibly partial)
///   cluster is dropped and "…" appended;
/// - a run of zero-width scalars (combining marks, "Zalgo" text) keeps only its first
///   `maxZeroWidthRun` scalars.
public enum Inert {
    /// Default cap on scalars read by `line`.
    public static let lineLimit = 4096
    /// Default cap on scalars read by `text`.
    public static let textLimit = 65536
    /// Longest run of consecutive zero-width scalars kept (emoji tag sequences need 7).
    public static let maxZeroWidthRun = 16

    /// One display line: newlines become ⏎, every unsafe scalar a placeholder.
    public static func line(_ s: String, limit: Int = lineLimit) -> String {
        if s.utf8.count <= limit && Width.isPrintableASCII(s) { return s }  // already inert, as most text is
        var lines = convert(s, limit: limit, newline: .mark)
        return lines.removeFirst()
    }

    /// Multi-line text split at LF, CR LF and lone CR; each line is made inert like `line`.
    /// Always returns at least one (possibly empty) line.
    public static func text(_ s: String, limit: Int = textLimit) -> [String] {
        convert(s, limit: limit, newline: .split)
    }

    /// The visible form of one scalar that must not reach a terminal, or nil if it may.
    /// Tab and line breaks are handled by `line`/`text`; here they get their Control Picture.
    public static func placeholder(for scalar: Unicode.Scalar) -> String? {
        let v = scalar.value
        if v < 0x20 { return String(Unicode.Scalar(0x2400 + v)!) }
        if v == 0x7F { return "\u{2421}" }
        if Width.isUnsafe(scalar) { return codePoint(v) }
        return nil
    }

    enum Newline { case mark, split }

    private static func convert(_ s: String, limit: Int, newline: Newline) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var read = 0
        var zeroRun = 0
        var truncated = false
        var previousWasCR = false

        func breakLine() {
            switch newline {
            case .mark: current.append("\u{23CE}")
            case .split:
                lines.append(String(current))
                current = String.UnicodeScalarView()
            }
            zeroRun = 0
        }

        for scalar in s.unicodeScalars {
            if read >= max(0, limit) {
                truncated = true
                break
            }
            read += 1
            let v = scalar.value
            if v == 0x0A && previousWasCR {  // second half of CR LF: already broken
                previousWasCR = false
                continue
            }
            previousWasCR = (v == 0x0D)
            switch v {
            case 0x0A, 0x0D:
                breakLine()
            case 0x09:
                current.append(" ")
                zeroRun = 0
            default:
                if let shown = placeholder(for: scalar) {
                    current.append(contentsOf: shown.unicodeScalars)
                    zeroRun = 0
                } else if Width.glibc(scalar) == 0 {
                    zeroRun += 1
                    if zeroRun <= maxZeroWidthRun { current.append(scalar) }
                } else {
                    current.append(scalar)
                    zeroRun = 0
                }
            }
        }
        var last = String(current)
        if truncated {
            // The cut may have split a cluster (say, an emoji ZWJ sequence): drop that cluster.
            if !last.isEmpty { last.removeLast() }
            last.append("…")
        }
        lines.append(last)
        return lines
    }

    private static func codePoint(_ v: UInt32) -> String {
        var hex = String(v, radix: 16, uppercase: true)
        if hex.count < 4 { hex = String(repeating: "0", count: 4 - hex.count) + hex }
        return "⟨U+" + hex + "⟩"
    }
}
