import LeadqCodec
import LeadqDemo
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

@testable import LeadqFileStore

/// The paths a big batch (an import) takes: digit-by-digit numbers and times, lines encoded in parts
/// on every core, staged leads changed in place. Each must write exactly what the plain path writes.
@Suite struct BulkWriteTests {
    @Test func instantsAreWrittenAsTheirISO8601Text() {
        var rng = SplitMix(seed: 11)
        var instants: [Instant] = [
            Instant(seconds: 0), Fixture.t0, Instant(seconds: -1), Instant(seconds: 253_402_300_799),
            Instant(seconds: 253_402_300_800), Instant(seconds: -62_135_596_800), Instant(seconds: -62_135_596_801),
        ]
        for _ in 0..<2_000 { instants.append(Instant(seconds: Int64(rng.next() % 400_000_000_000) - 100_000_000_000)) }
        for t in instants {
            var w = JSONWriter()
            w.instant(t)
            #expect(String(decoding: w.bytes, as: UTF8.self) == "\"\(t.iso8601)\"", "\(t.seconds)")
        }
    }

    @Test func integersAreWrittenAsTheirDecimalText() {
        var rng = SplitMix(seed: 5)
        var values: [Int64] = [0, 1, -1, 9, 10, -10, 99, 100, Int64.max, Int64.min, Int64.min + 1]
        for _ in 0..<2_000 { values.append(Int64(bitPattern: rng.next()) >> Int64(rng.next() % 63)) }
        for v in values {
            var w = JSONWriter()
            w.int(v)
            #expect(String(decoding: w.bytes, as: UTF8.self) == String(v))
        }
        var w = JSONWriter()
        w.int(UInt64.max)
        #expect(String(decoding: w.bytes, as: UTF8.self) == String(UInt64.max))
    }

    @Test func aBigBatchIsEncodedInPartsThatJoinToTheSameLines() throws {
        let (_, leads) = DemoStore(leads: 3_300, seed: 9, now: Fixture.t0).generate()
        var events: [Event] = []
        for (i, lead) in leads.enumerated() {
            let seq = Int64(events.count + 1)
            events.append(
                Event(
                    lead: lead.id, entry: Entry(seq: seq, at: Fixture.t0 + Int64(i), by: "mia", op: .created),
                    profile: lead.profile))
            if i % 3 == 0 {
                events.append(
                    Event(
                        lead: lead.id,
                        entry: Entry(
                            seq: seq + 1, at: Fixture.t0 + Int64(i), by: "mia",
                            op: .assign(to: "ana", rule: "owner-map"))))
            }
        }
        #expect(events.count >= 4_096)
        let parts = EventCodec.journalLineParts(events)
        let one = events.flatMap { EventCodec.encode($0, batchEnd: events.last!.seq) + [0x0A] }
        #expect(Array(parts.joined()) == one)
        // A small batch is one part, and a single event carries no batch mark.
        #expect(EventCodec.journalLineParts(Array(events.prefix(3))).count == 1)
        #expect(EventCodec.journalLineParts([events[0]]) == [EventCodec.encode(events[0]) + [0x0A]])
    }

    /// A write saved without folding it in counts toward the next compaction all the same.
    @Test func eventsSavedWithoutApplyingThemCountTowardCompaction() throws {
        let fx = StoreFixture()
        let s = try fx.create()
        let items = (0..<4_100).map { (profile: Fixture.profile(name: "P\($0)"), assign: Optional("ben")) }
        let before = s.eventsSinceSnapshot
        _ = try s.transact(as: "mia", at: t1, applyHere: false) { tx in try tx.addAll(items, rule: "owner-map") }
        #expect(s.eventsSinceSnapshot == before + 8_200)
        _ = try s.refresh()
        #expect(s.eventsSinceSnapshot == before + 8_200)
    }
}
