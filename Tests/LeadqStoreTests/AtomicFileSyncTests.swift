import Foundation
import LeadqTestSupport
import Testing

@testable import LeadqFileStore

/// A big file written through `AtomicFile` is synced as it goes, so no more than a few megabytes
/// are ever waiting to be written when another file's fsync commits the file system's journal.
@Suite struct AtomicFileSyncTests {
    @Test func aBigFileIsSyncedEveryFewMegabytesAndArrivesWhole() throws {
        let dir = TempDirectory("leadq-atomic-sync")
        let fs = FaultyFileSystem()
        let path = dir.file("big")
        let chunk = [UInt8]((0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let file = try AtomicFile(path, permissions: 0o600, fs: fs)
        for _ in 0..<20 { try file.write(chunk) }
        let before = fs.calls.filter { $0.op == .fsync }.count
        #expect(before == 20 / (SyncAsWritten.every >> 20), "synced while written")
        try file.commit()
        #expect(fs.calls.filter { $0.op == .fsync }.count == before + 1)
        let back = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(
            back.count == 20 << 20 && back.prefix(chunk.count) == Data(chunk) && back.suffix(chunk.count) == Data(chunk)
        )
    }

    @Test func aSmallFileIsSyncedOnceWhenCommitted() throws {
        let dir = TempDirectory("leadq-atomic-sync")
        let fs = FaultyFileSystem()
        let file = try AtomicFile(dir.file("small"), permissions: 0o600, fs: fs)
        try file.write(Array("settings".utf8))
        try file.commit()
        #expect(fs.calls.filter { $0.op == .fsync }.count == 1)
    }
}
