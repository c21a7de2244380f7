import Foundation
import LeadqApp
import LeadqCodec
import LeadqDemo
import LeadqDomain
import LeadqStore
import LeadqTestSupport
import Testing

@testable import LeadqFileStore

/// Snapshot schema 3 keeps a brief of every lead in a queue or the pool, so a manager's list is
/// built without decoding the leads. A store written in schema 2 by the leadq before reads the
/// same, is upgraded by `migrate` with a copy of its files kept, and then lists by brief; `verify`
/// makes the briefs again and refuses any that disagree with their lead.
@Suite struct SnapshotBriefsTests {
    let dir = TempDirectory("leadq-briefs")
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/store-schema-2"
    ).path

    /// A copy of a store written by leadq in schema 2 (`leadq demo --leads 40 --seed 7`, then L-00008
    /// assigned to ana by mia, a call logged on L-00016, L-00002 accepted by ben and L-00004 rejected
    /// by chen, in the journal).
    func schemaTwoStore() throws -> String {
        let path = dir.path + "/old"
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: path)
        return path
    }

    func view(_ s: FileStore) throws -> (leads: [[UInt8]], open: [String: Lead]) {
        var leads: [[UInt8]] = []
        try s.forEachLead { leads.append(LeadCodec.encode($0)) }
        var open: [String: Lead] = [:]
        try s.forEachOpenLead { open[$0.id] = $0 }
        return (leads, open)
    }

    func briefCount(_ s: FileStore) throws -> (briefs: Int, whole: Int) {
        let open = try s.openLeadBriefs(settings: s.settings, keep: { $0 }, progress: { _ in })
        return (open.briefs.count, open.whole.count)
    }

    @Test func aSchemaTwoStoreIsUpgradedByMigrateWithACopyKept() throws {
        let path = try schemaTwoStore()
        let old = try FileStore.open(path)
        #expect(old.snapshotSchema == 2)
        _ = try old.verify()
        let before = try view(old)
        #expect(before.open["L-00008"]?.owner == "ana" && before.open["L-00004"] == nil)
        #expect(try briefCount(old) == (0, before.open.count))
        let originals = try FileManager.default.contentsOfDirectory(atPath: Self.fixture).sorted()

        let report = try StoreLocator.migrate(path)
        #expect(report.from == 2 && report.to == 3 && report.compaction?.seq == 260)
        let copy = try #require(report.copy)
        #expect(copy == path + "/before-schema-2")
        #expect(try FileManager.default.contentsOfDirectory(atPath: copy).sorted() == originals)
        for name in originals {
            let kept = try Data(contentsOf: URL(fileURLWithPath: copy + "/" + name))
            #expect(kept == (try Data(contentsOf: URL(fileURLWithPath: Self.fixture + "/" + name))), "\(name)")
        }

        let s = try FileStore.open(path)
        #expect(s.snapshotSchema == 3)
        _ = try s.verify()
        let after = try view(s)
        #expect(after.leads == before.leads)
        #expect(after.open == before.open)
        #expect(try briefCount(s) == (before.open.count, 0))
        #expect(try StoreLocator.migrate(path).upgraded == false)
        // The kept copy still opens as the store it was.
        #expect(try view(try FileStore.open(copy)).leads == before.leads)
    }

    /// A brief whose line still carries a good checksum but says something its lead doesn't.
    /// Briefs made with other settings aren't used (every open lead comes whole), so a settings
    /// change makes the next compaction due at once, and it writes briefs a manager's list can use.
    @Test func aSettingsChangeMakesACompactionDue() throws {
        let path = dir.path + "/settings"
        let (settings, leads) = DemoStore(leads: 300, seed: 7, now: Fixture.t0).generate()
        _ = try FileStore.create(at: path, settings: settings, leads: leads)
        let s = try FileStore.open(path)
        let before = try briefCount(s)
        #expect(!s.compactionDue && before.briefs > 100 && before.whole == 0)
        var other = s.settings
        other.decisionSLAHours += 1
        try s.applySettings(other, note: "a longer decision clock", as: "mia", at: Fixture.t0 + 60)
        #expect(try briefCount(s) == (0, before.briefs), "the briefs were made with the old settings")
        #expect(s.compactionDue)
        let reader = try FileStore.open(path)
        #expect(reader.compactionDue, "another process sees it too")
        #expect(try FileStore.compact(path) != nil)
        _ = try s.refresh()
        #expect(!s.compactionDue)
        #expect(try briefCount(FileStore.open(path)) == before)
    }

    /// The leads changed since the snapshot are added to the briefs' columns whole, and leads
    /// arrive while a console runs: the columns have room for both, since a column grown past its
    /// room is copied whole (at a million leads, the start's 190 MB held twice).
    @Test func theBriefsHaveRoomForTheLeadsChangedSinceAndForArrivals() throws {
        let path = dir.path + "/room"
        let (settings, leads) = DemoStore(leads: 300, seed: 7, now: Fixture.t0).generate()
        _ = try FileStore.create(at: path, settings: settings, leads: leads)
        let s = try FileStore.open(path)
        let pool = leads.filter { $0.stage == .new }.prefix(3).map(\.id)
        #expect(pool.count == 3)
        for id in pool { try s.perform(.assign(to: "ana", rule: nil), on: id, as: "mia", at: Fixture.t0 + 60) }
        let open = try FileStore.open(path).openLeadBriefs(settings: s.settings, keep: { $0 }, progress: { _ in })
        #expect(open.whole.count == 3 && open.briefs.count > 100)
        #expect(open.briefs.ids.capacity >= open.briefs.count + open.whole.count + 4_096)
    }

    @Test func verifyRefusesABriefThatDisagreesWithItsLead() throws {
        let path = dir.path + "/demo"
        let (settings, leads) = DemoStore(leads: 300, seed: 7, now: Fixture.t0).generate()
        _ = try FileStore.create(at: path, settings: settings, leads: leads)
        let s = try FileStore.open(path)
        _ = try s.verify()
        let snap = try #require(s.snapshot)
        let entry = try #require(snap.briefEntries.first)
        let file = snap.path
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        var line = Array(bytes[entry.offset..<(entry.offset + entry.length)])
        // The first brief's score (its fourth value) one higher, then the line sealed again.
        let text = String(decoding: line, as: UTF8.self)
        let first = try #require(text.firstMatch(of: #/\[\["L-\d+",(?:"[a-z]+"|null),"[a-z]+",(\d+),/#))
        let score = try #require(Int(first.output.1))
        let other = (score + 1) % 10 == 0 ? score - 1 : score + 1
        let head = String(text[first.range]).replacingOccurrences(of: ",\(score),", with: ",\(other),")
        let changed = text[..<first.range.lowerBound] + head + text[first.range.upperBound...]
        line = Array(changed.utf8)
        let mark = try #require(line.firstRange(of: Checksummed.marker))
        let crc = CRC32.hex(CRC32.checksum(Array(line[..<mark.lowerBound])))
        line.replaceSubrange(mark.upperBound..<(mark.upperBound + 8), with: Array(crc.utf8))
        #expect(line.count == entry.length)
        bytes.replaceSubrange(entry.offset..<(entry.offset + entry.length), with: line)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        #expect {
            _ = try FileStore.open(path).verify()
        } throws: { "\($0)".contains("a lead brief disagrees with its lead") }
    }
}
