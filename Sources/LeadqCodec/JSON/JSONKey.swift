extension JSONReader {
    /// Passes a string by, checked as `string()` checks it, without making a `String` of it.
    mutating func skipString() throws {
        let s = try openString()
        if !s.ended { _ = try escapedBytes(from: s.start) }
    }

    /// An object member's name: its bytes where they are, or unescaped when it has an escape.
    @inline(__always) public mutating func key() throws -> JSONKey {
        let s = try openString()
        guard s.ended else { return JSONKey(unescaped: try escapedBytes(from: s.start)) }
        return JSONKey(UnsafeBufferPointer(start: base + s.start, count: pos - 1 - s.start))
    }
}

/// An object member's name as `JSONReader.members` hands it over: valid until the reader moves on.
/// `switch key { case "id": … }` compares bytes with the literal, most cases by length alone.
public struct JSONKey {
    private let start: UnsafePointer<UInt8>?
    /// -1 for a key with an escape, which only `unescaped` holds.
    private let count: Int
    private let unescaped: [UInt8]?

    init(_ bytes: UnsafeBufferPointer<UInt8>) { (start, count, unescaped) = (bytes.baseAddress, bytes.count, nil) }

    init(unescaped: [UInt8]) { (start, count, self.unescaped) = (nil, -1, unescaped) }

    /// The name's length in bytes; -1 for a name written with an escape.
    @inline(__always) public var length: Int { count }

    /// The name as a `String`, as `JSONReader.string()` would read it.
    public var string: String {
        if let unescaped { return String(decoding: unescaped, as: UTF8.self) }
        return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }

    // Inlined: a lead's keys each meet a switch of twenty names, and a call apiece cost more than
    // the comparing.
    @inline(__always) public func equals(_ name: StaticString) -> Bool {
        let n = name.utf8CodeUnitCount
        if count == n, let start {
            let p = name.utf8Start
            for i in 0..<n where start[i] != p[i] { return false }
            return true
        }
        return count < 0 && escapedEquals(name)
    }

    private func escapedEquals(_ name: StaticString) -> Bool {
        guard let unescaped, unescaped.count == name.utf8CodeUnitCount else { return false }
        let p = name.utf8Start
        for i in 0..<unescaped.count where unescaped[i] != p[i] { return false }
        return true
    }

    @inline(__always) public static func ~= (name: StaticString, key: JSONKey) -> Bool { key.equals(name) }
}

extension JSONKey {
    /// Whether the name is these bytes.
    func equals(_ bytes: [UInt8]) -> Bool {
        if count == bytes.count, let start {
            return bytes.withUnsafeBufferPointer { b in (0..<count).allSatisfy { start[$0] == b[$0] } }
        }
        return count < 0 && unescaped == bytes
    }
}
