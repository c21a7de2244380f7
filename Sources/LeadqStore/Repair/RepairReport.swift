import LeadqCodec
import LeadqDomain

/// What `leadq repair` set aside and what it did in its place.
public struct RepairReport: Equatable, Sendable {
    /// One record that could not be read, where it was, and where its bytes are now.
    public struct Item: Equatable, Sendable {
        public var file: String
        public var line: Int
        public var reason: String
        /// The lead it belonged to, when that can still be told.
        public var lead: String?
        /// Where the bytes were copied, relative to the store (`quarantine/…`).
        public var copy: String
        /// What became of it: "L-00042 is gone from the store", "replaced by a note in L-00017's history".
        public var outcome: String
    }

    public var items: [Item] = []
    /// Sequence numbers no file holds, each range filled with notes so the journals run on.
    public var missing: [ClosedRange<Int64>] = []
    /// Files rewritten; their originals are kept in quarantine/.
    public var rewritten: [String] = []
    public var dryRun = false

    public var isEmpty: Bool { items.isEmpty && missing.isEmpty && rewritten.isEmpty }
}

/// A set-aside record as the repair found it, before its outcome is known.
struct Damaged {
    var file: String
    var line: Int
    var reason: String
    var lead: String?
    var bytes: [UInt8]
}

/// The lead id in a record's bytes, when it begins as leadq writes it or names its lead: what a
/// damaged record can still tell.
func leadIDMentioned(in bytes: [UInt8]) -> String? {
    for key in ["{\"id\":\"", "\"lead\":\""] {
        let k = Array(key.utf8)
        guard bytes.count > k.count, let start = firstIndex(of: k, in: bytes) else { continue }
        let from = start + k.count
        guard let close = bytes[from...].firstIndex(of: UInt8(ascii: "\"")), close - from <= 24 else { continue }
        let id = String(decoding: bytes[from..<close], as: UTF8.self)
        if LeadID.number(id) != nil { return id }
    }
    return nil
}

private func firstIndex(of needle: [UInt8], in hay: [UInt8]) -> Int? {
    guard hay.count >= needle.count else { return nil }
    for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle {
        return i
    }
    return nil
}
