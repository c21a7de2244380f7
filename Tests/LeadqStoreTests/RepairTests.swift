import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

/// No single record can brick a store: each kind of record damaged in turn, `repair` sets it aside,
/// keeps its bytes, says what it did, and every other lead reads exactly as before.
@Suite struct RepairTests {
    /// A store with a snapshot, then single events and a batch in the journal:
    /// L-00001 accepted (event), L-00002 called twice (a batch), L-00004 accepted.
    func store() throws -> (StoreFixture, [String: Lead]) {
        let f = StoreFixture()
        let s = try f.create()
        try s.perform(.accept, on: "L-00001", as: "ana", at: t1)
        try s.transact(as: "ana", at: t1 + 60) { tx in
            try tx.perform(
                .contact(channel: .call, outcome: .noAnswer, direction: .outbound, note: "one"), on: "L-00002")
            try tx.perform(
                .contact(channel: .call, outcome: .connected, direction: .outbound, note: "two"), on: "L-00002")
        }
        try s.perform(.accept, on: "L-00004", as: "ben", at: t1 + 120)
        var leads: [String: Lead] = [:]
        for l in try allLeads(s) { leads[l.id] = l }
        return (f, leads)
    }

    func file(_ f: StoreFixture, _ prefix: String) throws -> String {
        f.path + "/" + (try f.files().first { $0.hasPrefix(prefix) }!)
    }

