import LeadqDomain

/// A CSV export's good rows, read again a chunk at a time whenever asked, and the keys of all of
/// them: what a big import holds instead of every row. Each chunk's rows are those
/// `CSVRowReader.rows` gives for the same records (the same checks, dates, footer and repeats).
public final class StreamedRows: @unchecked Sendable {
    let source: CSVChunks
    let chunks: [Range<Int>]
    let reader: RowMapper
    /// Records from this line on are the report's footer.
    let footerFrom: Int
    /// Good rows that repeat an earlier row's key: bad, though their cells map.
    let repeated: Set<Int>
    /// Where each chunk's good rows start among the file's (and, last, how many there are).
    let goodStart: [Int]
    /// Every good row's keys, hashed, in line order, until planned (`releaseKeys`).
    public private(set) var keys: HashedKeys

    public var chunkCount: Int { chunks.count }
    /// How many rows are good.
    public var count: Int { goodStart.last ?? 0 }

    /// Lets the keys go once the rows are planned: the plan holds what it needs of them.
    public func releaseKeys() { keys = HashedKeys(hash: keys.hash) }

    init(
        source: CSVChunks, chunks: [Range<Int>], reader: RowMapper, footerFrom: Int, repeated: Set<Int>,
        goodStart: [Int], keys: HashedKeys
    ) {
        (self.source, self.chunks, self.reader, self.footerFrom) = (source, chunks, reader, footerFrom)
        (self.repeated, self.goodStart, self.keys) = (repeated, goodStart, keys)
    }

    /// The good rows of chunk `k`, from the file's `goodStart[k]`th on; without their
    /// name-and-company key unless `keyed` (the plan holds it).
    public func rows(_ k: Int, keyed: Bool = true) throws -> [ImportRow] {
        var out = ReadRows(format: reader.map.format, header: [], rows: [], bad: [], extraKeys: [])
        let records = try source.records(chunks[k]).filter { $0.line < footerFrom }
        var reader = reader
        reader.keyed = keyed
        _ = CSVRowReader.mapInParallel(records[...], reader, into: &out, over: 1_024)
        let rows = repeated.isEmpty ? out.rows : out.rows.filter { !repeated.contains($0.line) }
        guard rows.count == goodStart[k + 1] - goodStart[k] else {
            throw ImportFileError(file: source.file, message: "internal: the file read differently the second time")
        }
        return rows
    }

    /// Every good row's keys as texts, the file read again: to plan against a store that holds
    /// leads (a row may update one, and its keys are then merged with the stored lead's).
    func stringKeys() throws -> [RowKeys] {
        var out: [RowKeys] = []
        out.reserveCapacity(count)
        var owners: [String: String] = [:]
        for k in chunks.indices {
            let rows = try rows(k)
            for i in rows.indices {
                var keys = RowKeys(rows[i])
                // One text per owner: a file names a few dozen.
                if let same = owners[keys.owner] { keys.owner = same } else { owners[keys.owner] = keys.owner }
                out.append(keys)
            }
        }
        return out
    }

    /// Every good row at once: for a store that doesn't take streamed batches.
    public func allRows() throws -> [ImportRow] {
        var out: [ImportRow] = []
        out.reserveCapacity(count)
        for k in chunks.indices { out += try rows(k) }
        return out
    }
}

extension CSVRowReader {
    /// `rows`, reading the records a chunk of `chunkRows` at a time and keeping the good rows'
    /// keys, not the rows (`ReadRows.streamed`); the bad rows are kept whole, as `rows` keeps them.
    static func streamed(
        _ source: CSVChunks, map: ColumnMap, dateOrder: DateOrder?, clearEmpty: Bool,
        utcOffset: (@Sendable (Instant) -> Int64)?, chunkRows: Int, hash: KeyHash = KeyHash(),
        progress: ((Int, Int) -> Void)?
    ) throws -> ReadRows {
        let footer = try footerStart(source)
        var dates = DateReader(order: dateOrder)
        dates.utcOffset = utcOffset
        // Most exports write ISO dates, which teach the day/month order nothing: read with what is
        // known, and read again only when the file's slashed dates settle the order otherwise.
        var pass = try readPass(source, map, dates, clearEmpty, chunkRows, footer, hash, progress)
        var learned = dates
        for seen in pass.evidence { learned.settle(seen) }
        if !learned.readsAlike(dates) {
            pass = try readPass(source, map, learned, clearEmpty, chunkRows, footer, hash, progress)
        }
        return pass.out
    }

