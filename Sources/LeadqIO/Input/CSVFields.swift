/// The fields of one record the scan (`CSVRecords.scan`) found well quoted, read from its bytes in
/// one pass: what the CSV package reads of it (RFC 4180: a quoted field may hold commas, doubled
/// quotes and line breaks; a quote inside an unquoted field is text), without decoding every
/// character on its own. A record with broken quoting is left to the package, whose lenient
/// reading is what its bad row shows.
enum CSVFields {
    static let quote = UInt8(ascii: "\"")
    static let comma = UInt8(ascii: ",")
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A

    /// The fields of the record in `b[from..<to]` (its line break included, if it has one).
    // Long by design: one byte loop over a record; the quoted and unquoted fields share its index.
    static func read(_ b: UnsafeBufferPointer<UInt8>, from: Int, to end: Int, columns: Int) -> [String] {
        var fields: [String] = []
        fields.reserveCapacity(columns)
        var i = from
        while true {
            guard i < end, b[i] == quote else {
                // Unquoted: up to the next comma or line break.
                let start = i
                while i < end, b[i] != comma, b[i] != cr, b[i] != lf { i += 1 }
                fields.append(text(b, start, i))
                guard i < end, b[i] == comma else { return fields }
                i += 1
                continue
            }
            i += 1
            var start = i
            // Only a field with doubled quotes is copied piece by piece.
            var pieces: [UInt8]?
            while i < end {
                guard b[i] == quote else {
                    i += 1
                    continue
                }
                if i + 1 < end, b[i + 1] == quote {
                    pieces = (pieces ?? []) + UnsafeBufferPointer(rebasing: b[start...i])
                    i += 2
                    start = i
                    continue
                }
                break
            }
            if var p = pieces {
                p += UnsafeBufferPointer(rebasing: b[start..<i])
                fields.append(String(decoding: p, as: UTF8.self))
            } else {
                fields.append(text(b, start, i))
            }
            // Past the closing quote: a comma goes on; a line break or the end ends the record.
            i += 1
            guard i < end, b[i] == comma else { return fields }
            i += 1
        }
    }

    static func text(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> String {
        from == to ? "" : String(decoding: UnsafeBufferPointer(rebasing: b[from..<to]), as: UTF8.self)
    }
}
