import Foundation
import LeadqCodec
import LeadqDemo
import LeadqDomain
import LeadqStore
import LeadqTestSupport
import Testing

@testable import LeadqFileStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The queue index in lines of its own (snapshot schema 2): opening reads the trailer alone, a
/// rep's queue its own index line; and a store written before (the index in the trailer) still
/// reads the same and is written again in today's schema by a compaction.
@Suite struct SnapshotIndexTests {
    let dir = TempDirectory("leadq-index")
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/store-schema-1"
    ).path

    /// A copy of a store written by leadq before schema 2 (`leadq demo --leads 40`, then L-00030
    /// accepted by ana, L-00001 assigned to ana by mia and L-00020 rejected by ana, in the journal).
    func schemaOneStore(_ name: String = "old") throws -> String {
        let path = dir.path + "/" + name
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: Self.fixture) {
            try FileManager.default.copyItem(atPath: Self.fixture + "/" + file, toPath: path + "/" + file)
        }
        return path
    }

    /// What a reader sees: every lead's bytes, each rep's queue and the pool (ids, sorted).
    func view(_ s: FileStore) throws -> (leads: [[UInt8]], queues: [String: [String]], pool: [String]) {
        var leads: [[UInt8]] = []
        try s.forEachLead { leads.append(LeadCodec.encode($0)) }
        var queues: [String: [String]] = [:]
        for rep in s.settings.reps.map(\.id) {
            queues[rep] = try s.leads(ownedBy: rep).map(\.id).sorted(by: LeadID.precedes)
        }
        return (leads, queues, try s.unassigned().map(\.id).sorted(by: LeadID.precedes))
    }

    func header(_ path: String) throws -> String {
        let name = try FileManager.default.contentsOfDirectory(atPath: path).first { $0.hasPrefix("snapshot-") }!
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path + "/" + name)))
        return String(decoding: bytes.prefix { $0 != 0x0A }, as: UTF8.self)
    }

    @Test func aStoreWrittenWithTheIndexInItsTrailerReadsAsBefore() throws {
        let s = try FileStore.open(try schemaOneStore())
        #expect(s.snapshot?.schema == 1)
        _ = try s.verify()
        let v = try view(s)
        #expect(v.leads.count == 40)
        #expect(v.queues["ana"] == ["L-00001", "L-00002", "L-00008", "L-00030", "L-00036", "L-00038"])
        #expect(v.pool.count == 3)
        #expect(try s.lead("L-00020")?.stage == .rejected)
    }

    @Test func compactionWritesAnOlderSnapshotInTodaysSchemaReadingTheSame() throws {
        let path = try schemaOneStore()
        let before = try view(try FileStore.open(path))
        #expect(try FileStore.compact(path) != nil)
        #expect(try header(path).contains("\"schema\":3"))
        let s = try FileStore.open(path)
        _ = try s.verify()
        let after = try view(s)
        #expect(after.leads == before.leads)
        #expect(after.queues == before.queues)
        #expect(after.pool == before.pool)
        #expect(try FileStore.compact(path) == nil)
    }

    @Test func anOlderSnapshotWithNothingAfterItIsWrittenAgainUnderItsName() throws {
        let path = try schemaOneStore()
        let journal = try FileManager.default.contentsOfDirectory(atPath: path).first { $0.hasPrefix("journal-") }!
        try Data(JournalReader.header(first: 215)).write(to: URL(fileURLWithPath: path + "/" + journal))
        let before = try view(try FileStore.open(path))
        let report = try #require(try FileStore.compact(path))
        #expect(report.seq == 214)
        #expect(try header(path).contains("\"schema\":3"))
        let files = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".jsonl") }.sorted()
        #expect(files == ["journal-000000000215.jsonl", "snapshot-000000000214.jsonl"])
        let after = try view(try FileStore.open(path))
        #expect(after.leads == before.leads)
        #expect(after.queues == before.queues)
        #expect(after.pool == before.pool)
    }

    /// Opening and accepting one lead read the trailer, not the queue index: a one-shot action
    /// costs the same whatever the number of leads in queues.
    @Test func openingAndActingReadNoneOfTheQueueIndex() throws {
        let path = dir.path + "/big"
        let (settings, leads) = DemoStore(leads: 3000, seed: 7, now: Fixture.t0).generate()
        _ = try FileStore.create(at: path, settings: settings, leads: leads)
        let name = try FileManager.default.contentsOfDirectory(atPath: path).first { $0.hasPrefix("snapshot-") }!
        let snapshotPath = path + "/" + name
        let probe = try FileStore.open(path)
        let indexStart = try #require(probe.snapshot).leadsEnd
        let size = try #require(probe.snapshot).size
        let assigned = try #require(try probe.leads(ownedBy: "ana").first { $0.stage == .assigned })
        // The queue index of 2,000-odd leads in queues is far bigger than a trailer.
        #expect(size - indexStart > 20_000)

        let fs = ReadCountingFileSystem(counting: snapshotPath, from: indexStart)
        let s = try FileStore.open(path, fs: fs)
        try s.perform(.accept, on: assigned.id, as: "ana", at: Fixture.t0)
        #expect(fs.bytes <= 8192, "read \(fs.bytes) bytes of the index and trailer")

        let ana = try s.leads(ownedBy: "ana")
        let anaLine = try #require(s.snapshot?.queueEntries["ana"]).length
        #expect(ana.count == (try probe.leads(ownedBy: "ana").count))
        #expect(fs.bytes <= 8192 + anaLine + 1)
    }

    /// A damaged queue index line doesn't stop the store from opening or a lead from being read:
    /// the queue it indexes is refused naming the file and the line's offset, and so is `verify`.
    @Test func aDamagedIndexLineIsRefusedWhenItsQueueIsRead() throws {
        let f = StoreFixture()
        _ = try f.create()
        let name = try f.files().first { $0.hasPrefix("snapshot-") }!
        let path = f.path + "/" + name
        var bytes = try f.bytes(path)
        let at = try #require(FileStore.open(f.path).snapshot?.queueEntries["ana"]).offset
        bytes[at + 12] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let s = try FileStore.open(f.path)
        #expect(try s.lead("L-00002")?.owner == "ana")
        #expect(try s.leads(ownedBy: "ben").map(\.id) == ["L-00004"])
        for read in [{ _ = try s.leads(ownedBy: "ana") }, { _ = try s.verify() }] {
            #expect(
                performing: read,
                throws: { e in
                    guard case StoreError.damaged(let file, let offset, _, _) = e else { return false }
                    return file == path && offset == at
                })
        }
    }
}

