import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

/// Real small and read-only file systems, where the machine allows mounting them (root with
/// CAP_SYS_ADMIN, as on the development machines); the injected equivalents below always run.
enum Mounts {
    static let available: Bool = {
        let probe = FileManager.default.temporaryDirectory.path + "/leadq-mount-probe-\(getpid())"
        try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe]) == 0 else { return false }
        return run("/usr/bin/umount", [probe]) == 0
    }()

    @discardableResult
    static func run(_ tool: String, _ args: [String]) -> Int32 {
        guard FileManager.default.isExecutableFile(atPath: tool) else { return -1 }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
}

@Suite(.serialized) struct FullDiskReadOnlyTests {
    let dir = TempDirectory("leadq-disk")
    let t = Fixture.t0 + 3600

    func note(_ s: String) -> Command { .contact(channel: .call, outcome: .connected, direction: .outbound, note: s) }

    func base(_ path: String) throws -> FileStore {
        try FileStore.create(
            at: path, settings: Fixture.settings,
            leads: [
                LeadScript("L-00001", profile: Fixture.profile(name: "Grace"), firstSeq: 1).assign("ana").lead,
                LeadScript("L-00002", profile: Fixture.profile(name: "Wei"), firstSeq: 10).assign("ana").accept(
                    by: "ana"
                ).lead,
            ])
    }

    func notes(_ s: FileStore) throws -> [String] { try s.lead("L-00002")?.work.contacts.map(\.contact.note) ?? [] }

    /// Whatever a user can look at, read from `s`: it must all work on a store that can't be written.
    func readEverything(_ s: FileStore) throws {
        _ = try s.verify()
        try s.forEachLead { _ in }
        _ = try s.leads(ownedBy: "ana")
        _ = try s.unassigned()
        _ = try s.openCounts()
        _ = try s.refresh()
    }

    /// The disk fills up in the middle of a session and is freed later: the session stays up, each
    /// action that can't be saved says so and is not applied, nothing saved is lost, and once there
    /// is room again the same Store object saves again.
    @Test func aDiskFillingUpMidSessionLosesNothing() throws {
        let path = dir.path + "/full"
        _ = try base(path)
        var full = false
        let fs = FaultyFileSystem()
        fs.plan = { call in
            full && (call.op == .write || (call.op == .open && call.how != "read")) ? .error(ENOSPC) : nil
        }
        let s = try FileStore.open(path, fs: fs)
        var saved: [String] = []
        for i in 0..<12 {
            full = (4..<9).contains(i)
            do {
                try s.perform(note("n\(i)"), on: "L-00002", as: "ana", at: t + Int64(i))
                saved.append("n\(i)")
                #expect(!full)
            } catch let e as StoreError {
                #expect(full)
                #expect(e.description.hasSuffix("no space left on the disk (ENOSPC); the action was not saved"), "\(e)")
                #expect(try notes(s) == saved, "a refused action shows in the session")
            }
            try readEverything(s)
            #expect(s.isWritable)
        }
        #expect(saved == ["n0", "n1", "n2", "n3", "n9", "n10", "n11"])
        #expect(try notes(FileStore.open(path)) == saved)
        #expect(try FileScan.scan(path).damaged.isEmpty)
    }

