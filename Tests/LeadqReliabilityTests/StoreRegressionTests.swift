import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

/// Store bugs the reliability suite found, each pinned by the smallest test that showed it.
@Suite struct StoreRegressionTests {
    let dir = TempDirectory("leadq-regress")
    var path: String { dir.path + "/store" }
    let t = Fixture.t0 + 3600

    func leads() -> [Lead] {
        [
            LeadScript("L-00001", profile: Fixture.profile(name: "Grace", score: 85), firstSeq: 1).assign("ana").lead,
            LeadScript("L-00002", profile: Fixture.profile(name: "Wei", score: 60), firstSeq: 10).assign("ana").accept(
                by: "ana"
            ).lead,
        ]
    }

    func note(_ s: String) -> Command { .contact(channel: .call, outcome: .connected, direction: .outbound, note: s) }

    func notes(_ store: FileStore, _ id: String) throws -> [String] {
        try store.lead(id)?.work.contacts.map(\.contact.note) ?? []
    }

    /// Cuts the newest journal `keep` bytes into its last record.
    func tearLastRecord(keep: Int = 20) throws -> (path: String, bytes: [UInt8]) {
        let journal = Stores.newestJournal(path)
        let bytes = try Stores.bytes(journal)
        let lastStart = (bytes.dropLast().lastIndex(of: 0x0A) ?? -1) + 1
        let torn = Array(bytes[..<(lastStart + keep)])
        try Stores.write(journal, torn)
        return (journal, torn)
    }

    /// Found by the crash harness: after setting a torn tail aside, the writer's cursor on the new
    /// journal had not read its header, so the writer's own records were counted from byte 0 and its
    /// next catch-up read from the middle of the file ("damaged record … header: expected '{'").
    @Test func aWriterKeepsWritingAfterSettingATornTailAside() throws {
        let s = try FileStore.create(at: path, settings: Fixture.settings, leads: leads())
        try s.perform(note("one"), on: "L-00002", as: "ana", at: t)
        try s.perform(note("two"), on: "L-00002", as: "ana", at: t)
        _ = try tearLastRecord()
        let w = try FileStore.open(path)
        try w.perform(note("three"), on: "L-00002", as: "ana", at: t)
        try w.perform(note("four"), on: "L-00002", as: "ana", at: t)
        _ = try w.refresh()
        try w.perform(note("five"), on: "L-00001", as: "ana", at: t)
        #expect(try notes(w, "L-00002") == ["one", "three", "four"])
        let again = try FileStore.open(path)
        _ = try again.verify()
        #expect(try notes(again, "L-00002") == ["one", "three", "four"])
        #expect(try notes(again, "L-00001") == ["five"])
    }

    /// Found by the torn-write tests: when the torn journal held no complete record (the first write
    /// after a compaction or a recovery was cut short), the journal to continue in has the same name,
    /// so the writer appended after the torn bytes and merged them with its own record: the action it
    /// had just reported saved became a damaged line nobody could read past.
    @Test func aTornFirstRecordIsReplacedNotAppendedTo() throws {
        let s = try FileStore.create(at: path, settings: Fixture.settings, leads: leads())
        try s.perform(note("before"), on: "L-00002", as: "ana", at: t)
        _ = try FileStore.compact(path)
        try s.perform(note("lost in the crash"), on: "L-00002", as: "ana", at: t)
        let (journal, torn) = try tearLastRecord()
        // Two processes were open on the torn store: a console (reading) and another writer.
        let console = try FileStore.open(path)
        let other = try FileStore.open(path)
        #expect(console.warnings.count == 1)

        let w = try FileStore.open(path)
        try w.perform(note("after"), on: "L-00002", as: "ana", at: t)
        try w.perform(note("after 2"), on: "L-00002", as: "ana", at: t)
        // The damaged bytes are kept; the journal under that name starts afresh.
        let kept = Stores.files(path + "/quarantine")
        #expect(kept.count == 1)
        #expect(try Stores.bytes(path + "/quarantine/" + kept[0]) == torn)
        #expect(try Stores.bytes(journal) != torn)

        // The console follows into the replacement; the other writer catches up before writing.
        _ = try console.refresh()
        #expect(try notes(console, "L-00002") == ["before", "after", "after 2"])
        try other.perform(note("from the other"), on: "L-00002", as: "ana", at: t)
        let again = try FileStore.open(path)
        _ = try again.verify()
        #expect(again.warnings.isEmpty)
        #expect(try notes(again, "L-00002") == ["before", "after", "after 2", "from the other"])
        #expect(try FileScan.scan(path).damaged.isEmpty)
    }

