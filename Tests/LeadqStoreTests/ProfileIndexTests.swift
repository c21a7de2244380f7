import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

@testable import LeadqFileStore

/// The file store's index of leads by source key and email reads the snapshot's bytes (what every
/// store's lookups answer is in LeadqStoreConformanceTests).
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
