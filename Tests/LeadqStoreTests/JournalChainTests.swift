import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

/// The events of a store run on from the snapshot through every journal without a gap or a repeat;
/// a reader that finds one refuses, naming the files, rather than silently dropping what follows.
@Suite struct JournalChainTests {
    func call(_ s: FileStore, _ note: String) throws {
        try s.perform(
            .contact(channel: .call, outcome: .connected, direction: .outbound, note: note), on: "L-00002", as: "ana",
            at: t1)
    }

    /// A compaction killed after it started a new journal but before its snapshot was written.
    func killedCompaction(_ path: String) throws {
        let fs = FaultyFileSystem(plan: { call in
            call.op == .open && call.path.contains("snapshot-") && call.path.contains(".tmp-") ? .error(EIO) : nil
        })
        #expect(throws: StoreError.self) { try FileStore.compact(path, fs: fs) }
    }

    func journals(_ f: StoreFixture) throws -> [String] { try f.files().filter { $0.hasPrefix("journal-") } }

    @Test func aMissingMiddleJournalIsRefusedNamingTheFiles() throws {
        let f = StoreFixture()
        let s = try f.create()
        try call(s, "a")
        try killedCompaction(f.path)
        try call(s, "b")
        try killedCompaction(f.path)
        try call(s, "c")
        let names = try journals(f)
        #expect(names.count == 3)
        try FileManager.default.removeItem(atPath: f.path + "/" + names[1])
        let error = #expect(throws: StoreError.self) { try FileStore.open(f.path) }
        let text = error?.description ?? ""
        #expect(text.contains("missing"), "\(text)")
        #expect(text.contains(names[2]), "\(text)")
    }

    @Test func aRecordWithARepeatedSequenceNumberIsRefused() throws {
        let f = StoreFixture()
        let s = try f.create()
        try call(s, "a")
        try call(s, "b")
        let path = try f.journalPath()
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: true
        ).map(String.init)
        // The second record again, checksum and all, after the last one.
        lines.append(lines[1])
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let error = #expect(throws: StoreError.self) { try FileStore.open(f.path) }
        #expect(error?.description.contains("appears a second time") == true, "\(error?.description ?? "")")
    }

    @Test func aJournalThatOverlapsTheOneBeforeItIsRefused() throws {
        let f = StoreFixture()
        let s = try f.create()
        try call(s, "a")
        try killedCompaction(f.path)
        try call(s, "b")
        let names = try journals(f)
        // The first journal's record copied into a journal named for the event after it: two files
        // claim the same event.
        let first = try String(contentsOfFile: f.path + "/" + names[0], encoding: .utf8)
        let second = try String(contentsOfFile: f.path + "/" + names[1], encoding: .utf8)
        let extra = second.split(separator: "\n")[1]
        try (first + extra + "\n").write(toFile: f.path + "/" + names[0], atomically: false, encoding: .utf8)
        let error = #expect(throws: StoreError.self) { try FileStore.open(f.path) }
        #expect(error?.description.contains("two journals hold the same events") == true, "\(error?.description ?? "")")
    }
}
