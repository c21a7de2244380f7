import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

@testable import LeadqFileStore

/// Other processes across compactions (what every store does with them is in LeadqStoreConformanceTests).
@Suite struct ConcurrencyTests {
    @Test func compactionKeepsEverythingAndReadersFollowIt() throws {
        let f = StoreFixture()
        let a = try f.create()
        let follower = try f.open()
        for i in 0..<10 {
            try a.perform(
                .contact(channel: .call, outcome: .connected, direction: .outbound, note: "\(i)"), on: "L-00002",
                as: "ana", at: t1 + Int64(i))
        }
        try a.transact(as: "mia", at: t1) { tx in _ = try tx.create(Fixture.profile(name: "Fresh")) }
        let report = try FileStore.compact(f.path)!
        #expect(report.seq == a.lastSeq)
        #expect(report.leads == 5)
        #expect(
            try f.files() == [
                "compact.lock", "journal-000000000043.jsonl", "lock", "settings.json", "snapshot-000000000042.jsonl",
            ])
        try a.perform(.accept, on: "L-00001", as: "ana", at: t1 + 100)
        let reopened = try f.open()
        #expect(reopened.snapshotSeq == 42)
        #expect(try allLeads(reopened) == (try allLeads(a)))
        // A process that opened before the compaction follows into the new journal.
        let r = try follower.refresh()
        #expect(r.changed == ["L-00001", "L-00002", "L-00005"])
        #expect(try allLeads(follower) == (try allLeads(a)))
        // Nothing to do twice.
        _ = try FileStore.compact(f.path)
        #expect(try FileStore.compact(f.path) == nil)
    }

    @Test func aReaderThatMissedTwoCompactionsReloads() throws {
        let f = StoreFixture()
        let a = try f.create()
        let sleeper = try f.open()
        try a.perform(.accept, on: "L-00001", as: "ana", at: t1)
        _ = try FileStore.compact(f.path)
        try a.perform(
            .contact(channel: .call, outcome: .connected, direction: .outbound, note: ""), on: "L-00001", as: "ana",
            at: t1)
        _ = try FileStore.compact(f.path)
        let r = try sleeper.refresh()
        #expect(r.reloaded)
        #expect(try allLeads(sleeper) == (try allLeads(a)))
    }
}

/// Journal events for leads nobody has read wait until someone does; queries still see their effect.
@Suite struct LazyReplayTests {
    @Test func queuesSeeJournalChangesToLeadsNotYetRead() throws {
        let f = StoreFixture()
        // L-00010: assigned to ana, then reassigned to ben (both in the snapshot).
        let moved = LeadScript("L-00010", profile: Fixture.profile(name: "Moved", score: 55), firstSeq: 40).assign(
            "ana"
        ).assign("ben").lead
        let pool = LeadScript("L-00011", profile: Fixture.profile(name: "Nurtured", score: 25), firstSeq: 50).assign(
            "ana"
        ).clawback(by: "ana").lead
        let s = try f.create(StoreFixture.leads() + [moved, pool])
        let reassign = moved.history.last!.seq
        let writer = try f.open()
        try writer.perform(.undo(target: reassign), on: "L-00010", as: "mia", at: t1)
        try writer.perform(.release(note: ""), on: "L-00011", as: "mia", at: t1)
        try writer.perform(.accept, on: "L-00004", as: "ben", at: t1)
        _ = s

        // A fresh process: the events are read but the leads are not decoded until asked for.
        let reader = try f.open()
        #expect(reader.pending.keys.sorted() == ["L-00004", "L-00010", "L-00011"])
        #expect(Set(try reader.leads(ownedBy: "ana").map(\.id)) == ["L-00001", "L-00002", "L-00010"])
        #expect(try reader.leads(ownedBy: "ben").map(\.id) == ["L-00004"])
        #expect(try reader.lead("L-00004")?.stage == .accepted)
        #expect(Set(try reader.unassigned().map(\.id)) == ["L-00003", "L-00011"])
        #expect(reader.pending.isEmpty)
        // Reading everything gives the same as applying every event as it came.
        let eager = try f.open()
        try eager.materializeAll()
        #expect(try allLeads(try f.open()) == (try allLeads(eager)))
        #expect(try f.open().openCounts() == ["ana": 3, "ben": 1])
    }

    @Test func aJournalEventForALeadThatDoesNotExistIsFoundWhenRead() throws {
        let f = StoreFixture()
        _ = try f.create()
        let journal = try f.journalPath()
        var text = try String(contentsOfFile: journal, encoding: .utf8)
        text +=
            String(
                decoding: sealed(
                    "{\"seq\":32,\"at\":\"2026-11-23T10:00:00Z\",\"by\":\"ana\",\"lead\":\"L-00007\",\"op\":\"accept\""),
                as: UTF8.self) + "\n"
        try text.write(toFile: journal, atomically: true, encoding: .utf8)
        let s = try f.open()
        #expect { try s.verify() } throws: { e in
            guard case StoreError.damaged(_, _, _, let reason) = e else { return false }
            return reason == "event 32 is for L-00007, which doesn't exist"
        }
    }
}
