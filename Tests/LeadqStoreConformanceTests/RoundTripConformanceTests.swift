import LeadqDemo
import LeadqDomain
import LeadqStore
import LeadqTestSupport
import Testing

/// What every store keeps: the leads it was made with, each saved action, refusals saving nothing.
@Suite struct RoundTripConformanceTests {
    @Test(arguments: StoreKinds.all)
    func aCreatedStoreReopensEqual(_ kind: StoreKind) throws {
        let place = try kind.place()
        let leads = Fixture.storeLeads()
        _ = try place.create(leads: leads)
        let reopened = try place.open()
        #expect(try allLeads(reopened) == leads)
        #expect(reopened.settings == Fixture.settings)
        #expect(reopened.lastSeq == leads.map(\.version).max())
    }

    @Test(arguments: StoreKinds.all)
    func actionsAreSavedAndReplayedOnReopen(_ kind: StoreKind) throws {
        let place = try kind.place()
        let s = try place.create()
        let change = try s.perform(.reject(reason: "no-budget", note: "Q1 maybe"), on: "L-00001", as: "ana", at: t1)
        #expect(change.lead.stage == .rejected)
        try s.perform(
            .contact(channel: .call, outcome: .noAnswer, direction: .outbound, note: "rang 3×"), on: "L-00002",
            as: "ana", at: t1)
        let created = try s.transact(as: "mia", at: t1) { tx in try tx.create(Fixture.profile(name: "New One")).lead.id
        }.result
        #expect(created == "L-00005")
        let reopened = try place.open()
        #expect(try allLeads(reopened) == (try allLeads(s)))
        #expect(try reopened.lead("L-00001")?.work.reason == "no-budget")
        #expect(try reopened.lead("L-00002")?.work.contacts.first?.contact.note == "rang 3×")
        #expect(try reopened.lead("L-00005")?.profile.name == "New One")
        #expect(reopened.lastSeq == s.lastSeq)
    }

