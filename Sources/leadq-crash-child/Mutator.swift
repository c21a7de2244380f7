import LeadqCodec
import LeadqDemo

/// Ways a file goes bad: bits flipped by a disk, bytes lost or added by a bad copy, lines shuffled
/// by a hand edit, and records that are well-formed and correctly checksummed but say absurd things
/// (what a buggy or hostile writer produces), which reach the parsers behind the checksums.
struct Mutator {
    var rng: SplitMix
    let checksummed: Bool
    let isJournal: Bool
    /// The mutation changed bytes inside a complete record that a checksum covers.
    private(set) var strict = false

    init(rng: SplitMix, checksummed: Bool, isJournal: Bool) {
        self.rng = rng
        self.checksummed = checksummed
        self.isJournal = isJournal
    }

    mutating func mutate(_ b: inout [UInt8]) -> String {
        let kinds = [
            "flip", "set", "truncate", "truncate-tail", "insert", "delete", "dup-line", "drop-line", "swap-lines",
            "garbage", "empty", "reseal-number", "reseal-string", "reseal-cut", "reseal-deep", "reseal-op",
            "reseal-dupkey",
        ]
        let kind = kinds[rng.below(kinds.count)]
        guard !b.isEmpty || kind == "garbage" || kind == "insert" else { return "empty file" }
        switch kind {
        case "flip", "set":
            return changeBytes(&b, kind)
        case "truncate":
            let n = rng.below(b.count)
            b.removeSubrange(n...)
            return "truncate to \(n)"
        case "truncate-tail":
            let n = max(0, b.count - 1 - rng.below(min(b.count, 400)))
            b.removeSubrange(n...)
            return "truncate to \(n)"
        case "insert":
            return insert(&b)
        case "delete":
            let at = rng.below(b.count)
            let n = min(b.count - at, 1 + rng.below(64))
            b.removeSubrange(at..<(at + n))
            return "delete \(n) bytes at \(at)"
        case "dup-line", "drop-line", "swap-lines":
            return moveLines(&b, kind)
        case "garbage":
            b = (0..<rng.below(4096)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            return "garbage \(b.count) bytes"
        case "empty":
            b = []
            return "empty"
        default:
            return reseal(&b, kind)
        }
    }

    /// `flip` flips one bit, `set` sets a random byte, at one to four places.
    private mutating func changeBytes(_ b: inout [UInt8], _ kind: String) -> String {
        let n = 1 + rng.below(4)
        var at: [Int] = []
        var newlineChanged = false
        for _ in 0..<n {
            let i = rng.below(b.count)
            let old = b[i]
            var new = kind == "flip" ? old ^ UInt8(1 << rng.below(8)) : UInt8(truncatingIfNeeded: rng.next())
            if new == old { new = old ^ 0x20 }
            if checksummed && old != 0x0A && new != 0x0A && isInsideCompleteLine(b, i) { strict = true }
            if old == 0x0A || new == 0x0A { newlineChanged = true }
            b[i] = new
            at.append(i)
        }
        // A newline lost at the end of a journal turns its last record into a crash's remains.
        if newlineChanged && isJournal { strict = false }
        return "\(kind) at \(at)"
    }

    /// Inserts a piece a parser must survive: a newline, an open brace or quote, a NUL, deep nesting,
    /// a terminal escape, or random bytes.
    private mutating func insert(_ b: inout [UInt8]) -> String {
        let at = b.isEmpty ? 0 : rng.below(b.count + 1)
        let pieces: [[UInt8]] = [
            Array("\n".utf8), Array("{".utf8), Array("\"".utf8), [0], Array("\\u0000".utf8),
            Array(repeating: UInt8(ascii: "["), count: 200), Array("\u{1B}]52;c;aGk=\u{07}".utf8),
            (0..<(1 + rng.below(64))).map { _ in UInt8(truncatingIfNeeded: rng.next()) },
        ]
        let piece = pieces[rng.below(pieces.count)]
        b.insert(contentsOf: piece, at: at)
        return "insert \(piece.count) bytes at \(at)"
    }

    /// Duplicates, drops or swaps whole lines.
    private mutating func moveLines(_ b: inout [UInt8], _ kind: String) -> String {
        var lines = split(b)
        guard lines.count >= 2 else { return "too few lines" }
        let i = rng.below(lines.count)
        let j = rng.below(lines.count)
        switch kind {
        case "dup-line": lines.insert(lines[i], at: j)
        case "drop-line": lines.remove(at: i)
        default: lines.swapAt(i, j)
        }
        b = join(lines)
        return "\(kind) \(i) \(j)"
    }

    /// Why a reseal left its line as it was.
    private struct Unchanged: Error {
        let why: String
        init(_ why: String) { self.why = why }
    }

    /// Changes one record's content, then (in checksummed files) seals it again with a valid CRC.
    private mutating func reseal(_ b: inout [UInt8], _ kind: String) -> String {
        var lines = split(b)
        guard !lines.isEmpty else { return "no lines" }
        let i = rng.below(lines.count)
        var body = lines[i]
        let marker = Array(",\"crc\":\"".utf8)
        var sealed = false
        if checksummed, body.count > 18, Array(body[(body.count - 18)..<(body.count - 10)]) == marker {
            body.removeLast(18)
            sealed = true
        }
        var text = String(decoding: body, as: UTF8.self)
        let what: String
        do throws(Unchanged) {
            switch kind {
            case "reseal-number": what = try resealNumber(&text, line: i)
            case "reseal-string": what = try resealString(&text, line: i)
            case "reseal-cut": what = try resealCut(&text, line: i)
            case "reseal-deep": what = try resealDeep(&text, line: i)
            case "reseal-op": what = try resealOp(&text, line: i)
            default: what = try resealDuplicateKey(&text, line: i)
            }
        } catch {
            return error.why
        }
        var out = Array(text.utf8)
        if sealed { out += marker + Array(CRC32.hex(CRC32.checksum(out)).utf8) + Array("\"}".utf8) }
        lines[i] = out
        b = join(lines)
        return what
    }

    /// A number replaced by one a parser may overflow on or not expect.
    private mutating func resealNumber(_ text: inout String, line i: Int) throws(Unchanged) -> String {
        let extremes = [
            "-1", "0", "2147483648", "9007199254740993", "9223372036854775807", "-9223372036854775808",
            "99999999999999999999", "1e3", "-0", "3.5",
        ]
        let numbers = ranges(of: "0123456789", in: text)
        guard let r = pick(numbers) else { throw Unchanged("reseal: no number in line \(i)") }
        let v = extremes[rng.below(extremes.count)]
        text.replaceSubrange(r, with: v)
        return "reseal-number line \(i) → \(v)"
    }

    /// A string replaced by a huge, empty, escaped, path-like or confusable one.
    private mutating func resealString(_ text: inout String, line i: Int) throws(Unchanged) -> String {
        let hostile = [
            String(repeating: "x", count: 100_000), "", "L-99999", "\\u0000", "\\u001b[2J", "\\ud800",
            "../../etc/passwd",
            "\\\"", "ana\\u202e", "mia", "snapshot", String(repeating: "\\u00e9", count: 5000),
        ]
        let strings = stringBodies(in: text)
        guard let r = pick(strings) else { throw Unchanged("reseal: no string in line \(i)") }
        let v = hostile[rng.below(hostile.count)]
        text.replaceSubrange(r, with: v)
        return "reseal-string line \(i) → \(v.prefix(20))"
    }

    /// A run of fields cut out, leaving required keys missing.
    private mutating func resealCut(_ text: inout String, line i: Int) throws(Unchanged) -> String {
        let commas = text.indices.filter { text[$0] == "," }
        guard commas.count >= 2 else { throw Unchanged("reseal: no field to cut in line \(i)") }
        let a = rng.below(commas.count - 1)
        let c = a + 1 + rng.below(commas.count - a - 1)
        text.removeSubrange(commas[a]..<commas[c])
        return "reseal-cut line \(i) fields \(a)..<\(c)"
    }

    /// Deeply nested arrays put before a value.
    private mutating func resealDeep(_ text: inout String, line i: Int) throws(Unchanged) -> String {
        let depth = [10, 63, 64, 65, 500, 5000][rng.below(6)]
        let colon = text.indices.filter { text[$0] == ":" }
        guard let at = pick(colon.map { $0..<$0 }) else { throw Unchanged("reseal: no value in line \(i)") }
        text.insert(
            contentsOf: String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + ",\"x\":",
            at: text.index(after: at.lowerBound))
        return "reseal-deep line \(i) depth \(depth)"
    }

    /// A journal record's operation replaced by another (or an unknown one).
    private mutating func resealOp(_ text: inout String, line i: Int) throws(Unchanged) -> String {
        let ops = [
            "created", "updated", "assign", "accept", "reject", "contact", "followup", "followup-done",
            "followup-drop",
            "qualify", "clawback", "release", "undo", "explode", "",
        ]
        guard let r = text.range(of: "\"op\":\"") else { throw Unchanged("reseal: no op in line \(i)") }
        guard let end = text[r.upperBound...].firstIndex(of: "\"") else { throw Unchanged("reseal: bad op") }
        let v = ops[rng.below(ops.count)]
        text.replaceSubrange(r.upperBound..<end, with: v)
        return "reseal-op line \(i) → \(v)"
    }

    /// A key (seq, id or schema) written twice.
    private func resealDuplicateKey(_ text: inout String, line i: Int) throws(Unchanged) -> String {
        guard let r = text.range(of: "\"seq\":") ?? text.range(of: "\"id\":") ?? text.range(of: "\"schema\":")
        else { throw Unchanged("reseal: no key in line \(i)") }
        let key = text[r]
        let valueEnd = text[r.upperBound...].firstIndex { $0 == "," || $0 == "}" } ?? text.endIndex
        let pair = String(text[r.lowerBound..<valueEnd])
        text.insert(contentsOf: pair + ",", at: r.lowerBound)
        return "reseal-dupkey line \(i) \(key)"
    }

    private mutating func pick<T>(_ xs: [T]) -> T? { xs.isEmpty ? nil : xs[rng.below(xs.count)] }

    /// Ranges of maximal runs of `chars` in `s`.
    private func ranges(of chars: String, in s: String) -> [Range<String.Index>] {
        var out: [Range<String.Index>] = []
        var i = s.startIndex
        while i < s.endIndex {
            if chars.contains(s[i]) {
                var j = i
                while j < s.endIndex, chars.contains(s[j]) { j = s.index(after: j) }
                out.append(i..<j)
                i = j
            } else {
                i = s.index(after: i)
            }
        }
        return out
    }

    /// The insides of string literals (between quotes, escapes skipped).
    private func stringBodies(in s: String) -> [Range<String.Index>] {
        var out: [Range<String.Index>] = []
        var i = s.startIndex
        while let open = s[i...].firstIndex(of: "\"") {
            var j = s.index(after: open)
            while j < s.endIndex, s[j] != "\"" {
                j = s[j] == "\\" ? s.index(j, offsetBy: 2, limitedBy: s.endIndex) ?? s.endIndex : s.index(after: j)
            }
            guard j < s.endIndex else { break }
            out.append(s.index(after: open)..<j)
            i = s.index(after: j)
        }
        return out
    }

    private func isInsideCompleteLine(_ b: [UInt8], _ i: Int) -> Bool {
        b[i...].contains(0x0A)
    }

    private func split(_ b: [UInt8]) -> [[UInt8]] {
        var lines = b.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    private func join(_ lines: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        for l in lines {
            out += l
            out.append(0x0A)
        }
        return out
    }
}
