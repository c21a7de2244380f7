import LeadqFileStore

/// `fuzz-settings`: hostile numbers in settings.json.
extension StoreFuzz {
    /// Values a hand edit or a hostile file may put where settings.json has a number.
    static let extremes = [
        "0", "-1", "2147483648", "4611686018427387904", "9223372036854775807", "-9223372036854775808",
        "99999999999999999999",
    ]

    /// The number literals of a JSON text (outside strings), in order.
    static func numbers(in b: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var inString = false
        var escaped = false
        var i = 0
        while i < b.count {
            let c = b[i]
            if inString {
                if escaped {
                    escaped = false
                } else if c == UInt8(ascii: "\\") {
                    escaped = true
                } else if c == UInt8(ascii: "\"") {
                    inString = false
                }
                i += 1
            } else if c == UInt8(ascii: "\"") {
                inString = true
                i += 1
            } else if c == UInt8(ascii: "-") || (48...57).contains(c) {
                var j = i + 1
                while j < b.count, (48...57).contains(b[j]) { j += 1 }
                out.append(i..<j)
                i = j
            } else {
                i += 1
            }
        }
        return out
    }

    /// `fuzz-settings [--extremes 3,4]`: every number in settings.json replaced, in turn, by each
    /// extreme value (or those listed). Case I is number I / n set to the (I % n)-th value.
    func runSettings() throws {
        let files = try StoreFilesView(base).names().filter { $0 == "settings.json" || $0.hasSuffix(".jsonl") }
        let original = try readFile(base + "/settings.json")
        let spots = StoreFuzz.numbers(in: original)
        let values = extremes.map { StoreFuzz.extremes[$0] }
        for i in from..<(from + count) {
            let spot = i / values.count
            guard spot < spots.count else { break }
            let value = values[i % values.count]
            try resetFiles(files)
            var b = original
            b.replaceSubrange(spots[spot], with: Array(value.utf8))
            try writeFile(work + "/settings.json", b)
            let context =
                String(decoding: original[max(0, spots[spot].lowerBound - 30)..<spots[spot].lowerBound], as: UTF8.self)
                .split(separator: "\n").last.map { String($0.drop { $0 == " " }) } ?? ""
            Out.line("case \(i) settings.json number-\(spot) \(context)\(value)")
            Out.line(readEverything(i))
        }
        Out.line("done")
    }
}