    /// A read-only store (a read-only mount, or files the user may not write): it opens, everything
    /// reads, and every write is refused up front with the reason, before any rule is consulted.
    @Test(arguments: [EROFS, EACCES])
    func aReadOnlyStoreReadsAndRefusesWrites(_ code: Int32) throws {
        let path = dir.path + "/ro-\(code)"
        let w = try base(path)
        try w.perform(note("saved before"), on: "L-00002", as: "ana", at: t)
        let fs = FaultyFileSystem.readOnly(code)
        let s = try FileStore.open(path, fs: fs)
        #expect(!s.isWritable)
        let reason = "\(FSError.explain(code)): \(path)"
        #expect(s.readOnlyReason == reason)
        try readEverything(s)
        #expect(try notes(s) == ["saved before"])
        let expected = "the store is read-only here (\(reason)); nothing can be saved"
        #expect(throws: StoreError.readOnly(reason: reason)) {
            try s.perform(note("refused"), on: "L-00002", as: "ana", at: t + 1)
        }
        #expect(StoreError.readOnly(reason: s.readOnlyReason!).description == expected)
        #expect(
            performing: { _ = try FileStore.compact(path, fs: fs) },
            throws: { e in "\(e)".contains(FSError.explain(code)) && "\(e)".contains("not compacted") })
        // Another process writes meanwhile: the read-only view follows it.
        try w.perform(note("saved by another"), on: "L-00002", as: "ana", at: t + 2)
        _ = try s.refresh()
        #expect(try notes(s) == ["saved before", "saved by another"])
    }

    /// A real 256 KiB tmpfs: actions with long notes until the disk is full. Every action either says
    /// saved or says the disk is full; the journal holds exactly the saved ones, whole; compaction on
    /// the full disk fails cleanly; and after the disk grows, the store writes again.
    @Test(.enabled(if: Mounts.available, "needs permission to mount a tmpfs"))
    func aRealFullDisk() throws {
        let mnt = dir.path + "/tmpfs"
        try FileManager.default.createDirectory(atPath: mnt, withIntermediateDirectories: true)
        #expect(Mounts.run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", mnt]) == 0)
        defer { Mounts.run("/usr/bin/umount", [mnt]) }
        let path = mnt + "/store"
        let s = try base(path)
        let long = String(repeating: "a long note about what the customer said. ", count: 400) + "End"
        var saved: [String] = []
        var refused = 0
        for i in 0..<40 {
            do {
                try s.perform(note("n\(i) " + long), on: "L-00002", as: "ana", at: t + Int64(i))
                saved.append("n\(i) " + long)
            } catch let e as StoreError {
                refused += 1
                #expect(
                    e.description.contains("no space left on the disk (ENOSPC)")
                        && e.description.contains("the action was not saved"), "\(e)")
            }
        }
        #expect(refused > 0 && saved.count > 0)
        #expect(try notes(s) == saved)
        #expect(try notes(FileStore.open(path)) == saved)
        #expect(try FileScan.scan(path).damaged.isEmpty)
        #expect(
            performing: { _ = try FileStore.compact(path) },
            throws: { e in "\(e)".contains("ENOSPC") && "\(e)".contains("not compacted") })
        #expect(try notes(FileStore.open(path)) == saved)
        // Room again (the disk grows): the same session saves again; compaction works.
        #expect(Mounts.run("/usr/bin/mount", ["-o", "remount,size=4m", mnt]) == 0)
        try s.perform(note("after"), on: "L-00002", as: "ana", at: t + 100)
        #expect(try FileStore.compact(path) != nil)
        #expect(try notes(FileStore.open(path)) == saved + ["after"])
        RunLength.report(
            "full disk (real tmpfs)", "\(saved.count) actions saved, \(refused) refused with ENOSPC, none lost or torn")
    }

    /// A real read-only bind mount of a store: the CLI reads, refuses actions with the reason and
    /// exit code 3, and writes nothing.
    @Test(.enabled(if: Mounts.available, "needs permission to mount"))
    func aRealReadOnlyMount() throws {
        let path = dir.path + "/rw"
        let ro = dir.path + "/ro"
        try FileManager.default.createDirectory(atPath: ro, withIntermediateDirectories: true)
        _ = try base(path)
        #expect(Mounts.run("/usr/bin/mount", ["--bind", path, ro]) == 0)
        defer { Mounts.run("/usr/bin/umount", [ro]) }
        #expect(Mounts.run("/usr/bin/mount", ["-o", "remount,ro,bind", ro]) == 0)
        let env = ["LEADQ_NOW": "2026-11-23T10:00:00Z"]
        let q = try LeadqProcess.run(["queue", "--store", ro, "--rep", "ana"], env: env)
        #expect(q.status == 0, "\(q.stderr)")
        #expect(q.stdout.contains("L-00002"))
        let a = try LeadqProcess.run(["accept", "L-00001", "--store", ro, "--rep", "ana"], env: env)
        #expect(a.status == 3)
        #expect(
            a.stderr
                == "leadq: the store is read-only here (the file system is read-only (EROFS): \(ro)); nothing can be saved\n"
        )
        let c = try LeadqProcess.run(["compact", "--store", ro], env: env)
        #expect(c.status == 3, "\(c.stdout) \(c.stderr)")
        #expect(try FileStore.open(path).lastSeq == 12)
    }
}
