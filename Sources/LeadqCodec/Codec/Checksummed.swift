/// Store records end with `,"crc":"hhhhhhhh"}`: a CRC-32 of every byte before that suffix.
/// The fixed-length suffix makes checking a line cheap and keeps each line valid JSON.
public enum Checksummed {
    public static let suffixLength = 18  // ,"crc":"  + 8 hex + "}
    public static let marker = Array(",\"crc\":\"".utf8)

    /// Closes the object written from `start` in `w` (without its final brace) with its checksum;
    /// bytes before `start` (earlier lines of one journal write) are not part of it. The writer is
    /// left ready for the next object.
    public static func seal(_ w: inout JSONWriter, from start: Int = 0) {
        let crc = w.bytes.withUnsafeBytes { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[start...])) }
        w.bytes.append(contentsOf: marker)
        w.bytes.append(contentsOf: CRC32.hex(crc).utf8)
        w.bytes.append(contentsOf: "\"}".utf8)
        w.closedBySeal()
    }

    public enum Check: Equatable { case ok, missing, mismatch }

    /// Checks the line `buf[start..<end]` (no newline).
    public static func check(_ buf: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Check {
        let n = end - start
        guard n > suffixLength else { return .missing }
        let s = end - suffixLength
        for i in 0..<marker.count where buf[s + i] != marker[i] { return .missing }
        guard buf[end - 2] == UInt8(ascii: "\""), buf[end - 1] == UInt8(ascii: "}") else { return .missing }
        var want: UInt32 = 0
        for i in 0..<8 {
            let c = buf[s + 8 + i]
            let d: UInt32
            switch c {
            case 48...57: d = UInt32(c - 48)
            case 97...102: d = UInt32(c - 87)
            default: return .mismatch
            }
            want = want << 4 | d
        }
        let got = CRC32.checksum(UnsafeRawBufferPointer(rebasing: buf[start..<s]))
        return got == want ? .ok : .mismatch
    }
}
