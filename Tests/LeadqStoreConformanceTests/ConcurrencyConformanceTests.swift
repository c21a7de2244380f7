import LeadqDomain
import LeadqStore
import LeadqTestSupport
import Testing

/// Two views of one store behave like two processes: separate state, one store.
@Suite struct ConcurrencyConformanceTests {
    @Test(arguments: StoreKinds.all)
    func eachSeesTheOthersChangesOnRefresh(_ kind: StoreKind) throws {
        let place = try kind.place()
        let a = try place.create()
        let b = try place.open()
        try a.perform(.accept, on: "L-00001", as: "ana", at: t1)
        #expect(try b.lead("L-00001")?.stage == .assigned)
        let r = try b.refresh()
        #expect(r.changed == ["L-00001"])
        #expect(try b.lead("L-00001")?.stage == .accepted)
        #expect(try b.refresh().isEmpty)
    }

    @Test(arguments: StoreKinds.all)
    func theSecondToActOnALeadGetsAClearMessage(_ kind: StoreKind) throws {
        let place = try kind.place()
        let dana = try place.create()
        let mia = try place.open()
        try dana.perform(.assign(to: "dana", rule: nil), on: "L-00003", as: "mia", at: t1)
        _ = try mia.refresh()
        try dana.perform(.accept, on: "L-00003", as: "dana", at: t1 + 60)
        try dana.perform(
            .reject(reason: "no-budget", note: ""), on: "L-00003", as: "dana",
            at: Instant(iso8601: "2026-11-23T10:02:00Z")!)
        // mia hasn't refreshed; the write path catches up first, so the rules see the rejection.
        #expect(throws: Refusal("L-00003 was already rejected by dana at 10:02 (no-budget); you can't accept it")) {
            try mia.perform(.accept, on: "L-00003", as: "mia", at: t1 + 120)
        }
    }

    @Test(arguments: StoreKinds.all)
    func actingOnAnOutdatedViewIsRefusedNotApplied(_ kind: StoreKind) throws {
        let place = try kind.place()
        let ana = try place.create()
        let mia = try place.open()
        let seen = try ana.lead("L-00001")!.version
        try mia.perform(
            .assign(to: "ben", rule: nil), on: "L-00001", as: "mia", at: Instant(iso8601: "2026-11-23T10:05:00Z")!)
        #expect(
            throws: Refusal(
                "L-00001 changed meanwhile: assigned to ben by mia at 10:05. Nothing was saved; check it and try again")
        ) {
            try ana.perform(.accept, on: "L-00001", as: "mia", at: t1, expecting: seen)
        }
        #expect(try ana.lead("L-00001")?.owner == "ben")
    }

    @Test(arguments: StoreKinds.all)
    func interleavedWritersLoseNothing(_ kind: StoreKind) throws {
        let place = try kind.place()
        let a = try place.create()
        let b = try place.open()
        try a.perform(.accept, on: "L-00001", as: "ana", at: t1)
        try b.perform(.accept, on: "L-00004", as: "ben", at: t1)
        for i in 0..<20 {
            try a.perform(
                .contact(channel: .call, outcome: .connected, direction: .outbound, note: "a\(i)"), on: "L-00001",
                as: "ana", at: t1 + Int64(i))
            try b.perform(
                .contact(channel: .email, outcome: .replied, direction: .outbound, note: "b\(i)"), on: "L-00004",
                as: "ben", at: t1 + Int64(i))
        }
        let c = try place.open()
        #expect(c.lastSeq == 31 + 42)
        #expect(try c.lead("L-00001")?.work.contacts.map(\.contact.note) == (0..<20).map { "a\($0)" })
        #expect(try c.lead("L-00004")?.work.contacts.map(\.contact.note) == (0..<20).map { "b\($0)" })
        _ = try a.refresh()
        #expect(try allLeads(a) == (try allLeads(c)))
    }
}