/// The real file system, counting the bytes read from one file at or after one offset.
final class ReadCountingFileSystem: FileSystem {
    private let base = PosixFileSystem()
    private let path: String
    private let from: Int64
    private(set) var bytes = 0

    init(counting path: String, from: Int) {
        self.path = path
        self.from = Int64(from)
    }

    func read(_ fd: Int32, into: UnsafeMutableRawBufferPointer, at offset: Int64, path: String) throws -> Int {
        let n = try base.read(fd, into: into, at: offset, path: path)
        if path == self.path, offset + Int64(n) > from { bytes += n - Int(max(0, from - offset)) }
        return n
    }

    func open(_ path: String, _ how: OpenHow) throws -> Int32 { try base.open(path, how) }
    func close(_ fd: Int32) { base.close(fd) }
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws -> Int {
        try base.write(fd, bytes, path: path)
    }
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int64, path: String) throws -> Int {
        try base.write(fd, bytes, at: offset, path: path)
    }
    func fsync(_ fd: Int32, path: String) throws { try base.fsync(fd, path: path) }
    func truncate(_ fd: Int32, to length: Int64, path: String) throws { try base.truncate(fd, to: length, path: path) }
    func size(_ fd: Int32, path: String) throws -> Int64 { try base.size(fd, path: path) }
    func lock(_ fd: Int32, exclusive: Bool, wait: Bool, path: String) throws -> Bool {
        try base.lock(fd, exclusive: exclusive, wait: wait, path: path)
    }
    func unlock(_ fd: Int32) { base.unlock(fd) }
    func rename(_ from: String, _ to: String) throws { try base.rename(from, to) }
    func remove(_ path: String) throws { try base.remove(path) }
    func syncDirectory(_ path: String) throws { try base.syncDirectory(path) }
    func makeDirectory(_ path: String, permissions: UInt32) throws {
        try base.makeDirectory(path, permissions: permissions)
    }
    func list(_ dir: String) throws -> [String] { try base.list(dir) }
    func exists(_ path: String) -> Bool { base.exists(path) }
}
