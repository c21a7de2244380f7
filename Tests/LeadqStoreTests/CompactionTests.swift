import Foundation
import Testing
import LeadqDomain
import LeadqStore
import LeadqTestSupport

/// Compaction as a running console sees it: when it is due, and whom it holds up.
@Suite struct CompactionTests {
    func call(_ s: Store, _ i: Int) throws {
        try s.perform(.contact(channel: .call, outcome: .connected, direction: .outbound, note: "\(i)"), on: "L-00002", as: "ana", at: t1 + Int64(i))
    }

    @Test func aStoreThatFollowedAnotherProcesssCompactionIsNotDueAgainUntilTheJournalGrows() throws {
        let f = StoreFixture()
        var settings = Fixture.settings
        settings.compactAfterEvents = 5
        let console = try Store.create(at: f.path, settings: settings, leads: StoreFixture.leads())
        for i in 0..<4 { try call(console, i) }
        #expect(!console.compactionDue)
        try call(console, 4)
        #expect(console.compactionDue)
        #expect(try Store.compact(f.path) != nil)
        _ = try console.refresh()
        // This process still reads the old snapshot, but the new journal starts after the folded events.
        #expect(console.snapshotSeq < console.lastSeq)
        #expect(!console.compactionDue)
        for i in 5..<9 { try call(console, i) }
        #expect(!console.compactionDue)
        try call(console, 9)
        #expect(console.compactionDue)
    }

    @Test func compactionReadsTheJournalWithoutHoldingUpWriters() throws {
        let f = StoreFixture()
        let a = try f.create()
        for i in 0..<5 { try call(a, i) }
        // While the compaction reads the journal, a writer could take the lock at once.
        let probe = ProbingFileSystem()
        let lockPath = f.path + "/lock"
        probe.onFirstJournalRead = {
            let fs = PosixFileSystem()
            let fd = try! fs.open(lockPath, .read)
            defer { fs.close(fd) }
            let free = try! fs.lock(fd, exclusive: true, wait: false, path: lockPath)
            if free { fs.unlock(fd) }
            return free
        }
        let report = try Store.compact(f.path, fs: probe)
        #expect(report?.seq == a.lastSeq)
        #expect(probe.writerCouldLock == true)
        // And what it folded is whole.
        #expect(try allLeads(try f.open()) == (try allLeads(a)))
    }
}

/// The real file system, calling `onFirstJournalRead` when a journal file is first read.
final class ProbingFileSystem: FileSystem {
    let real = PosixFileSystem()
    var onFirstJournalRead: (() -> Bool)?
    private(set) var writerCouldLock: Bool?

    func read(_ fd: Int32, into: UnsafeMutableRawBufferPointer, at offset: Int64, path: String) throws -> Int {
        if writerCouldLock == nil, (path as NSString).lastPathComponent.hasPrefix("journal-"), let probe = onFirstJournalRead {
            writerCouldLock = probe()
        }
        return try real.read(fd, into: into, at: offset, path: path)
    }

    func open(_ path: String, _ how: OpenHow) throws -> Int32 { try real.open(path, how) }
    func close(_ fd: Int32) { real.close(fd) }
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws -> Int { try real.write(fd, bytes, path: path) }
    func fsync(_ fd: Int32, path: String) throws { try real.fsync(fd, path: path) }
    func truncate(_ fd: Int32, to length: Int64, path: String) throws { try real.truncate(fd, to: length, path: path) }
    func size(_ fd: Int32, path: String) throws -> Int64 { try real.size(fd, path: path) }
    func lock(_ fd: Int32, exclusive: Bool, wait: Bool, path: String) throws -> Bool { try real.lock(fd, exclusive: exclusive, wait: wait, path: path) }
    func unlock(_ fd: Int32) { real.unlock(fd) }
    func rename(_ from: String, _ to: String) throws { try real.rename(from, to) }
    func remove(_ path: String) throws { try real.remove(path) }
    func syncDirectory(_ path: String) throws { try real.syncDirectory(path) }
    func makeDirectory(_ path: String, permissions: UInt32) throws { try real.makeDirectory(path, permissions: permissions) }
    func list(_ dir: String) throws -> [String] { try real.list(dir) }
    func exists(_ path: String) -> Bool { real.exists(path) }
}
