import Foundation
import LeadqDemo
import LeadqDomain
import LeadqTestSupport
import Testing

@testable import LeadqFileStore

/// Reading a snapshot's lines a run at a time goes through one buffer, read into after the last
/// chunk's unfinished line and made bigger for a line that doesn't fit: whatever the buffer's
/// size and the runs, every line comes once, whole, at its offset.
@Suite struct SnapshotLinesTests {
    @Test func everyLineComesWholeWhateverTheBufferAndTheRuns() throws {
        var rng = SplitMix(seed: 5)
        // Names of very different lengths: some lines are many times the smallest buffers.
        let leads = DemoStore(leads: 120, seed: 13, now: Fixture.t0).generate().leads.map { lead -> Lead in
            var p = lead.profile
            p.name += String(repeating: "x", count: Int.random(in: 0..<3_000, using: &rng))
            return Lead(id: lead.id, profile: p, history: lead.history)
        }
        let fx = StoreFixture()
        _ = try FileStore.create(at: fx.path, settings: Fixture.settings, leads: leads)
        let snap = try #require(try fx.open().snapshot)

        // The lines as the file holds them, split by hand.
        let file = try fx.bytes(fx.path + "/" + snap.name)
        var want: [(Int, [UInt8])] = []
        var start = snap.leadsStart
        for i in snap.leadsStart..<snap.leadsEnd where file[i] == 0x0A {
            want.append((start, Array(file[start..<i])))
            start = i + 1
        }
        #expect(want.count == leads.count)

        for chunk in [1, 2, 7, 64, 500, 1_400, 4_096, 1 << 20] {
            for n in [1, 3, 8] {
                var got: [(Int, [UInt8])] = []
                for run in try snap.lineRuns(n) {
                    try snap.forEachLine(in: run, chunk: chunk) { at, line in got.append((at, Array(line))) }
                }
                #expect(got.map(\.0) == want.map(\.0), "buffer \(chunk), \(n) runs")
                #expect(got.map(\.1) == want.map(\.1), "buffer \(chunk), \(n) runs")
            }
        }
    }
}
