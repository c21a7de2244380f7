import CSV
import Dispatch
import LeadqDomain

/// One record of a CSV file as the CSV package read it, with the physical line it starts on.
public struct CSVRecord: Equatable, Sendable {
    public var line: Int
    public var fields: [String]
    /// Broken quoting, which the CSV package reads leniently (it drops the character after a stray
    /// closing quote, and an unclosed quote swallows the rest of the file): the row is bad.
    public var quoting: (field: Int, message: String)?

    public static func == (a: CSVRecord, b: CSVRecord) -> Bool {
        a.line == b.line && a.fields == b.fields && a.quoting?.field == b.quoting?.field
            && a.quoting?.message == b.quoting?.message
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
        /// Byte offset of the record in the body.
        var start: Int
        var line: Int
        var blank: Bool
        var quoting: (field: Int, message: String)?
    }

    public static func read(_ bytes: [UInt8], file: String, progress: ((Int, Int) -> Void)? = nil) throws -> CSVDocument
    {
        let body = try TextFile.utf8Body(bytes, file: file)
        let spans = body.withUnsafeBufferPointer { scan($0) }
        guard let h = spans.firstIndex(where: { !$0.blank }) else {
            throw ImportFileError(file: file, message: "the file is empty: no header row")
        }
        if let q = spans[h].quoting {
            throw ImportFileError(file: file, line: spans[h].line, message: "the header: \(q.message)")
        }
        // Big files are read in two halves at once, split at a record boundary the scan found.
        let parts = spans.count - h > 20_000 ? 2 : 1
        let cut = (0...parts).map { k in h + (spans.count - h) * k / parts }
        let boxes = (0..<parts).map { _ in Part() }
        nonisolated(unsafe) let report = progress  // called from one worker only (the first half's)
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            let box = boxes[k]
            let from = spans[cut[k]].start - 0 + body.startIndex
            let to = cut[k + 1] < spans.count ? spans[cut[k + 1]].start + body.startIndex : body.endIndex
            let text = String(decoding: body[from..<to], as: UTF8.self)
            let want = cut[k + 1] - cut[k]
            var rows: [[String]] = []
            rows.reserveCapacity(want)
            do {
                let reader = try CSVReader(string: text, hasHeaderRow: false)
                while let row = reader.next() {
                    rows.append(row)
                    if k == 0, rows.count % 4096 == 0 { report?(rows.count * parts, spans.count) }
                }
            } catch { box.failure = "\(error)" }
            if rows.count != want { box.failure = box.failure ?? "\(rows.count) vs \(want)" }
            box.rows = rows
        }
        if let f = boxes.compactMap(\.failure).first {
            throw ImportFileError(
                file: file,
                message:
                    "the CSV reader and leadq's record scan disagree on where records end (\(f)); please report this file"
            )
        }
        progress?(spans.count, spans.count)
        var records: [CSVRecord] = []
        records.reserveCapacity(spans.count - h)
        var header: [String] = []
        for k in 0..<parts {
            for (j, row) in boxes[k].rows.enumerated() {
                let span = spans[cut[k] + j]
                if span.blank { continue }
                if cut[k] + j == h {
                    header = row.map { Self.cleanHeader($0) }
                    continue
                }
                records.append(CSVRecord(line: span.line, fields: row, quoting: span.quoting))
            }
            boxes[k].rows = []
        }
        return CSVDocument(header: header, headerLine: spans[h].line, records: records)
    }

    /// What one worker read: its records' fields, or why it failed. Each worker writes only its own.
    final class Part: @unchecked Sendable {
        var rows: [[String]] = []
        var failure: String?
    }

    /// Header cells as written, without surrounding spaces or a stray BOM.
    static func cleanHeader(_ s: String) -> String {
        var t = Substring(s)
        while let c = t.first, c.isWhitespace || c == "\u{FEFF}" { t = t.dropFirst() }
        while let c = t.last, c.isWhitespace { t = t.dropLast() }
        return String(t)
    }

    /// Where records start and how their quoting looks, without building any fields.
    // Long because it is one byte state machine on the import's hot path: its labelled loops jump
    // between fields.
    static func scan(_ b: UnsafeBufferPointer<UInt8>) -> [Span] {
        let quote = UInt8(ascii: "\"")
        let comma = UInt8(ascii: ",")
        let cr: UInt8 = 0x0D
        let lf: UInt8 = 0x0A
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
            var span = Span(start: i, line: line, blank: b[i] == cr || b[i] == lf, quoting: nil)
            var field = 0
            record: while true {
                if i < n, b[i] == quote {
                    i += 1
                    while true {
                        guard i < n else {
                            if span.quoting == nil {
                                span.quoting = (
                                    field, "a quoted field is never closed (it runs to the end of the file)"
                                )
                            }
                            break record
                        }
                        let c = b[i]
                        if c == quote {
                            if i + 1 < n, b[i + 1] == quote {
                                i += 2
                                continue
                            }
                            i += 1
                            guard i < n else { break record }
                            let after = b[i]
                            if after == comma {
                                i += 1
                                field += 1
                                continue record
                            }
                            if after == cr || after == lf {
                                lineBreak()
                                break record
                            }
                            // The CSV package keeps the quote, drops this character and reads on as quoted.
                            if span.quoting == nil {
                                span.quoting = (
                                    field,
                                    "a closing quote is followed by more text; quotes inside a quoted field must be doubled (\"\")"
                                )
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
                        if c == comma {
                            i += 1
                            field += 1
                            continue record
                        }
                        if c == cr || c == lf {
                            lineBreak()
                            break record
                        }
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
