/// CSV cells that a spreadsheet can open without harm (reports and exports share these rules).
///
/// - **Formulas**: a cell whose first character is `=`, `+`, `-`, `@`, TAB or CR gets a leading `'`,
///   so Excel, LibreOffice and Google Sheets show it as text instead of running it ("CSV injection").
///   No exception for things that look like numbers: `-12` gets its `'` too, because "looks like a
///   number" differs between spreadsheets and locales, and a `'` costs less than a guess.
/// - **Control characters never go out raw**: TAB becomes a space; C0 controls, DEL, C1 controls,
///   bidi overrides and unprintable scalars become the visible placeholders of `Inert` (␛, ⟨U+202E⟩…).
///   Line breaks (LF, CR LF, lone CR) become ⏎ by default; `.keep` writes them as LF inside a quoted
///   field instead (RFC 4180), for multi-line notes that must survive a round trip.
public enum CSVSafe {
    public enum LineBreaks: Sendable {
        /// Shown as ⏎: every record stays on one physical line.
        case mark
        /// Written as LF inside the quoted field.
        case keep
    }

    /// The neutralised text of one cell (not yet quoted).
    public static func cell(_ s: String, lineBreaks: LineBreaks = .mark) -> String {
        var out = String.UnicodeScalarView()
        if needsNeutralising(s) { out.append("'") }
        var previousWasCR = false
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v == 0x0A && previousWasCR {  // second half of CR LF: already written
                previousWasCR = false
                continue
            }
            previousWasCR = (v == 0x0D)
            switch v {
            case 0x0A, 0x0D:
                out.append(lineBreaks == .keep ? "\n" : "\u{23CE}")
            case 0x09:
                out.append(" ")
            default:
                if let shown = Inert.placeholder(for: scalar) {
                    out.append(contentsOf: shown.unicodeScalars)
                } else {
                    out.append(scalar)
                }
            }
        }
        return String(out)
    }

    /// One field ready for a CSV line: neutralised, then quoted when it holds a comma, a quote, a
    /// line break or edge spaces (quotes doubled inside).
    public static func field(_ s: String, lineBreaks: LineBreaks = .mark) -> String {
        let c = cell(s, lineBreaks: lineBreaks)
        let mustQuote =
            c.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A }
            || c.hasPrefix(" ") || c.hasSuffix(" ")
        guard mustQuote else { return c }
        var q = "\""
        for ch in c.unicodeScalars {
            if ch == "\"" { q += "\"\"" } else { q.unicodeScalars.append(ch) }
        }
        return q + "\""
    }

    /// A record: the fields joined by commas, without the line terminator.
    public static func line(_ cells: [String], lineBreaks: LineBreaks = .mark) -> String {
        cells.map { field($0, lineBreaks: lineBreaks) }.joined(separator: ",")
    }

    /// Whether a spreadsheet could take the cell for a formula.
    public static func needsNeutralising(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first else { return false }
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return true
        default: return false
        }
    }
}