    /// Where the report's footer starts (`ReportFooter.trailing` of the file's last records), and
    /// how many footer lines it has.
    static func footerStart(_ source: CSVChunks) throws -> (line: Int, lines: Int) {
        var n = 64
        while true {
            let tail = try source.tail(n)
            let f = ReportFooter.trailing(tail, columns: source.header.count)
            if f.drop < tail.count || n >= source.recordSpans {
                return f.drop == 0 ? (Int.max, 0) : (tail[tail.count - f.drop].line, f.lines)
            }
            n *= 4
        }
    }

    /// One pass over the file's records with one date reader: the bad rows, the good rows' keys,
    /// and what the creation dates show of the day/month order.
    static func readPass(
        _ source: CSVChunks, _ map: ColumnMap, _ dates: DateReader, _ clearEmpty: Bool, _ chunkRows: Int,
        _ footer: (line: Int, lines: Int), _ hash: KeyHash, _ progress: ((Int, Int) -> Void)?
    ) throws -> (out: ReadRows, evidence: [DateReader.Evidence]) {
        let reader = RowMapper(header: source.header, map: map, dates: dates, clearEmpty: clearEmpty)
        var out = ReadRows(format: map.format, header: source.header, rows: [], bad: [], extraKeys: Set(map.extraKeys))
        out.style = map.style
        out.footerRows = footer.lines
        let dateColumns = map.columns(.createdAt)
        var evidence = [DateReader.Evidence](repeating: .init(), count: dateColumns.count)
        var firstLines = FirstLines(hash: hash)
        var (repeated, keys, goodStart) = (Set<Int>(), HashedKeys(hash: hash), [0])
        let chunks = source.chunks(of: chunkRows)
        for range in chunks {
            let records = try source.records(range).filter { $0.line < footer.line }
            for (j, c) in dateColumns.enumerated() {
                evidence[j].look(at: records.lazy.map { c < $0.fields.count ? $0.fields[c] : "" })
            }
            var part = ReadRows(format: map.format, header: [], rows: [], bad: [], extraKeys: [])
            let keyed = mapInParallel(records[...], reader, into: &part, over: 1_024)
            repeated.formUnion(
                try markRepeated(keyed, records[...], map: map, into: &part) { key, line in
                    try firstLines.earlier(key, line: line) { try keyOn($0, source, reader) }
                })
            out.bad += part.bad
            // By index: each row read in place, not copied whole.
            for i in part.rows.indices {
                keys.append(part.rows[i])
                guard !map.hasID else { continue }
                if part.rows[i].originId.hasPrefix(LeadKeys.emailPrefix) {
                    out.keyedByEmail += 1
                } else {
                    out.keyedByName += 1
                }
            }
            goodStart.append(keys.count)
            progress?(range.upperBound - source.first, source.recordSpans)
        }
        keys.doneReading()
        out.streamed = StreamedRows(
            source: source, chunks: chunks, reader: reader, footerFrom: footer.line, repeated: repeated,
            goodStart: goodStart, keys: keys)
        return (out, evidence)
    }

    /// The source key of the record on `line`, read again (a hash met twice is settled on the keys).
    static func keyOn(_ line: Int, _ source: CSVChunks, _ reader: RowMapper) throws -> String {
        var (lo, hi) = (source.first, source.spans.count)
        while lo < hi {
            let mid = (lo + hi) / 2
            if source.spans.lines[mid] < line { lo = mid + 1 } else { hi = mid }
        }
        let out = RowMapper.Out()
        reader.map(try source.records(lo..<min(lo + 1, source.spans.count))[...], into: out)
        return out.keyed.first { $0.line == line }?.id ?? ""
    }
}
