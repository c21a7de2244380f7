import LeadqDemo
import LeadqDomain
import LeadqFileStore
import LeadqStore

#if canImport(Glibc)
import LeadqCodec
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `fuzz-store`: damages one file of a copy of a good store per case and reads everything a user
/// can reach, then tries one write. Run in a child so that a crash or a hang is caught by the test
/// and pinned to its case instead of taking the test runner down.
///
///     fuzz-store --base DIR --work DIR --seed N --from I --count N
///
/// Prints per case `case I <file> <mutation> [strict]`, then `ok I …`, `err I <message>` (a
/// `StoreError`, one line) or `odd I <type> <message>` (anything else, a failure). `strict` marks a
/// mutation of bytes inside a checksummed record that the store must notice.
struct StoreFuzz {
    let base: String
    let work: String
    let seed: UInt64
    let from: Int
    let count: Int
    let now: Instant
    let extremes: [Int]

    init(_ a: Arguments) throws {
        let listed = a.list("extremes").compactMap { Int($0) }.filter { StoreFuzz.extremes.indices.contains($0) }
        extremes = listed.isEmpty ? Array(StoreFuzz.extremes.indices) : listed
        base = try a.string("base")
        work = try a.string("work")
        seed = a.seed()
        from = a.int("from", default: 0)
        count = a.int("count", default: 1)
        now = a.now()
    }

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
            try reset(files)
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

    func run() throws {
        let files = try StoreFilesView(base).names().filter { $0 == "settings.json" || $0.hasSuffix(".jsonl") }
        for i in from..<(from + count) {
            var rng = SplitMix(seed: seed ^ (UInt64(i) &* 0x9E37_79B9_7F4A_7C15))
            try reset(files)
            let target: String
            let roll = rng.below(100)
            if roll < 40 {
                target = files.first { $0.hasPrefix("journal-") }!
            } else if roll < 75 {
                target = files.first { $0.hasPrefix("snapshot-") }!
            } else {
                target = "settings.json"
            }
            let path = work + "/" + target
            var bytes = try readFile(path)
            var m = Mutator(rng: rng, checksummed: target != "settings.json", isJournal: target.hasPrefix("journal-"))
            let what = m.mutate(&bytes)
            try writeFile(path, bytes)
            Out.line("case \(i) \(target) \(what)\(m.strict ? " strict" : "")")
            Out.line(readEverything(i))
        }
        Out.line("done")
    }

    func resetFiles(_ files: [String]) throws { try reset(files) }

    private func reset(_ files: [String]) throws {
        _ = system("rm -rf '\(work)' && mkdir -p '\(work)'")
        for f in files { try writeFile(work + "/" + f, try readFile(base + "/" + f)) }
    }

    /// Everything the CLI and console read, then one action and a reopen.
    func readEverything(_ i: Int) -> String {
        do {
            let s = try FileStore.open(work)
            let warned = s.warnings.count
            _ = try s.verify()
            var ids: [String] = []
            try s.forEachLead { l in
                ids.append(l.id)
                _ = SLA.status(l, now: now, settings: s.settings)
            }
            for rep in s.settings.reps {
                _ = Queue.rows(
                    for: rep.id, from: try s.leads(ownedBy: rep.id), order: .scoreAge, now: now, settings: s.settings)
                _ = s.recentActions(of: rep.id)
            }
            _ = try s.unassigned()
            _ = try s.openCounts()
            for id in ids.prefix(5) + ["L-99999", "", "L-0"] { _ = try s.lead(id) }
            _ = try s.refresh()
            var wrote = "no write"
            if let l = try s.activeLeads().first, let owner = l.owner {
                do {
                    // An unanswered call schedules the next try by the cadence: clock arithmetic on settings.
                    try s.perform(
                        .contact(channel: .call, outcome: .voicemail, direction: .inbound, note: "fuzz"), on: l.id,
                        as: owner, at: now)
                    wrote = "wrote"
                } catch let r as Refusal {
                    wrote = "refused: \(r.message)"
                }
                let again = try FileStore.open(work)
                _ = try again.verify()
                if wrote == "wrote", try again.lead(l.id)?.work.contacts.last?.contact.note != "fuzz" {
                    return "odd \(i) the write is missing after reopening"
                }
            }
            // verify accepted the store: a compaction must too, and leave a store verify accepts.
            do { _ = try FileStore.compact(work) } catch {
                return "odd \(i) verify accepted what compaction refused: " + oneLine("\(error)")
            }
            _ = try FileStore.open(work).verify()
            return "ok \(i) warnings=\(warned) leads=\(ids.count) \(wrote)"
        } catch let e as StoreError {
            return "err \(i) " + oneLine(e.description)
        } catch {
            return "odd \(i) \(type(of: error)) " + oneLine("\(error)")
        }
    }

