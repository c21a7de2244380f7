import Foundation
import LeadqCodec
import LeadqDemo
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

@Suite struct StoreRoundTripTests {
    @Test func aCreatedStoreReopensEqual() throws {
        let f = StoreFixture()
        let leads = StoreFixture.leads()
        _ = try f.create(leads)
        let reopened = try f.open()
        #expect(try allLeads(reopened) == leads)
        #expect(reopened.settings == Fixture.settings)
        #expect(reopened.lastSeq == leads.map(\.version).max())
        #expect(
            try f.files() == ["journal-000000000032.jsonl", "lock", "settings.json", "snapshot-000000000031.jsonl"])
    }

    @Test func actionsAreSavedAndReplayedOnReopen() throws {
        let f = StoreFixture()
        let s = try f.create()
        let change = try s.perform(.reject(reason: "no-budget", note: "Q1 maybe"), on: "L-00001", as: "ana", at: t1)
        #expect(change.lead.stage == .rejected)
        try s.perform(
            .contact(channel: .call, outcome: .noAnswer, direction: .outbound, note: "rang 3×"), on: "L-00002",
            as: "ana", at: t1)
        let created = try s.transact(as: "mia", at: t1) { tx in try tx.create(Fixture.profile(name: "New One")).lead.id
        }.result
        #expect(created == "L-00005")
        let reopened = try f.open()
        #expect(try allLeads(reopened) == (try allLeads(s)))
        #expect(try reopened.lead("L-00001")?.work.reason == "no-budget")
        #expect(try reopened.lead("L-00002")?.work.contacts.first?.contact.note == "rang 3×")
        #expect(try reopened.lead("L-00005")?.profile.name == "New One")
        #expect(reopened.lastSeq == s.lastSeq)
    }

    @Test func refusalsWriteNothing() throws {
        let f = StoreFixture()
        let s = try f.create()
        let before = try f.bytes(try f.journalPath())
        #expect(throws: Refusal("L-00001 is ana's lead; only ana or a manager can accept it")) {
            try s.perform(.accept, on: "L-00001", as: "ben", at: t1)
        }
        #expect(throws: StoreError.unknownLead("L-09999")) { try s.perform(.accept, on: "L-09999", as: "ana", at: t1) }
        #expect(try f.bytes(try f.journalPath()) == before)
    }

    @Test func queuesFollowTheOwnerIndex() throws {
        let f = StoreFixture()
        let s = try f.create()
        #expect(Set(try s.leads(ownedBy: "ana").map(\.id)) == ["L-00001", "L-00002"])
        #expect(try s.unassigned().map(\.id) == ["L-00003"])
        try s.perform(.assign(to: "ana", rule: nil), on: "L-00004", as: "mia", at: t1)
        try s.perform(.reject(reason: "bad-fit", note: ""), on: "L-00001", as: "ana", at: t1)
        #expect(Set(try s.leads(ownedBy: "ana").map(\.id)) == ["L-00002", "L-00004"])
        #expect(try s.leads(ownedBy: "ben").isEmpty)
        let again = try f.open()
        #expect(Set(try again.leads(ownedBy: "ana").map(\.id)) == ["L-00002", "L-00004"])
        #expect(try again.openCounts() == ["ana": 2])
    }

    @Test func undoLastFindsTheRepsLastActionAcrossReopens() throws {
        let f = StoreFixture()
        let s = try f.create()
        try s.perform(.accept, on: "L-00001", as: "ana", at: t1)
        try s.perform(.reject(reason: "not-now", note: ""), on: "L-00002", as: "ana", at: t1 + 60)
        let reopened = try f.open()
        let undone = try reopened.undoLast(as: "ana", at: t1 + 120)
        #expect(undone.changes[0].lead.id == "L-00002")
        #expect(undone.changes[0].lead.stage == .accepted)
        let second = try reopened.undoLast(as: "ana", at: t1 + 180)
        #expect(second.changes[0].lead.id == "L-00001")
        #expect(second.changes[0].lead.stage == .assigned)
        // The accept of L-00002 made while building the fixture is still undoable: it was remembered in the snapshot.
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

    @Test func demoStoreRoundTripsThroughTheFiles() throws {
        let f = StoreFixture()
        let (settings, leads) = DemoStore(leads: 300, seed: 7, now: Fixture.t0).generate()
        _ = try FileStore.create(at: f.path, settings: settings, leads: leads)
        let s = try f.open()
        #expect(s.leadCount == 300)
        #expect(try allLeads(s) == leads.sorted { LeadID.precedes($0.id, $1.id) })
        // Same seed, same store.
        let (_, again) = DemoStore(leads: 300, seed: 7, now: Fixture.t0).generate()
        #expect(again == leads)
        let stages = Set(leads.map(\.stage))
        #expect(stages == Set(Stage.allCases))
    }

    @Test func hostileTextIsStoredUnchangedAndTheFilesStayInert() throws {
        let f = StoreFixture()
        var p = Fixture.profile(
            name: "Eve\u{1B}]52;c;ZXZpbA==\u{07}\u{1B}[2J", company: "Bidi\u{202E}gnp.exe\u{0}\u{85}\u{9B}31m")
        p.extra = [Attribute("Notes\n", "line1\r\nline2\t\"quoted\"\\")]
        let lead = LeadScript("L-00001", profile: p).lead
        let s = try f.create([lead])
        try s.perform(.assign(to: "ana", rule: nil), on: "L-00001", as: "mia", at: t1)
        try s.perform(
            .contact(
                channel: .call, outcome: .connected, direction: .outbound, note: "\u{1B}[31mred\u{1B}[0m 😀 \u{2066}x"),
            on: "L-00001", as: "ana", at: t1)
        let back = try f.open().lead("L-00001")!
        #expect(back.profile == p)
        #expect(back.work.contacts.first?.contact.note == "\u{1B}[31mred\u{1B}[0m 😀 \u{2066}x")
        for name in try f.files() where name.hasSuffix(".jsonl") {
            let bytes = try f.bytes(f.path + "/" + name)
            #expect(!bytes.contains(0x1B), "\(name) holds a raw ESC")
            #expect(!bytes.contains(0x00), "\(name) holds a raw NUL")
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(
                !text.unicodeScalars.contains {
                    (0x80...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
                        || (0x2066...0x2069).contains($0.value)
                })
        }
    }

    @Test func newerSchemasAreRefused() throws {
        let f = StoreFixture()
        _ = try f.create()
        let settingsPath = f.path + "/settings.json"
        let text = try String(contentsOfFile: settingsPath, encoding: .utf8).replacingOccurrences(
            of: "\"schema\": 1", with: "\"schema\": 2")
        try text.write(toFile: settingsPath, atomically: true, encoding: .utf8)
        #expect(
            throws: StoreError.settings(
                SettingsError(
                    file: settingsPath,
                    message: "written by a newer leadq (settings schema 2); this leadq reads schema 1: upgrade leadq"))
        ) {
            try f.open()
        }
        try text.replacingOccurrences(of: "\"schema\": 2", with: "\"schema\": 1").write(
            toFile: settingsPath, atomically: true, encoding: .utf8)
        let journal = try f.journalPath()
        let header = try String(contentsOfFile: journal, encoding: .utf8)
        // Rewrite the header as a future leadq would: schema 2, freshly checksummed so only the schema differs.
        try Data(sealed("{\"leadq\":\"journal\",\"schema\":2,\"first\":33") + [0x0A]).write(
            to: URL(fileURLWithPath: journal))
        #expect(header.contains("\"schema\":1"))
        #expect(throws: StoreError.newerSchema(file: journal, found: 2, supported: 1)) { try f.open() }
    }

    @Test func missingStoreSaysHowToMakeOne() {
        #expect(throws: StoreError.noStore(path: "/nonexistent/leadq")) { try FileStore.open("/nonexistent/leadq") }
        #expect(
            StoreError.noStore(path: "/x").description
                == "no leadq store at /x (no settings.json there); create one with `leadq init` or `leadq demo`")
    }

    @Test func storeFilesAreOwnerOnlyUnlessGroupSharing() throws {
        let f = StoreFixture()
        let s = try f.create()
        try s.perform(.accept, on: "L-00001", as: "ana", at: t1)
        for name in try f.files() {
            let attrs = try FileManager.default.attributesOfItem(atPath: f.path + "/" + name)
            #expect((attrs[.posixPermissions] as! Int) & 0o077 == 0, "\(name) is readable by others")
        }
        let g = StoreFixture()
        var shared = Fixture.settings
        shared.groupShared = true
        _ = try FileStore.create(at: g.path, settings: shared, leads: StoreFixture.leads())
        for name in try g.files() where name != "lock" {
            let attrs = try FileManager.default.attributesOfItem(atPath: g.path + "/" + name)
            #expect((attrs[.posixPermissions] as! Int) & 0o777 == 0o660, "\(name)")
        }
    }
}

@Suite struct StoreRoleTests {
    @Test func onlyManagersAddLeadsOrChangeProfilesEvenBelowTheCLI() throws {
        let f = StoreFixture()
        let s = try f.create()
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
                "'mallory' is not on the team in this store's settings; use --rep or add them to settings.json")
        ) {
            try s.transact(as: "mallory", at: t1) { tx in try tx.create(Fixture.profile(name: "Sneaky")) }
        }
        #expect(s.leadCount == 4)
    }
}
