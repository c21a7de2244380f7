import CSV
import Foundation
import LeadqText

/// CSV that a spreadsheet or a CRM's import can open without harm: every cell neutralised by
/// `CSVSafe` (a leading `=`, `+`, `-`, `@`, TAB or CR gets a `'`; control characters become visible
/// placeholders; line breaks stay, inside quotes), then quoted and joined by CSV.swift's writer.
/// CR LF line ends, UTF-8 without a BOM (Data Loader would read a BOM into the first column's name).
public enum CSVOutput {
    public static func bytes(header: [String], rows: [[String]]) throws -> [UInt8] {
        let stream = OutputStream(toMemory: ())
        stream.open()
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        try writer.write(row: header.map { CSVSafe.cell($0, lineBreaks: .keep) })
        for r in rows { try writer.write(row: r.map { CSVSafe.cell($0, lineBreaks: .keep) }) }
        stream.close()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
            throw ImportUsageError("internal: the CSV writer produced no data")
        }
        var out = [UInt8](data)
        out.append(contentsOf: [0x0D, 0x0A])
        return out
    }
}
