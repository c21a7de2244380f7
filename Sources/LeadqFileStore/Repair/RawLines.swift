import LeadqStore

/// Every line of a file, read in large chunks, however damaged: complete lines and, at the end,
/// a last line without its newline (`complete` false).
func forEachRawLine(
    _ path: String, fs: FileSystem,
    _ body: (_ number: Int, _ line: [UInt8], _ complete: Bool) throws -> Void
) throws {
    let fd = try fs.open(path, .read)
    defer { fs.close(fd) }
    let size = try fs.size(fd, path: path)
    var at: Int64 = 0
    var carry: [UInt8] = []
    var number = 0
    var chunk = [UInt8](repeating: 0, count: 4 << 20)
    while at < size {
        let n = try chunk.withUnsafeMutableBytes { try fs.read(fd, into: $0, at: at, path: path) }
        if n == 0 { break }
        at += Int64(n)
        var start = 0
        for i in 0..<n where chunk[i] == 0x0A {
            number += 1
            if carry.isEmpty {
                try body(number, Array(chunk[start..<i]), true)
            } else {
                carry.append(contentsOf: chunk[start..<i])
                try body(number, carry, true)
                carry.removeAll(keepingCapacity: true)
            }
            start = i + 1
        }
        carry.append(contentsOf: chunk[start..<n])
    }
    if !carry.isEmpty { try body(number + 1, carry, false) }
}
