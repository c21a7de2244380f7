import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

@testable import LeadqFileStore

/// The store's index of leads by source key and email: built lazily from the snapshot and the
/// journal, kept current by every applied event (ours or another process's), rebuilt after reopening.
@Suite struct ProfileIndexTests {
    static func profile(_ originId: String, email: String, origin: String = "salesforce") -> Profile {
        var p = Fixture.profile(name: "P \(originId)", email: email)
        p.origin = origin
        p.originId = originId
        return p
    }

    static func leads() -> [Lead] {
        [
            LeadScript("L-00001", profile: profile("00Q1", email: "grace@acme.example"), firstSeq: 1).assign("ana")
                .lead,
            LeadScript("L-00002", profile: profile("00Q2", email: " Grace@ACME.example "), firstSeq: 10).lead,
            LeadScript("L-00003", profile: profile("501", email: "", origin: "hubspot"), firstSeq: 20).lead,
        ]
    }

    func lookups(_ s: FileStore) throws -> [String] {
        try ["salesforce:00Q1", "salesforce:00Q2", "hubspot:501", "salesforce:00Q9", "hubspot:77"].map {
            try s.leadIDs(originKey: $0).joined(separator: "+")
        }
            + ["grace@acme.example", "new@x.example", "other@x.example"].map {
                try s.leadIDs(email: $0).joined(separator: "+")
            }
    }

    @Test func builtFromTheSnapshotAndTheJournal() throws {
        let f = StoreFixture()
        let s = try FileStore.create(at: f.path, settings: Fixture.settings, leads: Self.leads())
        // Journal events before the index exists: a new lead, and L-00002's email changed.
        try s.transact(as: "mia", at: t1) { tx in
            try tx.create(Self.profile("77", email: "new@x.example", origin: "hubspot"))
            try tx.update("L-00002", profile: Self.profile("00Q2", email: "other@x.example"))
        }
        let expected = ["L-00001", "L-00002", "L-00003", "", "L-00004", "L-00001", "L-00004", "L-00002"]
        #expect(try lookups(s) == expected)
        #expect(try lookups(try f.open()) == expected)
        // Let go and built again from the same state.
        s.releaseProfileIndex()
        #expect(try lookups(s) == expected)
        #expect(try s.leadIDs(email: "") == [])
        #expect(try s.leadIDs(originKey: "") == [])
    }

    @Test func keptCurrentByOurWritesAndOtherProcesses() throws {
        let f = StoreFixture()
        let s = try FileStore.create(at: f.path, settings: Fixture.settings, leads: Self.leads())
        #expect(try s.leadIDs(email: "GRACE@acme.example") == ["L-00001", "L-00002"])  // built now
        try s.transact(as: "mia", at: t1) { tx in
            try tx.update("L-00001", profile: Self.profile("00Q1", email: "new@x.example"))
        }
        #expect(try s.leadIDs(email: "grace@acme.example") == ["L-00002"])
        #expect(try s.leadIDs(email: "new@x.example") == ["L-00001"])
        #expect(try s.indexedProfile("L-00001") == Self.profile("00Q1", email: "new@x.example"))
        #expect(try s.indexedProfile("L-00009") == nil)
        // Another process creates a lead sharing an email, and re-keys L-00003.
        let other = try f.open()
        try other.transact(as: "mia", at: t1) { tx in
            try tx.create(Self.profile("00Q9", email: "new@x.example"))
            try tx.update("L-00003", profile: Self.profile("502", email: "", origin: "hubspot"))
        }
        try s.refresh()
        #expect(try s.leadIDs(email: "new@x.example") == ["L-00001", "L-00004"])
        #expect(try s.indexedProfile("L-00003") == Self.profile("502", email: "", origin: "hubspot"))
        #expect(try s.leadIDs(originKey: "salesforce:00Q9") == ["L-00004"])
        #expect(try s.leadIDs(originKey: "hubspot:501") == [])
        #expect(try s.leadIDs(originKey: "hubspot:502") == ["L-00003"])
        // Work on a lead (not a profile change) leaves the index alone.
        try s.perform(.accept, on: "L-00001", as: "ana", at: t1)
        #expect(try s.leadIDs(originKey: "salesforce:00Q1") == ["L-00001"])
    }

