import Foundation
import LeadqCodec
import LeadqDemo
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

/// What only the file store has: its file names, its bytes, its permissions. What every store does
/// is in LeadqStoreConformanceTests.
@Suite struct StoreRoundTripTests {
    @Test func aCreatedStoreIsASnapshotAJournalAndItsSettings() throws {
        let f = StoreFixture()
        _ = try f.create()
        #expect(
            try f.files() == ["journal-000000000032.jsonl", "lock", "settings.json", "snapshot-000000000031.jsonl"])
    }

    @Test func demoStoreCountsItsLeadsFromTheSnapshot() throws {
        let f = StoreFixture()
        let (settings, leads) = DemoStore(leads: 300, seed: 7, now: Fixture.t0).generate()
        _ = try FileStore.create(at: f.path, settings: settings, leads: leads)
        #expect(try f.open().leadCount == 300)
    }

    @Test func hostileTextLeavesTheFilesInert() throws {
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
