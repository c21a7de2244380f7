import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

/// Compaction as a running console sees it: when it is due, and whom it holds up.
@Suite struct CompactionTests {
    func call(_ s: FileStore, _ i: Int) throws {
        try s.perform(
            .contact(channel: .call, outcome: .connected, direction: .outbound, note: "\(i)"), on: "L-00002", as: "ana",
            at: t1 + Int64(i))
    }

    @Test func aStoreThatFollowedAnotherProcesssCompactionIsNotDueAgainUntilTheJournalGrows() throws {
        let f = StoreFixture()
        var settings = Fixture.settings
        settings.compactAfterEvents = 5
        let console = try FileStore.create(at: f.path, settings: settings, leads: StoreFixture.leads())
        for i in 0..<4 { try call(console, i) }
        #expect(!console.compactionDue)
        try call(console, 4)
        #expect(console.compactionDue)
        #expect(try FileStore.compact(f.path) != nil)
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
        // When the compaction first reads the journal, could a writer take the writer lock at once?
        let lockPath = f.path + "/lock"
        var writerCouldLock: Bool?
        let probe = FaultyFileSystem(plan: { call in
            if writerCouldLock == nil, call.op == .read, (call.path as NSString).lastPathComponent.hasPrefix("journal-")
            {
                let fs = PosixFileSystem()
                let fd = try! fs.open(lockPath, .read)
                defer { fs.close(fd) }
                writerCouldLock = try! fs.lock(fd, exclusive: true, wait: false, path: lockPath)
                if writerCouldLock == true { fs.unlock(fd) }
            }
            return nil
        })
        let report = try FileStore.compact(f.path, fs: probe)
        #expect(report?.seq == a.lastSeq)
        #expect(writerCouldLock == true)
        // And what it folded is whole.
        #expect(try allLeads(try f.open()) == (try allLeads(a)))
    }

    /// A writer that slept through two compactions still holds the first journal, which the second
    /// one deleted: its next write must land in the live journal with the next sequence number, not
    /// in the deleted file with a number someone else already has.
    @Test func aWriterThatSleptThroughTwoCompactionsWritesToTheLiveJournal() throws {
        let f = StoreFixture()
        let sleeper = try f.create()
        try call(sleeper, 0)
        let other = try f.open()
        try call(other, 1)
        #expect(try FileStore.compact(f.path) != nil)
        try call(other, 2)
        #expect(try FileStore.compact(f.path) != nil)
        try call(other, 3)
        let change = try sleeper.perform(
            .contact(channel: .call, outcome: .connected, direction: .outbound, note: "late"),
            on: "L-00002", as: "ana", at: t1 + 10)
        _ = change
        let fresh = try f.open()
        #expect(fresh.lastSeq == sleeper.lastSeq)
        let notes = try fresh.lead("L-00002")!.work.contacts.map(\.contact.note)
        #expect(notes == ["0", "1", "2", "3", "late"])
        #expect(try fresh.verify().lastSeq == fresh.lastSeq)
    }
}