    @Test func thePoolsIdsMatchThePool() throws {
        let f = StoreFixture()
        let s = try f.create()
        #expect(try s.unassignedIDs() == ["L-00003"])
        try s.perform(.assign(to: "ana", rule: nil), on: "L-00003", as: "mia", at: t1)
        try s.transact(as: "mia", at: t1) { tx in try tx.create(Self.profile("9", email: "")) }
        try s.perform(.clawback(reason: "not-now", note: ""), on: "L-00001", as: "ana", at: t1)
        try s.perform(.release(note: ""), on: "L-00001", as: "mia", at: t1)
        #expect(try s.unassignedIDs() == ["L-00001", "L-00005"])
        #expect(try s.unassignedIDs() == Set(try s.unassigned().map(\.id)))
        _ = try FileStore.compact(f.path)
        #expect(try f.open().unassignedIDs() == ["L-00001", "L-00005"])
    }

    @Test func aTransactionTellsTheIdItsNextCreateGives() throws {
        let f = StoreFixture()
        let s = try FileStore.create(at: f.path, settings: Fixture.settings, leads: Self.leads())
        try s.transact(as: "mia", at: t1) { tx in
            #expect(tx.nextLeadID == "L-00004")
            let made = try tx.create(Self.profile("1", email: ""))
            #expect(made.lead.id == "L-00004")
            #expect(tx.nextLeadID == "L-00005")
        }
        #expect(try s.lead("L-00004")?.profile.originId == "1")
        #expect(try s.lead("L-00005") == nil)
    }

    @Test func correctAcrossCompactionAndReopening() throws {
        let f = StoreFixture()
        let s = try FileStore.create(at: f.path, settings: Fixture.settings, leads: Self.leads())
        _ = try s.leadIDs(email: "x")
        try s.transact(as: "mia", at: t1) { tx in try tx.create(Self.profile("00Q5", email: "grace@acme.example")) }
        #expect(try FileStore.compact(f.path) != nil)
        // After the compaction: more writes by another process, then ours.
        let other = try f.open()
        try other.transact(as: "mia", at: t1) { tx in try tx.create(Self.profile("00Q6", email: "grace@acme.example")) }
        try s.transact(as: "mia", at: t1) { tx in
            try tx.update("L-00002", profile: Self.profile("00Q2", email: "moved@x.example"))
        }
        let expected = ["L-00001", "L-00004", "L-00005"]
        #expect(try s.leadIDs(email: "grace@acme.example") == expected)
        #expect(
            try other.leadIDs(email: "grace@acme.example") == ["L-00001", "L-00002", "L-00004", "L-00005"],
            "not caught up yet")
        try other.refresh()
        #expect(try other.leadIDs(email: "grace@acme.example") == expected)
        let fresh = try f.open()
        #expect(try fresh.leadIDs(email: "grace@acme.example") == expected)
        #expect(try fresh.leadIDs(email: "moved@x.example") == ["L-00002"])
        #expect(try fresh.leadIDs(originKey: "salesforce:00Q6") == ["L-00005"])
    }

    @Test func aDamagedSnapshotLineIsReportedWhenTheIndexIsBuilt() throws {
        let f = StoreFixture()
        _ = try FileStore.create(at: f.path, settings: Fixture.settings, leads: Self.leads())
        let snap = f.path + "/" + (try f.files().first { $0.hasPrefix("snapshot-") }!)
        var bytes = try f.bytes(snap)
        let newlines = bytes.enumerated().filter { $0.element == 0x0A }.map(\.offset)
        // A byte of L-00003's profile (line 4) flipped: opening doesn't read it, the index build does.
        let line4 = newlines[2] + 1
        let name = Array("P 501".utf8)
        let at = (line4..<bytes.count).first { Array(bytes[$0..<$0 + name.count]) == name }! + 2
        bytes[at] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: snap))
        let s = try f.open()
        #expect { try s.leadIDs(email: "x@y") } throws: { e in
            guard case StoreError.damaged(let file, let offset, let line, let reason) = e else { return false }
            return file == snap && offset == line4 && line == 4 && reason.hasPrefix("checksum mismatch")
        }
    }
}
