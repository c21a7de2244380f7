import LeadqCodec
import LeadqDemo
import LeadqStore

/// `fuzz-trailer`: the snapshot's header and trailer are what a reader trusts to find leads by byte
/// offset, so each case sets one of their numbers (an offset, a length, a count, a sequence number)
/// to an integer extreme or a near miss, or moves the pairs around, and seals the line again with a
/// correct checksum: only the bounds checks stand between such a file and a crash.
extension StoreFuzz {
    func runTrailer() throws {
        let files = try StoreFilesView(base).names().filter { $0 == "settings.json" || $0.hasSuffix(".jsonl") }
        let snapName = files.first { $0.hasPrefix("snapshot-") }!
        let original = try readFile(base + "/" + snapName)
        for i in from..<(from + count) {
            var rng = SplitMix(seed: seed ^ (UInt64(i) &* 0x9E37_79B9_7F4A_7C15))
            try resetFiles(files)
            var bytes = original
            let what = TrailerMutation.apply(&bytes, &rng)
            try writeFile(work + "/" + snapName, bytes)
            Out.line("case \(i) \(snapName) \(what)")
            Out.line(readEverything(i))
        }
        Out.line("done")
    }
}

enum TrailerMutation {
    static let marker = Array(",\"crc\":\"".utf8)

    /// Changes the header or trailer of a snapshot's bytes and seals the line again.
    static func apply(_ b: inout [UInt8], _ rng: inout SplitMix) -> String {
        var lines = b.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if lines.last?.isEmpty == true { lines.removeLast() }
        // The trailer, a queue's index line (schema 2) or the header.
        let indexLines = lines.indices.filter { isIndexLine(lines[$0]) }
        let roll = rng.below(10)
        let part = roll < 5 || (roll < 8 && indexLines.isEmpty) ? "trailer" : roll < 8 ? "index line" : "header"
        let at = part == "trailer" ? lines.count - 1 : part == "header" ? 0 : indexLines[rng.below(indexLines.count)]
        var body = lines[at]
        guard body.count > 18, Array(body[(body.count - 18)..<(body.count - 10)]) == marker else { return "no seal" }
        body.removeLast(18)
        let numbers = StoreFuzz.numbers(in: body)
        guard !numbers.isEmpty else { return "no number" }
        let what: String
        switch rng.below(6) {
        case 0, 1, 2:
            let r = numbers[rng.below(numbers.count)]
            let old = Int64(String(decoding: body[r], as: UTF8.self)) ?? 0
            let v = value(near: old, size: Int64(b.count), &rng)
            body.replaceSubrange(r, with: Array(v.utf8))
            what = "set \(part) number \(old) → \(v)"
        case 3:
            let r1 = numbers[rng.below(numbers.count)]
            let r2 = numbers[rng.below(numbers.count)]
            guard r1 != r2 else { return "swap: one number" }
            let (lo, hi) = r1.lowerBound < r2.lowerBound ? (r1, r2) : (r2, r1)
            let a = Array(body[lo])
            let c = Array(body[hi])
            body.replaceSubrange(hi, with: a)
            body.replaceSubrange(lo, with: c)
            what = "swap \(String(decoding: a, as: UTF8.self)) and \(String(decoding: c, as: UTF8.self))"
        case 4:
            let r = numbers[rng.below(numbers.count)]
            let copy = Array(body[r]) + Array(",".utf8)
            body.insert(contentsOf: copy, at: r.lowerBound)
            what =
                "repeat number \(String(decoding: body[r.lowerBound..<(r.lowerBound + copy.count - 1)], as: UTF8.self))"
        default:
            let r = numbers[rng.below(numbers.count)]
            let end =
                r.upperBound < body.count && body[r.upperBound] == UInt8(ascii: ",") ? r.upperBound + 1 : r.upperBound
            body.removeSubrange(r.lowerBound..<end)
            what = "drop a number"
        }
        body += marker + Array(CRC32.hex(CRC32.checksum(body)).utf8) + Array("\"}".utf8)
        lines[at] = body
        b = lines.flatMap { $0 + [0x0A] }
        return what
    }

    static func isIndexLine(_ line: [UInt8]) -> Bool {
        line.starts(with: Array("{\"queue\":".utf8)) || line.starts(with: Array("{\"pool\":".utf8))
            || line.starts(with: Array("{\"briefs\":".utf8))
    }

    /// An extreme, or a near miss of the value that was there (one byte off, the file's end).
    static func value(near old: Int64, size: Int64, _ rng: inout SplitMix) -> String {
        let choices: [String] = [
            "-1", "0", "1", "2147483647", "2147483648", "4294967296", "9007199254740993", "4611686018427387904",
            "9223372036854775807", "9223372036854775806", "-9223372036854775808", "99999999999999999999",
            String(old &+ 1), String(old &- 1), String(old &+ 4096), String(-old), String(size), String(size &- 1),
            String(size &+ 1), String(Int64.max &- old),
        ]
        return choices[rng.below(choices.count)]
    }
}
