import Foundation
import LeadqCodec
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

/// A file store in a temp directory holding `Fixture.storeLeads()`.
struct StoreFixture {
    let dir = TempDirectory("leadq-store")
    var path: String { dir.path + "/store" }

    func create(_ leads: [Lead]? = nil) throws -> FileStore {
        try FileStore.create(at: path, settings: Fixture.settings, leads: leads ?? StoreFixture.leads())
    }

    func open() throws -> FileStore { try FileStore.open(path) }

    static func leads() -> [Lead] { Fixture.storeLeads() }

    func files() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    func journalPath() throws -> String {
        path + "/" + (try files().filter { $0.hasPrefix("journal-") }.last!)
    }

    func bytes(_ file: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: file))) }

    /// `body` written (as mia, at t1) on the store opened on a file system whose third write to
    /// the journal fails (a full disk): the write must be refused, and the journal's bytes and the
    /// store's leads must be as they were.
    func expectAFailedJournalWriteLeavesNothing(_ body: (any LeadTransaction) throws -> Void) throws {
        let journal = try journalPath()
        let before = try bytes(journal)
        var writes = 0
        let fs = FaultyFileSystem(plan: { call in
            guard call.op == .write, call.path == journal else { return nil }
            writes += 1
            return writes == 3 ? .error(ENOSPC) : nil
        })
        let s = try FileStore.open(path, fs: fs)
        #expect(throws: StoreError.self) { try s.transact(as: "mia", at: t1, applyHere: false, body) }
        #expect(writes == 3)
        #expect(try bytes(journal) == before)
        #expect(try open().leadCount == StoreFixture.leads().count)
    }
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
