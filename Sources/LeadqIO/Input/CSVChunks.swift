import CSV
import Dispatch
import LeadqDomain

/// A CSV file whose records are read a chunk at a time, as often as asked: where each record starts
/// is kept (`CSVRecords.scan`), its bytes and fields only while a chunk is in use; the bytes come
/// from memory or, for a file on disk, by offset from the file (`ByteSource`). The records are
/// those `CSVRecords.read` gives, in the same order, with the same lines; their fields are read by
/// `CSVFields` (the CSV package decodes every character on its own, and a big import reads its file
/// more than once).
public final class CSVChunks: @unchecked Sendable {
    let file: String
    let source: any ByteSource
    let spans: SpanTable
    /// The first record after the header.
    let first: Int
    public let header: [String]
    public let headerLine: Int

    convenience init(_ bytes: [UInt8], file: String) throws {
        let body = try TextFile.utf8Body(bytes, file: file)
        let spans = body.withUnsafeBufferPointer { CSVRecords.scan($0) }
        try self.init(source: HeldBytes(body), spans: SpanTable(spans), file: file)
    }

    /// A UTF-8 file (with or without a byte-order mark) read by offset: scanned and checked `block`
    /// bytes at a time, each block cut back to its last record's start, which the next one scans
    /// again (a record is never split: the scan decides each record from its own bytes).
    convenience init(reading bytes: FileBytes, file: String, block: Int = 4 << 20) throws {
        let marked = try bytes.bytes(0..<min(3, bytes.count)) == TextFile.bom
        let body = marked ? bytes.dropping(3) : bytes
        var spans = SpanTable()
        var (from, line, newlines, size) = (0, 1, 0, max(1, block))
        while from < body.count {
            let to = min(body.count, from + size)
            let chunk = try body.bytes(from..<to)
            var found = chunk.withUnsafeBufferPointer { CSVRecords.scan($0) }
            var (cut, next) = (chunk.count, line)
            if to < body.count {
                // The last record may go on past the block: the next block starts with it.
                guard found.count > 1 else {
                    size *= 2
                    continue
                }
                let last = found.removeLast()
                (cut, next) = (last.start, last.line + line - 1)
            }
            if let bad = TextFile.firstInvalidUTF8(chunk[0..<cut]) {
                let lines = chunk[0..<bad].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                throw TextFile.notUTF8(chunk[bad], line: 1 + newlines + lines, marked: marked, file: file)
            }
            for s in found { spans.append(start: s.start + from, line: s.line + line - 1, s) }
            newlines += chunk[0..<cut].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            line = next
            from += cut
        }
        try self.init(source: body, spans: spans, file: file)
    }

    private init(source: any ByteSource, spans: SpanTable, file: String) throws {
        (self.file, self.source, self.spans) = (file, source, spans)
        guard let h = (0..<spans.count).first(where: { !spans.isBlank($0) }) else {
            throw ImportFileError(file: file, message: "the file is empty: no header row")
        }
        if let q = spans.quoting[h] {
            throw ImportFileError(file: file, line: spans.lines[h], message: "the header: \(q.message)")
        }
        (first, headerLine) = (h + 1, spans.lines[h])
        let bytes = try source.bytes(spans.starts[h]..<spans.end(h + 1, of: source.count))
        let head = try CSVChunks.fields(bytes[...], count: 1, file: file)
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
        guard !range.isEmpty else { return [] }
        let base = spans.starts[range.lowerBound]
        let bytes = try source.bytes(base..<spans.end(range.upperBound, of: source.count))
        let parts = range.count > 1_024 ? 2 : 1
        let cut = (0...parts).map { range.lowerBound + range.count * $0 / parts }
        let boxes = (0..<parts).map { _ in Box() }
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            do {
                boxes[k].records = try oneCore(bytes, from: base, cut[k]..<cut[k + 1])
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

    /// The records starting in `range`, on one core, from `bytes` (the file's from `base` on):
    /// well-quoted ones read by `CSVFields`, the others by the CSV package, one record at a time.
    func oneCore(_ bytes: [UInt8], from base: Int, _ range: Range<Int>) throws -> [CSVRecord] {
        var out: [CSVRecord] = []
        out.reserveCapacity(range.count)
        try bytes.withUnsafeBufferPointer { b in
            for j in range where !spans.isBlank(j) {
                let start = spans.starts[j] - base
                let end = spans.end(j + 1, of: source.count) - base
                let quoting = spans.quoting[j]
                let fields =
                    quoting == nil
                    ? CSVFields.read(b, from: start, to: end, columns: header.count)
                    : try CSVChunks.fields(bytes[start..<end], count: 1, file: file)[0]
                out.append(CSVRecord(line: spans.lines[j], fields: fields, quoting: quoting))
            }
        }
        return out
    }

    /// The CSV package's fields of the `count` records `bytes` holds, checked to be `count`.
    static func fields(_ bytes: ArraySlice<UInt8>, count: Int, file: String) throws -> [[String]] {
        let reader = try CSVReader(string: String(decoding: bytes, as: UTF8.self), hasHeaderRow: false)
        var rows: [[String]] = []
        rows.reserveCapacity(count)
        while let row = reader.next() { rows.append(row) }
        guard rows.count == count else { throw disagree(file, "\(rows.count) vs \(count)") }
        return rows
    }

    static func disagree(_ file: String, _ f: String) -> ImportFileError {
        ImportFileError(
            file: file,
            message:
                "the CSV reader and leadq's record scan disagree on where records end (\(f)); please report this file")
    }
}

/// `CSVRecords.Span`s kept in 16 bytes a record (a `Span` takes 56): blank records and broken
/// quoting, which are few, aside.
struct SpanTable {
    private(set) var starts: [Int] = []
    private(set) var lines: [Int] = []
    private(set) var blank = Set<Int>()
    private(set) var quoting: [Int: (field: Int, message: String)] = [:]

    init() {}

    init(_ spans: [CSVRecords.Span]) {
        starts.reserveCapacity(spans.count)
        lines.reserveCapacity(spans.count)
        for s in spans { append(start: s.start, line: s.line, s) }
    }

    var count: Int { starts.count }

    mutating func append(start: Int, line: Int, _ s: CSVRecords.Span) {
        if s.blank { blank.insert(starts.count) }
        if let q = s.quoting { quoting[starts.count] = q }
        starts.append(start)
        lines.append(line)
    }

    func isBlank(_ j: Int) -> Bool { !blank.isEmpty && blank.contains(j) }

    /// Where span `j` starts, or `total` past the last.
    func end(_ j: Int, of total: Int) -> Int { j < starts.count ? starts[j] : total }
}
