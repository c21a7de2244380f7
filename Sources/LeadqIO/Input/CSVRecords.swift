import CSV
import LeadqDomain

/// One record of a CSV file as the CSV package read it, with the physical line it starts on.
public struct CSVRecord: Equatable, Sendable {
    public var line: Int
    public var fields: [String]
    /// Broken quoting, which the CSV package reads leniently (it drops the character after a stray
    /// closing quote, and an unclosed quote swallows the rest of the file): the row is bad.
    public var quoting: (field: Int, message: String)?

    public static func == (a: CSVRecord, b: CSVRecord) -> Bool {
        a.line == b.line && a.fields == b.fields && a.quoting?.field == b.quoting?.field && a.quoting?.message == b.quoting?.message
    }
}

/// A CSV file: its header and its records (blank lines dropped).
public struct CSVDocument: Equatable, Sendable {
    public var header: [String]
    public var headerLine: Int
    public var records: [CSVRecord]
}

/// Reads CSV with yaslab/CSV.swift. Before it does, one pass over the bytes finds where each record
/// starts (its line number, for error messages) and checks the quoting the package would accept
/// silently. That pass follows the package's own reading of records (RFC 4180: quoted fields may
/// hold commas, doubled quotes and line breaks; CR, LF or CR LF ends a record), and the two are
/// checked to agree record for record.
public enum CSVRecords {
    struct Span {
        var line: Int
        var blank: Bool
        var quoting: (field: Int, message: String)?
    }

    public static func read(_ bytes: [UInt8], file: String, progress: ((Int, Int) -> Void)? = nil) throws -> CSVDocument {
        let body = try TextFile.utf8Body(bytes, file: file)
        let spans = body.withUnsafeBufferPointer { scan($0) }
        let text = String(decoding: body, as: UTF8.self)
        let reader = try CSVReader(string: text, hasHeaderRow: false)
        var header: [String]?
        var headerLine = 0
        var records: [CSVRecord] = []
        records.reserveCapacity(spans.count)
        var k = 0
        while let row = reader.next() {
            guard k < spans.count else { break }
            let span = spans[k]
            k += 1
            if k % 4096 == 0 { progress?(k, spans.count) }
            if span.blank { continue }
            if header == nil {
                if let q = span.quoting { throw ImportFileError(file: file, line: span.line, message: "the header: \(q.message)") }
                header = row.map { Self.cleanHeader($0) }
                headerLine = span.line
                continue
            }
            records.append(CSVRecord(line: span.line, fields: row, quoting: span.quoting))
        }
        guard k == spans.count, reader.next() == nil else {
            throw ImportFileError(file: file, message: "the CSV reader and leadq's record scan disagree on where records end (\(k) vs \(spans.count)); please report this file")
        }
        progress?(spans.count, spans.count)
        guard let header else { throw ImportFileError(file: file, message: "the file is empty: no header row") }
        return CSVDocument(header: header, headerLine: headerLine, records: records)
    }

    /// Header cells as written, without surrounding spaces or a stray BOM.
    static func cleanHeader(_ s: String) -> String {
        var t = Substring(s)
        while let c = t.first, c.isWhitespace || c == "\u{FEFF}" { t = t.dropFirst() }
        while let c = t.last, c.isWhitespace { t = t.dropLast() }
        return String(t)
    }

    /// Where records start and how their quoting looks, without building any fields.
    static func scan(_ b: UnsafeBufferPointer<UInt8>) -> [Span] {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        let n = b.count
        var spans: [Span] = []
        var i = 0
        var line = 1
        /// Steps over a line break at `i` (CR LF counts once) and counts it.
        func lineBreak() {
            if b[i] == cr, i + 1 < n, b[i + 1] == lf { i += 1 }
            i += 1
            line += 1
        }
        while i < n {
            var span = Span(line: line, blank: b[i] == cr || b[i] == lf, quoting: nil)
            var field = 0
            record: while true {
                if i < n, b[i] == quote {
                    i += 1
                    while true {
                        guard i < n else {
                            if span.quoting == nil { span.quoting = (field, "a quoted field is never closed (it runs to the end of the file)") }
                            break record
                        }
                        let c = b[i]
                        if c == quote {
                            if i + 1 < n, b[i + 1] == quote { i += 2; continue }
                            i += 1
                            guard i < n else { break record }
                            let after = b[i]
                            if after == comma { i += 1; field += 1; continue record }
                            if after == cr || after == lf { lineBreak(); break record }
                            // The CSV package keeps the quote, drops this character and reads on as quoted.
                            if span.quoting == nil {
                                span.quoting = (field, "a closing quote is followed by more text; quotes inside a quoted field must be doubled (\"\")")
                            }
                            i += 1
                            continue
                        }
                        if c == lf || c == cr {
                            lineBreak()
                            continue
                        }
                        i += 1
                    }
                } else {
                    while i < n {
                        let c = b[i]
                        if c == comma { i += 1; field += 1; continue record }
                        if c == cr || c == lf { lineBreak(); break record }
                        i += 1
                    }
                    break record
                }
            }
            spans.append(span)
        }
        return spans
    }
}
