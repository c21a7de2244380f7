import Foundation
import LeadqCodec
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport

/// A store in a temp directory with a few leads: L-00001 assigned to ana, L-00002 accepted by ana,
/// L-00003 new, L-00004 assigned to ben.
struct StoreFixture {
    let dir = TempDirectory("leadq-store")
    var path: String { dir.path + "/store" }

    func create(_ leads: [Lead]? = nil) throws -> FileStore {
        try FileStore.create(at: path, settings: Fixture.settings, leads: leads ?? StoreFixture.leads())
    }

    func open() throws -> FileStore { try FileStore.open(path) }

    static func leads() -> [Lead] {
        [
            LeadScript("L-00001", profile: Fixture.profile(name: "Grace Müller", score: 85), firstSeq: 1).assign("ana")
                .lead,
            LeadScript("L-00002", profile: Fixture.profile(name: "王伟", score: 60), firstSeq: 10).assign("ana").accept(
                by: "ana"
            ).lead,
            LeadScript("L-00003", profile: Fixture.profile(name: "Chloé Dubois", score: 40), firstSeq: 20).lead,
            LeadScript("L-00004", profile: Fixture.profile(name: "Ben's lead", score: 70), firstSeq: 30).assign("ben")
                .lead,
        ]
    }

    func files() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    func journalPath() throws -> String {
        path + "/" + (try files().filter { $0.hasPrefix("journal-") }.last!)
    }

    func bytes(_ file: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: file))) }
}

let t1 = Fixture.t0 + 3600

/// Compares what a reader sees with what was written: every lead, field for field.
func allLeads(_ s: FileStore) throws -> [Lead] {
    var out: [Lead] = []
    try s.forEachLead { out.append($0) }
    return out
}

/// A record as leadq seals it: the bytes, then `,"crc":"…"}` over them.
func sealed(_ body: String) -> [UInt8] {
    let bytes = Array(body.utf8)
    return bytes + Array(",\"crc\":\"\(CRC32.hex(CRC32.checksum(bytes)))\"}".utf8)
}
