import LeadqText
import Testing

/// The filter's search of a column of texts end to end finds what a search of each text finds.
@Suite struct ByteSearchTests {
    static func column(_ texts: [[UInt8]]) -> (text: [UInt8], ends: [UInt32]) {
        var text: [UInt8] = []
        var ends: [UInt32] = []
        for t in texts {
            text += t
            ends.append(UInt32(text.count))
            text.append(0)
        }
        return (text, ends)
    }

    static func naive(_ h: [UInt8], _ n: [UInt8]) -> Bool {
        guard n.count <= h.count else { return n.isEmpty }
        return (0...(h.count - n.count)).contains { Array(h[$0..<$0 + n.count]) == n }
    }

    @Test(arguments: [100, ByteSearch.splitAbove + 777])
    func everyTextHoldingANeedleAndNoOther(_ count: Int) {
        var state: UInt64 = 99
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        // Few letters, so needles match often, also where one text ends and the next begins.
        let texts = (0..<count).map { _ in (0..<next(12)).map { _ in UInt8(ascii: "a") + UInt8(next(4)) } }
        let (text, ends) = Self.column(texts)
        for needles in [["ab"], ["dd", "cab"], ["a"], ["abcdabcd"], ["ba", "x"]].map({ $0.map { Array($0.utf8) } }) {
            let bits = ByteSearch.rowsHolding(needles, text: text, ends: ends)
            var wrong = 0
            for (i, t) in texts.enumerated() {
                let want = needles.contains { Self.naive(t, $0) }
                if want != (bits[i >> 6] & (1 << UInt64(i & 63)) != 0) { wrong += 1 }
            }
            #expect(wrong == 0, "\(needles)")
        }
    }

    @Test func aNeedleNeverRunsFromOneTextIntoTheNext() {
        let (text, ends) = Self.column([Array("xxa".utf8), Array("bxx".utf8), Array("ab".utf8)])
        let bits = ByteSearch.rowsHolding([Array("ab".utf8)], text: text, ends: ends)
        #expect(bits == [0b100])
        #expect(ByteSearch.rowsHolding([[0x61, 0]], text: text, ends: ends) == [0])
    }

    @Test func containsFindsAnyPlaceAndNothingPastTheEnd() {
        let h = Array("hello world".utf8)
        h.withUnsafeBufferPointer { hb in
            for (n, want) in [
                ("hello", true), ("world", true), ("o w", true), ("worlds", false), ("", true), ("z", false),
            ] {
                let ok = Array(n.utf8).withUnsafeBufferPointer { ByteSearch.contains(hb, $0) }
                #expect(ok == want, "\(n)")
            }
            let shorter = UnsafeBufferPointer(rebasing: hb[0..<10])
            #expect(!Array("world".utf8).withUnsafeBufferPointer { ByteSearch.contains(shorter, $0) })
        }
    }
}
