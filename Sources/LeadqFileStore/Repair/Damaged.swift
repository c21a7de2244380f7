import LeadqDomain
import LeadqStore

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