    func edit(_ path: String, line: Int, _ change: (String) -> String) throws {
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        lines[line - 1] = change(lines[line - 1])
        try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// Damages, checks the store is refused, repairs as the manager, checks the result.
    func repaired(_ f: StoreFixture, refusedBefore: Bool = true) throws -> RepairReport {
        if refusedBefore { #expect(throws: StoreError.self) { try f.open().verify() } }
        #expect(throws: Refusal.self) { try FileStore.repair(f.path, as: "ana", at: t1 + 600) }
        let dry = try FileStore.repair(f.path, as: "mia", at: t1 + 600, dryRun: true)
        let report = try FileStore.repair(f.path, as: "mia", at: t1 + 600)
        #expect(dry.items == report.items)
        _ = try f.open().verify()
        for item in report.items {
            #expect(FileManager.default.fileExists(atPath: f.path + "/" + item.copy), "\(item.copy)")
        }
        // Nothing more to do.
        #expect(try FileStore.repair(f.path, as: "mia", at: t1 + 700).isEmpty)
        return report
    }

    func expectUnchanged(_ f: StoreFixture, _ before: [String: Lead], except: Set<String>) throws {
        let s = try f.open()
        for (id, lead) in before where !except.contains(id) {
            #expect(try s.lead(id) == lead, "\(id)")
        }
        // And the store takes writes again.
        _ = try s.perform(
            .contact(channel: .email, outcome: .replied, direction: .inbound, note: "after"), on: "L-00004", as: "ben",
            at: t1 + 800)
        _ = try f.open().verify()
    }

    @Test func aSnapshotLeadLine() throws {
        let (f, before) = try store()
        try edit(try file(f, "snapshot-"), line: 4) { $0.replacingOccurrences(of: "Chlo", with: "Chlp") }
        let report = try repaired(f)
        #expect(report.items.map(\.lead) == ["L-00003"])
        #expect(report.items[0].outcome.contains("gone"))
        let s = try f.open()
        #expect(try s.lead("L-00003") == nil)
        try expectUnchanged(f, before, except: ["L-00003"])
    }

    @Test func theSnapshotHeaderQueueIndexAndTrailer() throws {
        // Lines 6 to 8 are the queue index (ana's, ben's, the pool's), line 9 the lead briefs, line
        // 10 the trailer.
        for (line, key) in [(1, "\"seq\""), (6, "\"refs\""), (8, "\"refs\""), (9, "\"briefs\""), (10, "\"seq\"")] {
            let (f, before) = try store()
            try edit(try file(f, "snapshot-"), line: line) { $0.replacingOccurrences(of: key, with: "\"sex\"") }
            let report = try repaired(f)
            #expect(report.rewritten.contains { $0.hasPrefix("snapshot-") })
            try expectUnchanged(f, before, except: [])
        }
    }

    @Test func aJournalEvent() throws {
        let (f, before) = try store()
        try edit(try file(f, "journal-"), line: 2) { $0.replacingOccurrences(of: "\"accept\"", with: "\"accepx\"") }
        let report = try repaired(f)
        #expect(report.items.map(\.lead) == ["L-00001"])
        let l = try f.open().lead("L-00001")!
        #expect(l.stage == .assigned)
        #expect(l.history.last.map { Describe.op($0.op) }?.contains("set aside by repair") == true)
        try expectUnchanged(f, before, except: ["L-00001"])
    }

    @Test func anEventInsideABatch() throws {
        let (f, before) = try store()
        try edit(try file(f, "journal-"), line: 3) { $0.replacingOccurrences(of: "one", with: "onf") }
        let report = try repaired(f)
        #expect(report.items.map(\.lead) == ["L-00002"])
        #expect(try f.open().lead("L-00002")!.work.contacts.map(\.contact.note) == ["two"])
        try expectUnchanged(f, before, except: ["L-00002"])
    }

    @Test func theJournalHeader() throws {
        let (f, before) = try store()
        try edit(try file(f, "journal-"), line: 1) { $0.replacingOccurrences(of: "journal", with: "journax") }
        _ = try repaired(f)
        try expectUnchanged(f, before, except: [])
    }

    @Test func aRepeatedRecord() throws {
        let (f, before) = try store()
        let j = try file(f, "journal-")
        let lines = try String(contentsOfFile: j, encoding: .utf8).split(separator: "\n")
        try (lines.joined(separator: "\n") + "\n" + lines[1] + "\n").write(
            toFile: j, atomically: false, encoding: .utf8)
        let report = try repaired(f)
        #expect(report.items.count == 1)
        #expect(report.items[0].reason.contains("second time"))
        try expectUnchanged(f, before, except: [])
    }

    @Test func aMissingMiddleJournal() throws {
        let f = StoreFixture()
        let s = try f.create()
        try s.perform(.accept, on: "L-00001", as: "ana", at: t1)
        // A compaction killed after it started a new journal, twice.
        for _ in 0..<2 {
            let fs = FaultyFileSystem(plan: {
                $0.op == .open && $0.path.contains(".jsonl.tmp-") && $0.path.contains("snapshot-") ? .error(EIO) : nil
            })
            _ = try? FileStore.compact(f.path, fs: fs)
            try s.perform(
                .contact(channel: .call, outcome: .connected, direction: .outbound, note: "n"), on: "L-00002",
                as: "ana", at: t1 + 60)
        }
        let journals = try f.files().filter { $0.hasPrefix("journal-") }
        #expect(journals.count == 3)
        try FileManager.default.removeItem(atPath: f.path + "/" + journals[1])
        let report = try repaired(f)
        #expect(report.missing.count == 1)
        #expect(try f.open().lead("L-00002")!.work.contacts.count == 1)
        #expect(try f.open().lead("L-00001")!.stage == .accepted)
    }

    @Test func anEventForALeadWhoseRecordWasSetAside() throws {
        let (f, before) = try store()
        try edit(try file(f, "snapshot-"), line: 2) { $0.replacingOccurrences(of: "Grace", with: "Grach") }
        let report = try repaired(f)
        // The lead's snapshot record, and its accept event after it.
        #expect(Set(report.items.compactMap(\.lead)) == ["L-00001"])
        #expect(report.items.count == 2)
        try expectUnchanged(f, before, except: ["L-00001"])
    }

    @Test func aTornTailIsSetAsideToo() throws {
        let (f, before) = try store()
        let j = try file(f, "journal-")
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: j))
        h.seekToEndOfFile()
        h.write(Data("{\"seq\":99,\"at\":\"2026".utf8))
        try h.close()
        let report = try repaired(f, refusedBefore: false)
        #expect(report.items.count == 1)
        #expect(report.items[0].outcome.contains("never reported saved"))
        try expectUnchanged(f, before, except: [])
    }

    @Test func aDamagedSettingsFileIsForTheManagerToFix() throws {
        let (f, _) = try store()
        try "{\"schema\":1,\"sla\":{\"decisonHours\":3}}".write(
            toFile: f.path + "/settings.json", atomically: true, encoding: .utf8)
        let error = #expect(throws: StoreError.self) { try FileStore.repair(f.path, as: "mia", at: t1) }
        #expect(error?.description.contains("decisonHours") == true)
    }
}