    @Test(arguments: StoreKinds.all)
    func refusalsWriteNothing(_ kind: StoreKind) throws {
        let place = try kind.place()
        let s = try place.create()
        let before = try place.contents()
        #expect(throws: Refusal("L-00001 is ana's lead; only ana or a manager can accept it")) {
            try s.perform(.accept, on: "L-00001", as: "ben", at: t1)
        }
        #expect(throws: StoreError.unknownLead("L-09999")) { try s.perform(.accept, on: "L-09999", as: "ana", at: t1) }
        #expect(try place.contents() == before)
    }

    @Test(arguments: StoreKinds.all)
    func queuesFollowTheOwnerIndex(_ kind: StoreKind) throws {
        let place = try kind.place()
        let s = try place.create()
        #expect(Set(try s.leads(ownedBy: "ana").map(\.id)) == ["L-00001", "L-00002"])
        #expect(try s.unassigned().map(\.id) == ["L-00003"])
        try s.perform(.assign(to: "ana", rule: nil), on: "L-00004", as: "mia", at: t1)
        try s.perform(.reject(reason: "bad-fit", note: ""), on: "L-00001", as: "ana", at: t1)
        #expect(Set(try s.leads(ownedBy: "ana").map(\.id)) == ["L-00002", "L-00004"])
        #expect(try s.leads(ownedBy: "ben").isEmpty)
        let again = try place.open()
        #expect(Set(try again.leads(ownedBy: "ana").map(\.id)) == ["L-00002", "L-00004"])
        #expect(try again.openCounts() == ["ana": 2])
    }

    @Test(arguments: StoreKinds.all)
    func undoLastFindsTheRepsLastActionAcrossReopens(_ kind: StoreKind) throws {
        let place = try kind.place()
        let s = try place.create()
        try s.perform(.accept, on: "L-00001", as: "ana", at: t1)
        try s.perform(.reject(reason: "not-now", note: ""), on: "L-00002", as: "ana", at: t1 + 60)
        let reopened = try place.open()
        let undone = try reopened.undoLast(as: "ana", at: t1 + 120)
        #expect(undone.changes[0].lead.id == "L-00002")
        #expect(undone.changes[0].lead.stage == .accepted)
        let second = try reopened.undoLast(as: "ana", at: t1 + 180)
        #expect(second.changes[0].lead.id == "L-00001")
        #expect(second.changes[0].lead.stage == .assigned)
        // The accept of L-00002 made while building the fixture is still undoable: the store remembers it.
        let third = try reopened.undoLast(as: "ana", at: t1 + 240)
        #expect(third.changes[0].lead.id == "L-00002")
        #expect(third.changes[0].lead.stage == .assigned)
        #expect(throws: Refusal("nothing of ben's to undo from the last 24 h")) {
            try reopened.undoLast(as: "ben", at: t1)
        }
        // Undo reaches back only as far as the settings say.
        try reopened.perform(.reject(reason: "not-now", note: ""), on: "L-00002", as: "ana", at: t1 + 300)
        #expect(throws: Refusal("nothing of ana's to undo from the last 24 h")) {
            try reopened.undoLast(as: "ana", at: t1 + 300 + 24 * 3600 + 1)
        }
        #expect(try reopened.undoLast(as: "ana", at: t1 + 300 + 24 * 3600).changes[0].lead.stage == .assigned)
    }

    @Test(arguments: StoreKinds.all)
    func demoStoreRoundTrips(_ kind: StoreKind) throws {
        let place = try kind.place()
        let (settings, leads) = DemoStore(leads: 300, seed: 7, now: Fixture.t0).generate()
        _ = try place.create(settings: settings, leads: leads)
        let s = try place.open()
        #expect(try leadCount(s) == 300)
        #expect(try allLeads(s) == leads.sorted { LeadID.precedes($0.id, $1.id) })
        #expect(try s.verify().leads == 300)
        // Same seed, same store.
        let (_, again) = DemoStore(leads: 300, seed: 7, now: Fixture.t0).generate()
        #expect(again == leads)
        let stages = Set(leads.map(\.stage))
        #expect(stages == Set(Stage.allCases))
    }

    @Test(arguments: StoreKinds.all)
    func hostileTextIsStoredUnchanged(_ kind: StoreKind) throws {
        let place = try kind.place()
        var p = Fixture.profile(
            name: "Eve\u{1B}]52;c;ZXZpbA==\u{07}\u{1B}[2J", company: "Bidi\u{202E}gnp.exe\u{0}\u{85}\u{9B}31m")
        p.extra = [Attribute("Notes\n", "line1\r\nline2\t\"quoted\"\\")]
        p.email = "nul\u{0}@x.example"
        let lead = LeadScript("L-00001", profile: p).lead
        let s = try place.create(leads: [lead])
        try s.perform(.assign(to: "ana", rule: nil), on: "L-00001", as: "mia", at: t1)
        try s.perform(
            .contact(
                channel: .call, outcome: .connected, direction: .outbound, note: "\u{1B}[31mred\u{1B}[0m 😀 \u{2066}x"),
            on: "L-00001", as: "ana", at: t1)
        let back = try place.open().lead("L-00001")!
        #expect(back.profile == p)
        #expect(back.work.contacts.first?.contact.note == "\u{1B}[31mred\u{1B}[0m 😀 \u{2066}x")
        #expect(try place.open().leadIDs(email: "nul\u{0}@x.example") == ["L-00001"])
    }
}

@Suite struct StoreRoleConformanceTests {
    @Test(arguments: StoreKinds.all)
    func onlyManagersAddLeadsOrChangeProfilesEvenBelowTheCLI(_ kind: StoreKind) throws {
        let place = try kind.place()
        let s = try place.create()
        #expect(throws: Refusal("only a manager can add leads; ana is a rep")) {
            try s.transact(as: "ana", at: t1) { tx in try tx.create(Fixture.profile(name: "Sneaky")) }
        }
        #expect(throws: Refusal("only a manager can change a lead's profile; ana is a rep")) {
            try s.transact(as: "ana", at: t1) { tx in
                try tx.update("L-00001", profile: Fixture.profile(name: "Renamed"))
            }
        }
        #expect(
            throws: Refusal(
                "'mallory' is not on the team in this store's settings; use --rep or add them to the team with `leadq team add`"
            )
        ) {
            try s.transact(as: "mallory", at: t1) { tx in try tx.create(Fixture.profile(name: "Sneaky")) }
        }
        #expect(try leadCount(s) == 4)
        #expect(try leadCount(try place.open()) == 4)
    }
}
