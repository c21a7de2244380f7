import CSV
import Dispatch
import LeadqDomain

/// A CSV file whose records are read a chunk at a time, as often as asked: the bytes and where each
/// record starts are kept (`CSVRecords.scan`), the records' fields only while a chunk is in use.
/// The records are those `CSVRecords.read` gives, in the same order, with the same lines; their
/// fields are read by `CSVFields` (the CSV package decodes every character on its own, and a big
/// import reads its file more than once).
public final class CSVChunks: @unchecked Sendable {
    let file: String
    let body: ArraySlice<UInt8>
    let spans: [CSVRecords.Span]
    /// The first record after the header.
    let first: Int
    public let header: [String]
    public let headerLine: Int

    init(_ bytes: [UInt8], file: String) throws {
        self.file = file
        let body = try TextFile.utf8Body(bytes, file: file)
        let spans = body.withUnsafeBufferPointer { CSVRecords.scan($0) }
        guard let h = spans.firstIndex(where: { !$0.blank }) else {
            throw ImportFileError(file: file, message: "the file is empty: no header row")
        }
        if let q = spans[h].quoting {
            throw ImportFileError(file: file, line: spans[h].line, message: "the header: \(q.message)")
        }
        (self.body, self.spans, first, headerLine) = (body, spans, h + 1, spans[h].line)
        let head = try CSVChunks.fields(body, spans, h..<h + 1, file: file)
        header = (head.first ?? []).map { CSVRecords.cleanHeader($0) }
    }

    /// The record spans after the header (blank lines among them), split into runs of about `size`.
    func chunks(of size: Int) -> [Range<Int>] {
        stride(from: first, to: spans.count, by: max(1, size)).map { $0..<min(spans.count, $0 + max(1, size)) }
    }

    /// The records of the last `count` spans (fewer when the file has fewer).
    func tail(_ count: Int) throws -> [CSVRecord] {
        try records(max(first, spans.count - count)..<spans.count)
    }

    var recordSpans: Int { spans.count - first }

    /// The records starting in `range` (spans), blank lines dropped; two halves at once when big.
    func records(_ range: Range<Int>) throws -> [CSVRecord] {
        let parts = range.count > 1_024 ? 2 : 1
        let cut = (0...parts).map { range.lowerBound + range.count * $0 / parts }
        let boxes = (0..<parts).map { _ in Box() }
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            do {
                boxes[k].records = try oneCore(cut[k]..<cut[k + 1])
            } catch { boxes[k].failure = "\(error)" }
        }
        if let f = boxes.compactMap(\.failure).first { throw CSVChunks.disagree(file, f) }
        var out: [CSVRecord] = []
        swap(&out, &boxes[0].records)
        for box in boxes.dropFirst() { out += box.records }
        return out
    }

    /// What one worker read. Each worker writes only its own.
    final class Box: @unchecked Sendable {
        var records: [CSVRecord] = []
        var failure: String?
    }

    /// The records starting in `range`, on one core: well-quoted ones read by `CSVFields`, the
    /// others by the CSV package, one record at a time.
    func oneCore(_ range: Range<Int>) throws -> [CSVRecord] {
        var out: [CSVRecord] = []
        out.reserveCapacity(range.count)
        try body.withUnsafeBufferPointer { b in
            for j in range where !spans[j].blank {
                let span = spans[j]
                let end = j + 1 < spans.count ? spans[j + 1].start : b.count
                let fields =
                    span.quoting == nil
                    ? CSVFields.read(b, from: span.start, to: end, columns: header.count)
                    : try CSVChunks.fields(body, spans, j..<j + 1, file: file)[0]
                out.append(CSVRecord(line: span.line, fields: fields, quoting: span.quoting))
            }
        }
        return out
    }

    /// The CSV package's fields of the records starting in `range`, checked to be one per span.
    static func fields(_ body: ArraySlice<UInt8>, _ spans: [CSVRecords.Span], _ range: Range<Int>, file: String)
        throws -> [[String]]
    {
        guard !range.isEmpty else { return [] }
        let from = spans[range.lowerBound].start + body.startIndex
        let to = range.upperBound < spans.count ? spans[range.upperBound].start + body.startIndex : body.endIndex
        let reader = try CSVReader(string: String(decoding: body[from..<to], as: UTF8.self), hasHeaderRow: false)
        var rows: [[String]] = []
        rows.reserveCapacity(range.count)
        while let row = reader.next() { rows.append(row) }
        guard rows.count == range.count else { throw disagree(file, "\(rows.count) vs \(range.count)") }
        return rows
    }

    static func disagree(_ file: String, _ f: String) -> ImportFileError {
        ImportFileError(
            file: file,
            message:
                "the CSV reader and leadq's record scan disagree on where records end (\(f)); please report this file")
    }
}
