import LeadqDomain
import LeadqStore
import LeadqTestSupport
import Testing

/// `undo` takes back the actor's last action: the events of one write (a route's assignments) are
/// one action, taken back together or not at all; an import is refused by name.
@Suite struct UndoBatchConformanceTests {
    /// The fixture's leads plus five more in the pool (L-00005…L-00009).
    var pool: [String] { (5...9).map { LeadID.make($0) } }

    func store(_ place: StorePlace) throws -> any LeadStore {
        let extra = (5...9).map { n in
            LeadScript(LeadID.make(n), profile: Fixture.profile(name: "Pool \(n)", score: 50), firstSeq: Int64(40 + n))
                .lead
        }
        return try place.create(leads: Fixture.storeLeads() + extra)
    }

    /// What `leadq route` does: every decision of the plan staged in one transaction.
    func route(_ s: any LeadStore, _ ids: [String], at t: Instant) throws {
        try s.transact(as: "mia", at: t) { tx in
            for (i, id) in ids.enumerated() {
                try tx.perform(.assign(to: i % 2 == 0 ? "ana" : "dana", rule: "round-robin"), on: id)
            }
        }
    }

    func stages(_ s: any LeadStore, _ ids: [String]) throws -> [Stage] { try ids.map { try s.lead($0)!.stage } }

    @Test(arguments: StoreKinds.all, ["same process", "reopened", "compacted"])
    func undoAfterARouteTakesBackEveryAssignmentInOneWrite(_ kind: StoreKind, _ how: String) throws {
        let place = try kind.place()
        var s = try store(place)
        try route(s, pool, at: t1)
        if how != "same process" {
            if how == "compacted" { #expect(try compacted(s, kind)) }
            s = try place.open()
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
        let again = try place.open()
        #expect(try stages(again, pool) == Array(repeating: .new, count: 5))
        #expect(try again.lead("L-00001")!.stage == .assigned, "nothing outside the route moved")
    }

    @Test(arguments: StoreKinds.all)
    func aRouteWithOneLeadChangedSinceIsRefusedWholeNamingIt(_ kind: StoreKind) throws {
        let place = try kind.place()
        let s = try store(place)
        try route(s, pool, at: t1)
        try s.perform(.accept, on: "L-00005", as: "ana", at: t1 + 30)
        let before = try place.contents()
        #expect(
            throws: Refusal(
                "can't undo your last action (5 events at 10:00: assign ×5) as a whole: L-00005 changed after that (accepted by ana at 10:00). Nothing was undone"
            )
        ) {
            try s.undoLast(as: "mia", at: t1 + 60)
        }
        #expect(try place.contents() == before)
        #expect(try stages(s, pool) == [.accepted, .assigned, .assigned, .assigned, .assigned])
    }

    @Test(arguments: StoreKinds.all)
    func undoTwiceTakesBackTwoRoutesOneAfterTheOther(_ kind: StoreKind) throws {
        let place = try kind.place()
        let s = try store(place)
        try route(s, Array(pool.prefix(2)), at: t1)
        try route(s, Array(pool.suffix(3)), at: t1 + 60)
        #expect(try s.undoLast(as: "mia", at: t1 + 120).changes.count == 3)
        #expect(try stages(s, pool) == [.assigned, .assigned, .new, .new, .new])
        #expect(try s.undoLast(as: "mia", at: t1 + 180).changes.count == 2)
        #expect(try stages(s, pool) == Array(repeating: .new, count: 5))
        // The fixture's own assignments by mia (remembered one by one) come next.
        #expect(try s.undoLast(as: "mia", at: t1 + 240).changes.map(\.lead.id) == ["L-00004"])
    }

    @Test(arguments: StoreKinds.all, [false, true])
    func anImportIsRefusedByNameAndNothingOlderIsUndone(_ kind: StoreKind, _ compact: Bool) throws {
        let place = try kind.place()
        var s = try store(place)
        try s.perform(.assign(to: "ben", rule: nil), on: "L-00003", as: "mia", at: t1)
        try s.transact(as: "mia", at: t1 + 60) { tx in
            for n in 0..<3 {
                let c = try tx.create(Fixture.profile(name: "Imported \(n)", email: "i\(n)@example.com"))
                if n < 2 { try tx.perform(.assign(to: "ana", rule: "import"), on: c.lead.id) }
            }
        }
        if compact {
            #expect(try compacted(s, kind))
            s = try place.open()
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
    @Test(arguments: StoreKinds.all, [false, true])
    func anImportThatOnlyUpdatedIsUndoneWhole(_ kind: StoreKind, _ compact: Bool) throws {
        let place = try kind.place()
        var s = try store(place)
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
        if compact {
            #expect(try compacted(s, kind))
            s = try place.open()
        }
        let undone = try s.undoLast(as: "mia", at: t1 + 60)
        #expect(undone.changes.count == 4)
        #expect(undone.action.hasPrefix("the import at 10:00 (0 leads created, 3 updated, 1 assigned)"))
        #expect(try ids.map { try s.lead($0)!.profile } == before)
        #expect(try stages(s, ids) == [.new, .new, .new])
        #expect(try ids.map { try place.open().lead($0)!.profile } == before)
    }

    @Test(arguments: StoreKinds.all)
    func aSingleActionIsUndoneAsBefore(_ kind: StoreKind) throws {
        let place = try kind.place()
        let s = try store(place)
        try route(s, pool, at: t1)
        try s.perform(.assign(to: "ben", rule: nil), on: "L-00003", as: "mia", at: t1 + 60)
        let undone = try s.undoLast(as: "mia", at: t1 + 120)
        #expect(undone.changes.map(\.lead.id) == ["L-00003"])
        #expect(try s.lead("L-00003")!.stage == .new)
        #expect(try stages(s, pool) == Array(repeating: .assigned, count: 5))
    }
}
