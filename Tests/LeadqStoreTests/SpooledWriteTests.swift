import Foundation
import LeadqCodec
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// An import's new leads are spooled to a scratch file before the write knows its last event, then
/// sealed and copied into the journal: the lines are the ones encoded whole, the scratch file is
/// never seen in the store's directory, and a write that fails at any point leaves nothing.
@Suite struct SpooledWriteTests {
    /// `count` new leads' events, created and (every other one) assigned, numbered from `seq`.
    static func events(first: Int, count: Int, seq: Int64) -> [Event] {
        var out: [Event] = []
        for i in 0..<count {
            let id = LeadID.make(first + i)
            var p = Fixture.profile(name: "P\(i) \"Ωmega\"")
            p.flags = i % 3 == 0 ? ["duplicate-name:L-00001"] : []
            out.append(
                Event(lead: id, entry: Entry(seq: 0, at: t1, by: "mia", op: .created), profile: p))
            if i % 2 == 0 {
                out.append(
                    Event(lead: id, entry: Entry(seq: 0, at: t1, by: "mia", op: .assign(to: "ben", rule: "owner-map"))))
            }
        }
        for i in out.indices { out[i].entry.seq = seq + Int64(i) }
        return out
    }

    /// The heads, cut anywhere and sealed a piece at a time, are the lines encoded whole.
    @Test func headsSealedInAnyPiecesAreTheLinesEncodedWhole() {
        let events = Self.events(first: 1, count: 5_000, seq: 41)
        let heads = Array(JournalLineHeads.encode(events[...]).joined())
        for batchEnd: Int64? in [nil, 7_541, 1_000_000_007] {
            let whole = Array(EventCodec.journalLineParts(events[...], batchEnd: batchEnd).joined())
            for piece in [1, 97, 4_096, heads.count] {
                var (out, pending, lines) = ([UInt8](), [UInt8](), 0)
                for start in stride(from: 0, to: heads.count, by: piece) {
                    pending += heads[start..<min(heads.count, start + piece)]
                    let sealed = pending.withUnsafeBytes { JournalLineHeads.seal($0, batchEnd: batchEnd, into: &out) }
                    pending.removeFirst(sealed.bytes)
                    lines += sealed.lines
                }
                #expect(pending.isEmpty && lines == events.count)
                #expect(out == whole, "batch \(String(describing: batchEnd)), pieces of \(piece)")
            }
        }
    }

    /// Spooled, then followed by an event staged in the same write: one batch on disk, the lines the
    /// whole write encoded at once gives, and no scratch file in the directory during or after it.
    @Test func aSpooledBatchWritesTheLinesOfTheWholeWrite() throws {
        let fx = StoreFixture()
        _ = try fx.create()
        let journal = try fx.journalPath()
        let before = try fx.bytes(journal)
        let files = try fx.files()
        let s = try fx.open()
        let saved = try s.transact(as: "mia", at: t1, applyHere: false) { tx in
            let spool = try tx.makeSpool()
            #expect(try fx.files() == files)
            let first = LeadID.number(tx.nextLeadID)!
            let events = Self.events(first: first, count: 20_000, seq: spool.firstSeq)
            for start in stride(from: 0, to: events.count, by: 3_001) {
                try spool.append(Array(events[start..<min(events.count, start + 3_001)]))
            }
            try tx.addStreamed(StreamedBatch(spool: spool, leads: 20_000))
            _ = try tx.stageOnStreamed(.assign(to: "ana", rule: "route"), id: LeadID.make(first + 1))
            return events
        }
        #expect(try fx.files() == files)
        // Too many to hand back: only the events staged after the batch are.
        #expect(saved.events.count == 1)
        let all = saved.result + saved.events
        let written = Array(try fx.bytes(journal).dropFirst(before.count))
        #expect(written == Array(EventCodec.journalLineParts(all).joined()))
        let reopened = try fx.open()
        #expect(reopened.leadCount == StoreFixture.leads().count + 20_000)
        #expect(try reopened.lead(saved.result[2].lead)?.owner == "ana")
    }

    /// The journal write fails after some of the spooled lines are on disk: taken back whole.
    @Test func aSpooledBatchWhoseJournalWriteFailsLeavesNothing() throws {
        let fx = StoreFixture()
        _ = try fx.create()
        try fx.expectAFailedJournalWriteLeavesNothing { tx in
            let spool = try tx.makeSpool()
            let first = LeadID.number(tx.nextLeadID)!
            // Over 4 MiB of lines: copied in more than one block.
            try spool.append(Self.events(first: first, count: 30_000, seq: spool.firstSeq))
            try tx.addStreamed(StreamedBatch(spool: spool, leads: 30_000))
        }
        #expect(!(try fx.files().contains { $0.contains(".tmp-") }))
    }

    /// The scratch file can't be written (a full disk): the import says so and the store is as it was.
    @Test func aSpoolThatCantBeWrittenSavesNothing() throws {
        let fx = StoreFixture()
        _ = try fx.create()
        let journal = try fx.journalPath()
        let before = try fx.bytes(journal)
        let fs = FaultyFileSystem(plan: { call in
            call.op == .write && call.path.contains("journal-import.jsonl.tmp-") ? .error(ENOSPC) : nil
        })
        let s = try FileStore.open(fx.path, fs: fs)
        let error = #expect(throws: StoreError.self) {
            try s.transact(as: "mia", at: t1, applyHere: false) { tx in
                let spool = try tx.makeSpool()
                try spool.append(Self.events(first: LeadID.number(tx.nextLeadID)!, count: 10, seq: spool.firstSeq))
            }
        }
        #expect(error?.description.contains("nothing was saved") == true, "\(String(describing: error))")
        #expect(try fx.bytes(journal) == before)
        #expect(!(try fx.files().contains { $0.contains(".tmp-") }))
        #expect(try fx.open().leadCount == StoreFixture.leads().count)
    }

    /// A process killed between making its scratch file and removing it leaves the name: removed
    /// when the store is next opened.
    @Test func aScratchFileLeftByAKilledImportIsRemovedOnOpen() throws {
        let fx = StoreFixture()
        _ = try fx.create()
        let junk = "journal-import.jsonl.tmp-4244"
        _ = FileManager.default.createFile(atPath: fx.path + "/" + junk, contents: Data(repeating: 0x41, count: 1000))
        _ = try fx.open()
        #expect(!(try fx.files().contains(junk)))
    }
}
