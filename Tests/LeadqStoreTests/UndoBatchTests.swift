import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

/// `undo` takes back the actor's last action: the events of one write (a route's assignments) are
/// one action, taken back together or not at all; an import is refused by name.
@Suite struct UndoBatchTests {
    let f = StoreFixture()
    /// The fixture's leads plus five more in the pool (L-00005…L-00009).
    var pool: [String] { (5...9).map { LeadID.make($0) } }

    func store() throws -> FileStore {
        let extra = (5...9).map { n in
            LeadScript(LeadID.make(n), profile: Fixture.profile(name: "Pool \(n)", score: 50), firstSeq: Int64(40 + n))
                .lead
        }
        return try f.create(StoreFixture.leads() + extra)
    }

    /// What `leadq route` does: every decision of the plan staged in one transaction.
    func route(_ s: FileStore, _ ids: [String], at t: Instant) throws {
        try s.transact(as: "mia", at: t) { tx in
            for (i, id) in ids.enumerated() {
                try tx.perform(.assign(to: i % 2 == 0 ? "ana" : "dana", rule: "round-robin"), on: id)
            }
        }
    }

    func stages(_ s: FileStore, _ ids: [String]) throws -> [Stage] { try ids.map { try s.lead($0)!.stage } }

    @Test(arguments: ["same process", "reopened", "compacted"])
    func undoAfterARouteTakesBackEveryAssignmentInOneWrite(_ how: String) throws {
        var s = try store()
        try route(s, pool, at: t1)
        if how != "same process" {
            if how == "compacted" { #expect(try FileStore.compact(f.path) != nil) }
            s = try f.open()
        }
        #expect(try stages(s, pool) == Array(repeating: .assigned, count: 5))
        let before = s.lastSeq
        let undone = try s.undoLast(as: "mia", at: t1 + 60)
        #expect(undone.changes.count == 5)
        #expect(Set(undone.changes.map(\.lead.id)) == Set(pool))
        #expect(undone.action.hasPrefix("5 events at "))
        #expect(try stages(s, pool) == Array(repeating: .new, count: 5))
        #expect(s.lastSeq == before + 5)
        // Saved as one batch: a reader sees all of it, and it survives a reopen.
        let again = try f.open()
        #expect(try stages(again, pool) == Array(repeating: .new, count: 5))
        #expect(try again.lead("L-00001")!.stage == .assigned, "nothing outside the route moved")
    }

    @Test func aRouteWithOneLeadChangedSinceIsRefusedWholeNamingIt() throws {
        let s = try store()
        try route(s, pool, at: t1)
        try s.perform(.accept, on: "L-00005", as: "ana", at: t1 + 30)
        let journal = try f.bytes(try f.journalPath())
        #expect(
            throws: Refusal(
                "can't undo your last action (5 events at 10:00: assign ×5) as a whole: L-00005 changed after that (accepted by ana at 10:00). Nothing was undone"
            )
        ) {
            try s.undoLast(as: "mia", at: t1 + 60)
        }
        #expect(try f.bytes(try f.journalPath()) == journal)
        #expect(try stages(s, pool) == [.accepted, .assigned, .assigned, .assigned, .assigned])
    }

    @Test func undoTwiceTakesBackTwoRoutesOneAfterTheOther() throws {
        let s = try store()
        try route(s, Array(pool.prefix(2)), at: t1)
        try route(s, Array(pool.suffix(3)), at: t1 + 60)
        #expect(try s.undoLast(as: "mia", at: t1 + 120).changes.count == 3)
        #expect(try stages(s, pool) == [.assigned, .assigned, .new, .new, .new])
        #expect(try s.undoLast(as: "mia", at: t1 + 180).changes.count == 2)
        #expect(try stages(s, pool) == Array(repeating: .new, count: 5))
        // The fixture's own assignments by mia (remembered one by one in the snapshot) come next.
        #expect(try s.undoLast(as: "mia", at: t1 + 240).changes.map(\.lead.id) == ["L-00004"])
    }

    @Test(arguments: [false, true])
    func anImportIsRefusedByNameAndNothingOlderIsUndone(_ compacted: Bool) throws {
        var s = try store()
        try s.perform(.assign(to: "ben", rule: nil), on: "L-00003", as: "mia", at: t1)
        try s.transact(as: "mia", at: t1 + 60) { tx in
            for n in 0..<3 {
                let c = try tx.create(Fixture.profile(name: "Imported \(n)", email: "i\(n)@example.com"))
                if n < 2 { try tx.perform(.assign(to: "ana", rule: "import"), on: c.lead.id) }
            }
        }
        if compacted {
            #expect(try FileStore.compact(f.path) != nil)
            s = try f.open()
        }
        let seq = s.lastSeq
        #expect(
            throws: Refusal(
                "your last action, the import at 10:01 (3 leads created, 0 updated, 2 assigned), can't be undone: the leads an import creates stay (reassign or reject them one by one). Nothing was undone"
            )
        ) {
            try s.undoLast(as: "mia", at: t1 + 120)
        }
        #expect(s.lastSeq == seq)
        #expect(try s.lead("L-00003")!.stage == .assigned, "the assignment before the import stays")
    }

    /// An import that only refreshed leads (and assigned some) is taken back whole: every field it
    /// changed gets its old value back.
    @Test(arguments: [false, true])
    func anImportThatOnlyUpdatedIsUndoneWhole(_ compacted: Bool) throws {
        var s = try store()
        let ids = Array(pool.prefix(3))
        let before = try ids.map { try s.lead($0)!.profile }
        try s.transact(as: "mia", at: t1) { tx in
            for id in ids {
                var p = try tx.lead(id)!.profile
                p.company = "Renamed \(id)"
                p.score = 90
                _ = try tx.update(id, profile: p)
            }
            try tx.perform(.assign(to: "ana", rule: "import"), on: ids[0])
        }
        if compacted {
            #expect(try FileStore.compact(f.path) != nil)
            s = try f.open()
        }
        let undone = try s.undoLast(as: "mia", at: t1 + 60)
        #expect(undone.changes.count == 4)
        #expect(undone.action.hasPrefix("the import at 10:00 (0 leads created, 3 updated, 1 assigned)"))
        #expect(try ids.map { try s.lead($0)!.profile } == before)
        #expect(try stages(s, ids) == [.new, .new, .new])
        #expect(try ids.map { try f.open().lead($0)!.profile } == before)
    }

    @Test func aSingleActionIsUndoneAsBefore() throws {
        let s = try store()
        try route(s, pool, at: t1)
        try s.perform(.assign(to: "ben", rule: nil), on: "L-00003", as: "mia", at: t1 + 60)
        let undone = try s.undoLast(as: "mia", at: t1 + 120)
        #expect(undone.changes.map(\.lead.id) == ["L-00003"])
        #expect(try s.lead("L-00003")!.stage == .new)
        #expect(try stages(s, pool) == Array(repeating: .assigned, count: 5))
    }
}