    private func oneLine(_ s: String) -> String {
        String(s.unicodeScalars.map { $0.value < 0x20 ? "?" : Character($0) }.prefix(2000))
    }
}

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
        case "truncate":
            let n = rng.below(b.count)
            b.removeSubrange(n...)
            return "truncate to \(n)"
        case "truncate-tail":
            let n = max(0, b.count - 1 - rng.below(min(b.count, 400)))
            b.removeSubrange(n...)
            return "truncate to \(n)"
        case "insert":
            let at = b.isEmpty ? 0 : rng.below(b.count + 1)
            let pieces: [[UInt8]] = [
                Array("\n".utf8), Array("{".utf8), Array("\"".utf8), [0], Array("\\u0000".utf8),
                Array(repeating: UInt8(ascii: "["), count: 200), Array("\u{1B}]52;c;aGk=\u{07}".utf8),
                (0..<(1 + rng.below(64))).map { _ in UInt8(truncatingIfNeeded: rng.next()) },
            ]
            let piece = pieces[rng.below(pieces.count)]
            b.insert(contentsOf: piece, at: at)
            return "insert \(piece.count) bytes at \(at)"
        case "delete":
            let at = rng.below(b.count)
            let n = min(b.count - at, 1 + rng.below(64))
            b.removeSubrange(at..<(at + n))
            return "delete \(n) bytes at \(at)"
        case "dup-line", "drop-line", "swap-lines":
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
        switch kind {
        case "reseal-number":
            let extremes = [
                "-1", "0", "2147483648", "9007199254740993", "9223372036854775807", "-9223372036854775808",
                "99999999999999999999", "1e3", "-0", "3.5",
            ]
            let numbers = ranges(of: "0123456789", in: text)
            guard let r = pick(numbers) else { return "reseal: no number in line \(i)" }
            let v = extremes[rng.below(extremes.count)]
            text.replaceSubrange(r, with: v)
            what = "reseal-number line \(i) → \(v)"
        case "reseal-string":
            let hostile = [
                String(repeating: "x", count: 100_000), "", "L-99999", "\\u0000", "\\u001b[2J", "\\ud800",
                "../../etc/passwd",
                "\\\"", "ana\\u202e", "mia", "snapshot", String(repeating: "\\u00e9", count: 5000),
            ]
            let strings = stringBodies(in: text)
            guard let r = pick(strings) else { return "reseal: no string in line \(i)" }
            let v = hostile[rng.below(hostile.count)]
            text.replaceSubrange(r, with: v)
            what = "reseal-string line \(i) → \(v.prefix(20))"
        case "reseal-cut":
            let commas = text.indices.filter { text[$0] == "," }
            guard commas.count >= 2 else { return "reseal: no field to cut in line \(i)" }
            let a = rng.below(commas.count - 1)
            let c = a + 1 + rng.below(commas.count - a - 1)
            text.removeSubrange(commas[a]..<commas[c])
            what = "reseal-cut line \(i) fields \(a)..<\(c)"
        case "reseal-deep":
            let depth = [10, 63, 64, 65, 500, 5000][rng.below(6)]
            let colon = text.indices.filter { text[$0] == ":" }
            guard let at = pick(colon.map { $0..<$0 }) else { return "reseal: no value in line \(i)" }
            text.insert(
                contentsOf: String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + ",\"x\":",
                at: text.index(after: at.lowerBound))
            what = "reseal-deep line \(i) depth \(depth)"
        case "reseal-op":
            let ops = [
                "created", "updated", "assign", "accept", "reject", "contact", "followup", "followup-done",
                "followup-drop",
                "qualify", "clawback", "release", "undo", "explode", "",
            ]
            guard let r = text.range(of: "\"op\":\"") else { return "reseal: no op in line \(i)" }
            guard let end = text[r.upperBound...].firstIndex(of: "\"") else { return "reseal: bad op" }
            let v = ops[rng.below(ops.count)]
            text.replaceSubrange(r.upperBound..<end, with: v)
            what = "reseal-op line \(i) → \(v)"
        default:
            guard let r = text.range(of: "\"seq\":") ?? text.range(of: "\"id\":") ?? text.range(of: "\"schema\":")
            else { return "reseal: no key in line \(i)" }
            let key = text[r]
            let valueEnd = text[r.upperBound...].firstIndex { $0 == "," || $0 == "}" } ?? text.endIndex
            let pair = String(text[r.lowerBound..<valueEnd])
            text.insert(contentsOf: pair + ",", at: r.lowerBound)
            what = "reseal-dupkey line \(i) \(key)"
        }
        var out = Array(text.utf8)
        if sealed { out += marker + Array(CRC32.hex(CRC32.checksum(out)).utf8) + Array("\"}".utf8) }
        lines[i] = out
        b = join(lines)
        return what
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

func readFile(_ path: String) throws -> [UInt8] {
    guard let f = fopen(path, "rb") else { throw ChildError("can't read \(path)") }
    defer { fclose(f) }
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buf, 1, buf.count, f)
        if n <= 0 { break }
        out += buf[0..<n]
    }
    return out
}

func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    guard let f = fopen(path, "wb") else { throw ChildError("can't write \(path)") }
    defer { fclose(f) }
    if !bytes.isEmpty, fwrite(bytes, 1, bytes.count, f) != bytes.count { throw ChildError("short write to \(path)") }
}
