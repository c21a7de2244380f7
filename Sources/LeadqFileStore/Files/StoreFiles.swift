import LeadqStore

/// Names of the files in a store directory.
///
///     settings.json                 the team's settings (human-edited)
///     lock                          flock(2) target serialising writers
///     snapshot-000000001234.jsonl   every lead as of event 1234, one per line
///     journal-000000001235.jsonl    events 1235… appended one per line, fsync'd
///     quarantine/                   copies of damaged files, kept for inspection
enum StoreFiles {
    static let settings = "settings.json"
    static let lock = "lock"
    static let compactLock = "compact.lock"
    static let quarantine = "quarantine"
    /// Journals' schema.
    static let schema = 1
    /// Snapshots' schema: 2 keeps the queue index in lines of its own before a short trailer; 1
    /// (read as before) held it in the trailer, read whole on every open.
    static let snapshotSchema = 3

    static func seqName(_ prefix: String, _ seq: Int64) -> String {
        let s = String(seq)
        return prefix + "-" + String(repeating: "0", count: max(0, 12 - s.count)) + s + ".jsonl"
    }

    static func snapshot(_ seq: Int64) -> String { seqName("snapshot", seq) }
    static func journal(_ first: Int64) -> String { seqName("journal", first) }

    /// The sequence number in a file name like `journal-000000001235.jsonl`.
    static func parse(_ name: String, prefix: String) -> Int64? {
        guard name.hasPrefix(prefix + "-"), name.hasSuffix(".jsonl") else { return nil }
        let digits = name.dropFirst(prefix.count + 1).dropLast(6)
        guard digits.count == 12, digits.allSatisfy(\.isASCII) else { return nil }
        return Int64(digits)
    }

    static func join(_ dir: String, _ name: String) -> String {
        dir.hasSuffix("/") ? dir + name : dir + "/" + name
    }
}
