import LeadqTestSupport
import LeadqText
import PropertyBased
import Testing

/// CSV cells for exports and reports (`CSVSafe`, the rules issue 4's export writes with): for random
/// cells built from formula starters, separators, quotes, line breaks and hostile controls, a
/// spreadsheet reading the line gets back exactly the cells, none of which it would run as a formula
/// or which carries a control character. (When `leadq export` lands, run it on the hostile store of
/// HostileInputTests and read its output with `SpreadsheetCSV` the same way.)
@Suite struct CSVCellTests {
    static let alphabet: [String] = [
        "=", "+", "-", "@", "\t", "\r", "\n", "\r\n", ",", "\"", "'", " ", "1", "2.5", "a", "Z", "é", "中",
        "\u{1B}[31m", "\u{1B}]52;c;aGk=\u{7}", "\u{0}", "\u{7F}", "\u{9B}", "\u{202E}", "\u{2066}", "\u{2028}",
        "SUM(A1)", "cmd|' /C calc'!A0",
    ]
    static let cell = Gen.int(in: 0...(alphabet.count - 1)).array(of: 0...8).map { $0.map { alphabet[$0] }.joined() }

    @Test func cellsComeBackWholeAndNeverAsFormulas() async {
        let count = RunLength.pick(2_000, 50_000)
        await propertyCheck(count: count, input: CSVCellTests.cell.array(of: 1...6)) { cells in
            for breaks in [CSVSafe.LineBreaks.mark, .keep] {
                let line = CSVSafe.line(cells, lineBreaks: breaks)
                if breaks == .mark {
                    #expect(!line.contains("\n") && !line.contains("\r"), "a record spans lines: \(cells)")
                }
                let read = SpreadsheetCSV.record(line)
                #expect(read == cells.map { CSVSafe.cell($0, lineBreaks: breaks) }, "\(cells) → \(line)")
                for value in read {
                    if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
                        Issue.record("a spreadsheet would run \(value.debugDescription) (from \(cells))")
                    }
                    let raw = value.unicodeScalars.filter { u in
                        let v = u.value
                        return (v < 0x20 && !(breaks == .keep && v == 0x0A)) || (0x7F...0x9F).contains(v)
                            || (0x202A...0x202E).contains(v)
                            || (0x2066...0x2069).contains(v) || v == 0x2028 || v == 0x2029
                    }
                    #expect(raw.isEmpty, "\(value.debugDescription) carries raw controls")
                }
            }
        }
        RunLength.report(
            "CSV cells",
            "\(count) random records, each in both line-break modes: all read back whole, none runnable as a formula, none carrying a control character"
        )
    }
}
