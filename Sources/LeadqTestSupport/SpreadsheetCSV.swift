/// How a spreadsheet splits CSV (RFC 4180: quoted fields may hold commas, doubled quotes and line
/// breaks; records end in LF, CR LF or CR outside quotes). Written independently of `CSVSafe` and of
/// the CSV package, so the tests and the fuzzer check leadq's exports against a second reading.
public enum SpreadsheetCSV {
    /// The fields of one record.
    public static func record(_ line: String) -> [String] {
        var out: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        var atStart = true
        var it = Array(line.unicodeScalars)[...]
        while let c = it.popFirst() {
            if quoted {
                if c == "\"" {
                    if it.first == "\"" {
                        field.append("\"")
                        it = it.dropFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" && atStart {
                quoted = true
                atStart = false
            } else if c == "," {
                out.append(String(field))
                field = String.UnicodeScalarView()
                atStart = true
            } else {
                field.append(c)
                atStart = false
            }
        }
        out.append(String(field))
        return out
    }

    /// Every field value of a whole document, blank lines skipped.
    public static func values(_ text: String) -> [String] {
        var out: [String] = []
        var record = ""
        var quoted = false
        for ch in text.unicodeScalars {
            if ch == "\"" { quoted.toggle() }
            if !quoted && (ch == "\n" || ch == "\r") {
                if !record.isEmpty { out += SpreadsheetCSV.record(record) }
                record = ""
            } else {
                record.unicodeScalars.append(ch)
            }
        }
        if !record.isEmpty { out += SpreadsheetCSV.record(record) }
        return out
    }
}
