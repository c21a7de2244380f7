import Foundation
import LeadqFileStore
import LeadqTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// An import killed while it spools its new leads (before its write) leaves the store as it was:
/// no line of the import, and no scratch file (it is removed from the directory as soon as made).
@Suite struct KilledImportTests {
    /// The scratch file `pid` holds open, as /proc shows it, if it holds one.
    static func spoolOpen(by pid: Int32) -> String? {
        let dir = "/proc/\(pid)/fd"
        for fd in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: dir + "/" + fd),
                target.contains("journal-import.jsonl.tmp-")
            {
                return target
            }
        }
        return nil
    }

    /// Every file of the store but its locks, by name.
    static func files(_ store: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: store) where !name.hasSuffix("lock") {
            out[name] = try Data(contentsOf: URL(fileURLWithPath: store + "/" + name))
        }
        return out
    }

    @Test func anImportKilledWhileSpoolingLeavesTheStoreAsItWas() throws {
        #if os(Linux)
        let dir = TempDirectory("leadq-killed-import")
        let store = dir.path + "/store"
        let env = ["LEADQ_NOW": "2026-11-23T10:00:00Z"]
        #expect(try LeadqProcess.run(["demo", "--leads", "20", "--seed", "3", "--store", store], env: env).status == 0)
        var csv = "Id,FirstName,LastName,Company,Email,Country,CreatedDate\n"
        for i in 0..<30_000 {
            csv +=
                "00Q\(100_000 + i),Ana\(i),Lee,Firm \(i % 700),p\(i)@firm\(i % 700).example,DE,2026-11-20T09:15:00Z\n"
        }
        try csv.write(toFile: dir.path + "/leads.csv", atomically: true, encoding: .utf8)
        let before = try Self.files(store)

        let p = Process()
        p.executableURL = URL(fileURLWithPath: LeadqProcess.binary)
        p.arguments = ["import", dir.path + "/leads.csv", "--store", store, "--rep", "mia"]
        p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        var spool: String?
        let deadline = Date().addingTimeInterval(120)
        // Killed once the scratch file is open and unlinked: between its making and its unlinking
        // (microseconds) a kill leaves its name, which the next open removes (SpooledWriteTests).
        while spool?.hasSuffix("(deleted)") != true, p.isRunning, Date() < deadline {
            spool = Self.spoolOpen(by: p.processIdentifier)
            if spool?.hasSuffix("(deleted)") != true { usleep(200) }
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        // Held open, and already gone from the directory.
        #expect(spool?.hasSuffix("(deleted)") == true, "\(spool ?? "no scratch file seen")")
        #expect(p.terminationReason == .uncaughtSignal)
        #expect(try Self.files(store) == before)
        #expect(try FileStore.open(store).leadCount == 20)
        #endif
    }
}