    /// Found by the fault-injection tests: a process following the store without the lock read a
    /// record after the writer's write() and before its fsync failed and the record was taken back,
    /// so it showed an action that was never saved, and its cursor then pointed past the file's end.
    @Test func aReaderNeverSeesARecordThatIsTakenBack() throws {
        _ = try FileStore.create(at: path, settings: Fixture.settings, leads: leads())
        let console = try FileStore.open(path)
        var seenDuringWrite: [String] = []
        var failed = false
        let fs = FaultyFileSystem()
        fs.plan = { call in
            guard !failed, call.op == .fsync, call.path.hasSuffix(".jsonl") else { return nil }
            failed = true
            // The disk fails the fsync; meanwhile the console polls.
            _ = try? console.refresh()
            seenDuringWrite = (try? notes(console, "L-00002")) ?? ["refresh failed"]
            return .error(EIO)
        }
        let w = try FileStore.open(path, fs: fs)
        #expect(throws: StoreError.self) { try w.perform(note("never saved"), on: "L-00002", as: "ana", at: t) }
        #expect(seenDuringWrite == [])
        _ = try console.refresh()
        #expect(try notes(console, "L-00002") == [])
        fs.plan = { _ in nil }
        try w.perform(note("saved"), on: "L-00002", as: "ana", at: t)
        _ = try console.refresh()
        #expect(try notes(console, "L-00002") == ["saved"])
    }
}

extension StoreRegressionTests {
    /// Found by the fault-injection tests: after a transaction's records were written and fsync'd, the
    /// store applied them by looking each lead up again, and for a newly created lead that lookup reads
    /// the snapshot. A read error there made `transact` throw: the action was reported as not saved,
    /// yet it was in the journal and showed up on the next open.
    @Test func aSavedTransactionIsNeverReportedAsFailed() throws {
        _ = try FileStore.create(at: path, settings: Fixture.settings, leads: leads())
        var written = false
        let fs = FaultyFileSystem()
        fs.plan = { call in
            if call.op == .fsync, call.path.hasSuffix(".jsonl") {
                written = true
                return nil
            }
            return written && call.op == .read ? .error(EIO) : nil
        }
        let s = try FileStore.open(path, fs: fs)
        let (_, events) = try s.transact(as: "mia", at: t) { tx in
            let c = try tx.create(Fixture.profile(name: "New"))
            try tx.perform(.assign(to: "ben", rule: nil), on: c.lead.id)
        }
        #expect(events.count == 2)
        #expect(try s.lead("L-00003")?.owner == "ben")
        #expect(try FileStore.open(path).lead("L-00003")?.owner == "ben")
    }
}

extension StoreRegressionTests {
    /// Found by the fault-injection tests (files of parallel tests failing with EBADF): when opening a
    /// store failed after its lock file or snapshot was open, the error path closed the descriptor and
    /// then deinit closed the same number again. In a threaded process (the console, the test runner)
    /// the second close hits whatever file reused the number meanwhile.
    @Test func aFailedOpenClosesEachFileOnce() throws {
        let s = try FileStore.create(at: path, settings: Fixture.settings, leads: leads())
        try s.perform(note("x"), on: "L-00002", as: "ana", at: t)
        let snapshot = path + "/" + Stores.files(path).first { $0.hasPrefix("snapshot-") }!
        let journal = Stores.newestJournal(path)
        let goodSnapshot = try Stores.bytes(snapshot)
        let goodJournal = try Stores.bytes(journal)
        // A damaged snapshot trailer (fails in SnapshotFile.init), a damaged journal record (fails in
        // load), and a lock that can't be taken.
        var badSnapshot = goodSnapshot
        badSnapshot[badSnapshot.count - 5] ^= 1
        var badJournal = goodJournal
        badJournal[badJournal.count - 5] ^= 1
        let cases: [(String, [UInt8], [UInt8], FaultyFileSystem)] = [
            ("snapshot", badSnapshot, goodJournal, FaultyFileSystem()),
            ("journal", goodSnapshot, badJournal, FaultyFileSystem()),
            ("lock", goodSnapshot, goodJournal, FaultyFileSystem(plan: { $0.op == .lock ? .error(EIO) : nil })),
        ]
        for (what, snap, jour, fs) in cases {
            try Stores.write(snapshot, snap)
            try Stores.write(journal, jour)
            #expect(throws: StoreError.self, "\(what)") { _ = try FileStore.open(path, fs: fs) }
            #expect(fs.doubleCloses.isEmpty, "\(what): closed twice \(fs.doubleCloses)")
            #expect(fs.openDescriptors.isEmpty, "\(what): left open \(fs.openDescriptors)")
        }
    }
}

extension StoreRegressionTests {
    /// Found by the console test with eight writers: a process that writes catches up with the others
    /// first, and those changes were applied but never reported, so the next refresh() was empty and
    /// the console kept showing the old leads (it reported only changes after its own write).
    @Test func changesCaughtUpBeforeAWriteAreReportedByTheNextRefresh() throws {
        _ = try FileStore.create(at: path, settings: Fixture.settings, leads: leads())
        let console = try FileStore.open(path)
        let other = try FileStore.open(path)
        try other.perform(note("by the other"), on: "L-00002", as: "ana", at: t)
        try console.perform(.accept, on: "L-00001", as: "ana", at: t)
        let r = try console.refresh()
        #expect(r.changed == ["L-00002"])
        #expect(r.events.map(\.lead) == ["L-00002"])
        #expect(try console.refresh().isEmpty)
    }
}
