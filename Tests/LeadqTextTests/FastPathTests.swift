import Testing

@testable import LeadqText

/// The printable-ASCII shortcuts of `Width.of` and `Inert.line` against the cluster-by-cluster
/// paths they skip, on ASCII text with and without the bytes that must not take the shortcut.
@Suite("ASCII fast paths")
struct FastPathTests {
    static let samples: [String] = {
        var rng = SystemRandomNumberGenerator()
        let alphabet: [String] = [
            "a", "Z", " ", "~", "-", "0", "\t", "\r", "\n", "\r\n", "\u{1B}", "\u{7F}", "\u{00}", "é", "王", "\u{301}",
            "👍🏽", "\u{202E}",
        ]
        var out = [
            "", " ", "Acme Corp", "VP of Sales", "~!@#$%^&*()_+`-=[]{}|;':\",./<>?",
            String(repeating: "x", count: 5000),
        ]
        for _ in 0..<500 {
            let n = Int.random(in: 0...30, using: &rng)
            out.append(
                (0..<n).map { _ in Bool.random(using: &rng) ? "k" : alphabet.randomElement(using: &rng)! }.joined())
        }
        return out
    }()

    @Test func widthOfAStringIsTheSumOverItsClusters() {
        for s in FastPathTests.samples {
            let slow = s.reduce(0) { $0 + Width.of($1) }
            #expect(Width.of(s) == slow, "\(s.debugDescription)")
            #expect(Width.of(s[...]) == slow, "\(s.debugDescription)")
        }
    }

    @Test func printableASCIIIsExactlyTheBytesFrom20To7E() {
        #expect(Width.isPrintableASCII("Acme, Inc. ~ (HQ)"))
        #expect(Width.isPrintableASCII(""))
        for bad in ["a\tb", "a\u{7F}", "\u{1F}", "é", "a\nb"] {
            #expect(!Width.isPrintableASCII(bad), "\(bad.debugDescription)")
        }
    }

    @Test func anInertLineOfPrintableASCIIIsTheTextItself() {
        for s in FastPathTests.samples {
            let line = Inert.line(s)
            if Width.isPrintableASCII(s) && s.utf8.count <= Inert.lineLimit { #expect(line == s) }
            #expect(
                line.unicodeScalars.allSatisfy {
                    $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) && $0.value != 0x202E
                })
        }
        // Over the limit it is cut as before, even when it is plain ASCII.
        let long = String(repeating: "y", count: 20)
        #expect(Inert.line(long, limit: 5) != long)
        #expect(Inert.line(long, limit: 5) == "yyyy…")
    }
}
