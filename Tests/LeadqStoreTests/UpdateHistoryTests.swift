import Foundation
import LeadqCodec
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

/// The files written before updates recorded their changes, which must load exactly as they did
/// (what every store does with `updated` entries is in LeadqStoreConformanceTests).
@Suite struct UpdateHistoryTests {
    let f = StoreFixture()
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/store-before-changes"
    ).path

    /// A copy of a store written by leadq before updates recorded their changes: two leads imported,
    /// L-00001's email and Status updated (folded into the snapshot), then L-00002's company (in the journal).
    func legacyStore() throws -> String {
        try FileManager.default.createDirectory(atPath: f.path, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.fixture) {
            try FileManager.default.copyItem(atPath: Self.fixture + "/" + name, toPath: f.path + "/" + name)
        }
        return f.path
    }

    func lines(_ name: String) throws -> [[UInt8]] {
        try f.bytes(Self.fixture + "/" + name).split(separator: 0x0A).map(Array.init)
    }

    @Test func filesWrittenBeforeChangesWereRecordedLoadAsTheyDid() throws {
        let s = try FileStore.open(try legacyStore())
        _ = try s.verify()
        let first = try #require(try s.lead("L-00001"))
        #expect(first.history.map(\.op) == [.created, .updated(fields: ["email", "extra"], changes: nil)])
        #expect(first.profile.email == "hanako@atlas.example")
        // Read and written again, the snapshot's lead is the same bytes.
        let stored = try lines("snapshot-000000000003.jsonl")[1]
        #expect(LeadCodec.encode(first) == stored)
        let journalLine = try lines("journal-000000000004.jsonl")[1]
        let event = try journalLine.withUnsafeBytes { buf in
            var r = JSONReader(buf)
            return try EventCodec.decode(&r).event
        }
        #expect(event.entry.op == .updated(fields: ["company"], changes: nil))
        #expect(EventCodec.encode(event) == journalLine)
        let second = try #require(try s.lead("L-00002"))
        #expect(second.profile.company == "Kite Ltd" && second.history.last == event.entry)
        #expect(Describe.op(event.entry.op) == "Updated company")
        #expect(
            throws: Refusal("that update of L-00002 was saved before leadq recorded the old values; it can't be undone")
        ) {
            try s.perform(.undo(target: 4), on: "L-00002", as: "mia", at: t1)
        }
        // A compaction keeps the old entries as they were.
        _ = try FileStore.compact(f.path)
        let compacted = try FileStore.open(f.path)
        #expect(try compacted.lead("L-00001") == first)
        #expect(try compacted.lead("L-00002") == second)
    }
}
