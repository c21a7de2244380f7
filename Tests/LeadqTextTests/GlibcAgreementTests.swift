#if canImport(Glibc)
import Glibc
import Testing
@testable import LeadqText

/// The tables were generated from this machine's glibc; this walks every scalar and checks
/// that the lookup still says what glibc says, so a bad regeneration or search bug shows up.
@Suite("glibc agreement")
struct GlibcAgreementTests {
    @Test("Width.glibc equals wcwidth() under C.UTF-8 for every scalar")
    func everyScalar() throws {
        // The locale is process-wide; nothing in LeadqText depends on it.
        try #require(setlocale(LC_ALL, "C.UTF-8") != nil)
        // Glibc's module map hides wcwidth (it wants _XOPEN_SOURCE), so look the symbol up.
        typealias WCWidth = @convention(c) (Int32) -> Int32
        let symbol = try #require(dlsym(UnsafeMutableRawPointer(bitPattern: 0), "wcwidth"))  // RTLD_DEFAULT
        let wcwidth = unsafeBitCast(symbol, to: WCWidth.self)
        var mismatches: [String] = []
        for v in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }  // surrogates
            let expected = Int(wcwidth(Int32(bitPattern: v)))
            let got = Width.glibc(scalar) ?? -1
            if got != expected && mismatches.count < 10 {
                mismatches.append("U+\(String(v, radix: 16)): table \(got), glibc \(expected)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }
}
#endif
