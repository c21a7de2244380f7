import Foundation
import LeadqTestSupport
import Testing

/// Every write to stdout or a file is checked: a failed or short write exits 3 naming where it
/// went, and a command that saved something before the failure says exactly what it saved.
@Suite(.serialized) struct WriteFailureCLITests {
    let dir = TempDirectory("leadq-wfail")
    var store: String { dir.path + "/store" }

    func leadq(_ args: [String], stdout: TargetRun.Stdout = .capture) throws -> TargetRun.Result {
        try TargetRun.run(args + ["--store", store], stdout: stdout)
    }

    func demo() throws {
        // Seed 8: ana has an assigned lead in the 30 (the demo changed with issue 14's rules).
        let r = try leadq(["demo", "--leads", "30", "--seed", "8"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    func lead(of rep: String, stage: String) throws -> String {
        let r = try leadq(["queue", "--json", "--rep", rep])
        let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        return try #require(rows.first { $0["stage"] as? String == stage }?["id"] as? String)
    }

    func stage(_ id: String) throws -> String? {
        let r = try leadq(["show", id, "--json"])
        return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["stage"] as? String
    }

    @Test func everyReadCommandFailsOnAFullStdout() throws {
        try demo()
        let id = try lead(of: "ana", stage: "assigned")
        let commands: [[String]] = [
            ["report"], ["report", "--format", "csv"], ["report", "--format", "json"], ["queue", "--rep", "ana"],
            ["queue", "--json", "--rep", "ana"], ["show", id], ["show", id, "--json"], ["history", id],
            ["history", id, "--json"], ["reasons"], ["reasons", "--json"], ["route", "--dry-run"],
            ["route", "--dry-run", "--json"], ["export", "--format", "jsonl"], ["export", "--format", "salesforce"],
            ["verify"], ["--help"],
        ]
        for c in commands {
            let r = try leadq(c, stdout: .file("/dev/full"))
            #expect(r.status == 3, "\(c): rc \(r.status)")
            let last = r.stderr.split(separator: "\n").last ?? ""
            #expect(last.hasPrefix("leadq: stdout: can't write: ") && last.contains("ENOSPC"), "\(c): \(r.stderr)")
        }
    }

    /// The action is saved before its confirmation is printed: when stdout fails, stderr says what was saved.
    @Test func anActionSavedThenAFullStdoutSaysWhatWasSaved() throws {
        try demo()
        let id = try lead(of: "ana", stage: "assigned")
        let r = try leadq(["accept", id, "--rep", "ana"], stdout: .file("/dev/full"))
        #expect(r.status == 3)
        #expect(r.stderr.hasPrefix("leadq: stdout: "), "\(r.stderr)")
        #expect(r.stderr.contains("Accepted \(id)") && r.stderr.contains("saved"), "\(r.stderr)")
        #expect(try stage(id) == "accepted")
    }

    /// `>&-`: with stdout closed, the store's files must not take its place and receive the output.
    @Test func aClosedStdoutFailsAndNoStoreFileTakesItsPlace() throws {
        try demo()
        let id = try lead(of: "ana", stage: "assigned")
        let files = try FileManager.default.contentsOfDirectory(atPath: store).sorted()
        func sizes() throws -> [Int] {
            try files.map { try FileManager.default.attributesOfItem(atPath: store + "/" + $0)[.size] as! Int }
        }
        let before = try sizes()
        for c in [["queue", "--rep", "ana"], ["show", id], ["verify"]] {
            let r = try leadq(c, stdout: .closed)
            #expect(r.status == 3, "\(c): rc \(r.status) \(r.stderr)")
            #expect(r.stderr.hasPrefix("leadq: stdout: can't write: "), "\(c): \(r.stderr)")
        }
        #expect(try sizes() == before)
        let r = try leadq(["accept", id, "--rep", "ana"], stdout: .closed)
        #expect(r.status == 3)
        #expect(r.stderr.contains("saved all the same: Accepted \(id)"), "\(r.stderr)")
        #expect(try stage(id) == "accepted")
        #expect(try leadq(["verify"]).status == 0)
    }

    /// `| head`: a closed pipe ends leadq as it ends cat, by SIGPIPE, without a message.
    @Test func aClosedPipeEndsQuietly() throws {
        try demo()
        let r = try leadq(["export", "--format", "jsonl"], stdout: .closedPipe)
        #expect(r.signalled && r.status == SIGPIPE, "rc \(r.status)")
        #expect(r.stderr.isEmpty, "\(r.stderr)")
        let q = try leadq(["queue", "--rep", "ana"], stdout: .closedPipe)
        #expect(q.signalled && q.status == SIGPIPE)
        #expect(q.stderr.isEmpty)
    }

    @Test func aRealFullTmpfs() throws {
        let mnt = dir.file("tmpfs")
        guard SmallTmpfs.mount(mnt, size: "16k") else {
            print("skipped aRealFullTmpfs: mounting a tmpfs is not allowed here")
            return
        }
        defer { SmallTmpfs.unmount(mnt) }
        try demo()
        let redirected = mnt + "/stdout.jsonl"
        #expect(FileManager.default.createFile(atPath: redirected, contents: nil))
        let r = try leadq(["export", "--format", "jsonl"], stdout: .file(redirected))
        #expect(r.status == 3)
        #expect(r.stderr.hasPrefix("leadq: stdout: ") && r.stderr.contains("ENOSPC"), "\(r.stderr)")
        try FileManager.default.removeItem(atPath: redirected)

        let kept = mnt + "/kept.jsonl"
        try "the previous export\n".write(toFile: kept, atomically: false, encoding: .utf8)
        let o = try leadq(["export", "--format", "jsonl", "-o", kept])
        #expect(o.status == 3)
        #expect(o.stderr.contains(kept) && o.stderr.contains("ENOSPC"), "\(o.stderr)")
        #expect(try String(contentsOfFile: kept, encoding: .utf8) == "the previous export\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: mnt) == ["kept.jsonl"])
    }
}

/// `import --skip-bad`: the rejects file is checked before anything is saved, and a failure after
/// the save is reported after saying what was saved.
@Suite struct RejectsFileCLITests {
    let dir = TempDirectory("leadq-rejects")
    var store: String { dir.path + "/store" }
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("LeadqIOTests/Samples/salesforce-leads.csv").path

    func leadq(_ args: [String], rep: String? = "mia") throws -> TargetRun.Result {
        try TargetRun.run(args + ["--store", store] + (rep.map { ["--rep", $0] } ?? []))
    }

    /// A copy of the sample (one bad row of eight) in the test's directory.
    func input() throws -> String {
        let r = try leadq(["init", "--reps", "ana,ben", "--managers", "mia"], rep: nil)
        #expect(r.status == 0, "\(r.stderr)")
        let path = dir.file("leads.csv")
        try FileManager.default.copyItem(atPath: Self.sample, toPath: path)
        return path
    }

    func leads() throws -> Int {
        let v = try leadq(["verify"], rep: nil)
        return Int(v.stdout.split(separator: " ")[1]) ?? -1
    }

    @Test func theInputAsRejectsIsRefusedAndNothingSaved() throws {
        let file = try input()
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let sameFile = dir.path + "/./sub/../leads.csv"
        try FileManager.default.createDirectory(atPath: dir.file("sub"), withIntermediateDirectories: true)
        let alias = dir.file("alias.csv")
        #expect(symlink(file, alias) == 0)
        for target in [file, sameFile, alias] {
            let r = try leadq(["import", file, "--skip-bad", "--rejects", target])
            #expect(r.status == 2, "\(target): \(r.stderr)")
            #expect(r.stderr.contains(target) && r.stderr.contains("imported"), "\(r.stderr)")
            #expect(!r.stdout.contains("Imported"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
        #expect(try leads() == 0)
    }

    @Test func aRejectsPathThatCantBeWrittenSavesNothing() throws {
        let file = try input()
        let r = try leadq(["import", file, "--skip-bad", "--rejects", dir.file("no-such-dir/rejects.csv")])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no-such-dir/rejects.csv"), "\(r.stderr)")
        #expect(!r.stdout.contains("Imported"))
        #expect(try leads() == 0)
    }

    /// A rejects file that opens but can't be written (a copy of /dev/full): the import is saved,
    /// says so, then says the rejects were not written, with exit 3.
    @Test func aRejectsWriteFailingAfterTheSaveReportsTheSave() throws {
        let file = try input()
        let full = dir.file("full")
        guard DeviceCopy.full(full) else {
            print("skipped: mknod is not allowed here (needs root)")
            return
        }
        let r = try leadq(["import", file, "--skip-bad", "--rejects", full])
        #expect(r.status == 3)
        #expect(
            r.stdout.contains("Imported \(file) (Salesforce): 7 new, 0 updated, 0 unchanged, 3 flagged, 1 bad · saved"),
            "\(r.stdout)")
        #expect(!r.stdout.contains("with the reasons, in"))
        #expect(
            r.stderr.contains("\(full): ") && r.stderr.contains("ENOSPC") && r.stderr.contains("not written"),
            "\(r.stderr)")
        #expect(FileKind(full) == .character)
        #expect(try leads() == 7)
    }
}
