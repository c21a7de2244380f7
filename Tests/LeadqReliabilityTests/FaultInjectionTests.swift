import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

/// Every file operation of an action, a multi-event transaction, store creation, compaction and
/// torn-tail recovery is failed in turn, with each error a disk produces (ENOSPC, EIO, EACCES, EROFS)
/// and with short writes. After each: the operation either succeeded or said clearly that it failed;
/// the store opens with everything acknowledged before; the failed operation left nothing behind;
/// and the store still takes the next action.
@Suite struct FaultInjectionTests {
    let dir = TempDirectory("leadq-faults")
    var template: String { dir.path + "/template" }
    var work: String { dir.path + "/work" }
    static let t = Fixture.t0 + 3600

    struct Scenario: Sendable {
        var name: String
        /// Builds the starting store in the template directory.
        var prepare: @Sendable (String) throws -> Void
        /// The operation under test, every file operation through the faulty file system.
        var run: @Sendable (FaultyFileSystem, String) throws -> Void
        /// Problems a reader finds afterwards, given whether `run` reported success.
        var check: @Sendable (String, Bool) throws -> [String]
        /// Where the store is (creation makes it in a subdirectory).
        var storeDir: @Sendable (String) -> String = { $0 }
    }

    static func note(_ s: String) -> Command {
        .contact(channel: .call, outcome: .connected, direction: .outbound, note: s)
    }

    static func baseStore(_ d: String) throws -> FileStore {
        let s = try FileStore.create(
            at: d, settings: Fixture.settings,
            leads: [
                LeadScript("L-00001", profile: Fixture.profile(name: "Grace"), firstSeq: 1).assign("ana").lead,
                LeadScript("L-00002", profile: Fixture.profile(name: "Wei"), firstSeq: 10).assign("ana").accept(
                    by: "ana"
                ).lead,
            ])
        try s.perform(note("p1"), on: "L-00002", as: "ana", at: t)
        try s.perform(note("p2"), on: "L-00002", as: "ana", at: t + 1)
        return s
    }

    static func notes(_ d: String) throws -> [String] {
        try FileStore.open(d).lead("L-00002")?.work.contacts.map(\.contact.note) ?? []
    }

    /// Cuts the newest journal in the middle of its last record.
    static func tear(_ d: String) throws {
        let j = Stores.newestJournal(d)
        let b = try Stores.bytes(j)
        let last = (b.dropLast().lastIndex(of: 0x0A) ?? 0) + 1
        try Stores.write(j, Array(b[..<(last + (b.count - last) / 2)]))
    }

    static func expectNotes(_ d: String, _ before: [String], plus extra: String, _ ok: Bool) throws -> [String] {
        let got = try notes(d)
        let want = before + (ok ? [extra] : [])
        return got == want ? [] : ["notes are \(got), expected \(want)"]
    }

    static let scenarios: [Scenario] = [
        Scenario(
            name: "an action", prepare: { _ = try baseStore($0) },
            run: { fs, d in
                try FileStore.open(d, fs: fs).perform(note("fi"), on: "L-00002", as: "ana", at: t + 10)
            }, check: { d, ok in try expectNotes(d, ["p1", "p2"], plus: "fi", ok) }),

        Scenario(
            name: "a multi-event transaction", prepare: { _ = try baseStore($0) },
            run: { fs, d in
                try FileStore.open(d, fs: fs).transact(as: "mia", at: t + 10) { tx in
                    let c = try tx.create(Fixture.profile(name: "Fault Lead"))
                    try tx.perform(.assign(to: "ben", rule: nil), on: c.lead.id)
                    try tx.perform(note("fi"), on: "L-00002")
                }
            },
            check: { d, ok in
                let s = try FileStore.open(d)
                var problems = try expectNotes(d, ["p1", "p2"], plus: "fi", ok)
                let fresh = try s.lead("L-00003")
                if ok != (fresh?.owner == "ben") {
                    problems.append("the new lead is \(String(describing: fresh?.owner)) after ok=\(ok)")
                }
                if s.leadCount != (ok ? 3 : 2) {
                    problems.append("\(s.leadCount) leads after ok=\(ok): half a transaction")
                }
                return problems
            }),

        Scenario(
            name: "store creation", prepare: { _ in },
            run: { fs, d in
                try FileStore.create(
                    at: d + "/new", settings: Fixture.settings,
                    leads: [
                        LeadScript("L-00001", profile: Fixture.profile(name: "Grace"), firstSeq: 1).assign("ana").lead
                    ], fs: fs)
            },
            check: { d, ok in
                do {
                    let s = try FileStore.open(d + "/new")
                    _ = try s.verify()
                    return s.leadCount == 1 ? [] : ["a created store with \(s.leadCount) leads"]
                } catch StoreError.noStore {
                    guard !ok else { return ["reported created, but there is no store"] }
                    // Not created: creating it again must work despite whatever the failure left.
                    _ = try FileStore.create(
                        at: d + "/new", settings: Fixture.settings,
                        leads: [
                            LeadScript("L-00001", profile: Fixture.profile(name: "Grace"), firstSeq: 1).assign("ana")
                                .lead
                        ])
                    return []
                }
            }, storeDir: { $0 + "/new" }),

        Scenario(
            name: "compaction", prepare: { _ = try baseStore($0) },
            run: { fs, d in
                _ = try FileStore.compact(d, fs: fs)
            },
            check: { d, _ in
                var problems = try expectNotes(d, ["p1", "p2"], plus: "", false)
                // Whatever a failed compaction left behind, the next one (once there is news) clears it.
                try FileStore.open(d).perform(note("later"), on: "L-00002", as: "ana", at: t + 50)
                _ = try FileStore.compact(d)
                problems += try expectNotes(d, ["p1", "p2"], plus: "later", true)
                let left = Stores.files(d).filter {
                    $0.hasPrefix("snapshot-") || $0.hasPrefix("journal-") || $0.contains(".tmp-")
                }
                if left.count != 2 { problems.append("replaced files remain after the next compaction: \(left)") }
                return problems
            }),

        Scenario(
            name: "torn-tail recovery",
            prepare: { d in
                _ = try baseStore(d)
                try tear(d)
            },
            run: { fs, d in
                try FileStore.open(d, fs: fs).perform(note("fi"), on: "L-00002", as: "ana", at: t + 10)
            }, check: { d, ok in try expectNotes(d, ["p1"], plus: "fi", ok) }),

        Scenario(
            name: "torn-tail recovery of a journal's only record",
            prepare: { d in
                let s = try baseStore(d)
                _ = try FileStore.compact(d)
                try s.perform(note("torn"), on: "L-00002", as: "ana", at: t + 5)
                try tear(d)
            },
            run: { fs, d in
                try FileStore.open(d, fs: fs).perform(note("fi"), on: "L-00002", as: "ana", at: t + 10)
            }, check: { d, ok in try expectNotes(d, ["p1", "p2"], plus: "fi", ok) }),
    ]

    /// Every step fails with each of these in the full run; the short run keeps one error of each
    /// kind the store treats differently (a full disk, a read-only one) and the short write.
    static let faults: [FaultyFileSystem.Fault] =
        RunLength.isLong
        ? [.error(ENOSPC), .error(EIO), .error(EACCES), .error(EROFS), .error(EDQUOT), .shortWrite]
        : [.error(ENOSPC), .error(EROFS), .shortWrite]

    @Test(arguments: scenarios.indices)
    func everyStepFailsCleanly(_ index: Int) throws {
        let sc = FaultInjectionTests.scenarios[index]
        let tdir = template + "-\(index)"
        try FileManager.default.createDirectory(atPath: tdir, withIntermediateDirectories: true)
        try sc.prepare(tdir)
        // Count the steps the operation takes when nothing fails.
        let wdir = work + "-\(index)"
        try Stores.copy(tdir, to: wdir)
        let counter = FaultyFileSystem()
        try sc.run(counter, wdir)
        #expect(try sc.check(wdir, true) == [])
        let steps = counter.calls

        var cases = 0
        var failedCleanly = 0
        var succeeded = 0
        for step in steps {
            var plans: [[Int: FaultyFileSystem.Fault]] = FaultInjectionTests.faults.compactMap { f in
                f == .shortWrite && step.op != .write ? nil : [step.step: f]
            }
            // The full disk's usual pattern: part of the write lands, then ENOSPC.
            if step.op == .write { plans.append([step.step: .shortWrite, step.step + 1: .error(ENOSPC)]) }
            for plan in plans {
                cases += 1
                let what =
                    "\(sc.name), step \(step), \(plan.sorted { $0.key < $1.key }.map { "\($0.value)" }.joined(separator: " then "))"
                let outcome = try runWithFaults(sc, plan, what, template: tdir, work: wdir)
                if outcome == .succeeded { succeeded += 1 }
                if outcome == .failedCleanly { failedCleanly += 1 }
                expectStoreWorks(sc, wdir, afterSuccess: outcome == .succeeded, what)
            }
        }
        RunLength.report(
            "fault injection, \(sc.name)",
            "\(steps.count) steps, \(cases) injected cases: \(failedCleanly) failed with a clear message, \(succeeded) succeeded (fault absorbed), 0 lost or half-applied"
        )
    }

    enum FaultyRun {
        case succeeded, failedCleanly, failedOtherwise
    }

    /// Runs the scenario on a fresh copy of the template with `plan`'s faults. A failure must be a
    /// StoreError saying what happened and naming the file; every file opened is closed, once.
    func runWithFaults(
        _ sc: Scenario, _ plan: [Int: FaultyFileSystem.Fault], _ what: String, template tdir: String,
        work wdir: String
    ) throws -> FaultyRun {
        try Stores.copy(tdir, to: wdir)
        let fs = FaultyFileSystem(steps: plan)
        var outcome = FaultyRun.succeeded
        do {
            try sc.run(fs, wdir)
        } catch let e as StoreError {
            outcome = .failedCleanly
            // A clear message: what failed, on which file, and what it means.
            if let (call, fault) = fs.injected.last, case .error(let code) = fault {
                let text = e.description
                let namesIt = text.contains(FSError.explain(code)) || text.contains("read-only")
                #expect(namesIt, "\(what): the message doesn't say what happened: \(text)")
                #expect(
                    text.contains(call.path) || text.contains("read-only"),
                    "\(what): the message doesn't name the file: \(text)")
            }
        } catch {
            outcome = .failedOtherwise
            Issue.record("\(what): failed with \(type(of: error)), not a StoreError: \(error)")
        }
        // Every file the operation opened is closed, once.
        #expect(fs.doubleCloses.isEmpty, "\(what): closed twice")
        #expect(fs.openDescriptors.isEmpty, "\(what): left open")
        return outcome
    }

    /// After the faulty run the scenario's check passes, the store verifies and takes the next action.
    func expectStoreWorks(_ sc: Scenario, _ wdir: String, afterSuccess ok: Bool, _ what: String) {
        do {
            let problems = try sc.check(wdir, ok)
            #expect(problems.isEmpty, "\(what): \(problems)")
            let d = sc.storeDir(wdir)
            let s = try FileStore.open(d)
            _ = try s.verify()
            // And the store takes the next action.
            try s.perform(
                FaultInjectionTests.note("next"), on: "L-00001", as: "ana", at: FaultInjectionTests.t + 100)
            #expect(
                try FileStore.open(d).lead("L-00001")?.work.contacts.last?.contact.note == "next", "\(what)")
        } catch {
            Issue.record("\(what): afterwards: \(error)")
        }
    }

    /// The same Store object, after a failed write: it works again once the disk does, or, when the
    /// file system turned read-only, refuses with the reason rather than pretend.
    @Test(arguments: [ENOSPC, EIO, EDQUOT, EACCES, EROFS])
    func aStoreKeepsWorkingAfterAFailedWrite(_ code: Int32) throws {
        let d = dir.path + "/keep-\(code)"
        _ = try FaultInjectionTests.baseStore(d)
        for op in [FaultyFileSystem.Op.write, .fsync] {
            var armed = true
            let fs = FaultyFileSystem()
            fs.plan = { call in
                guard armed, call.op == op, call.path.hasSuffix(".jsonl") else { return nil }
                armed = false
                return .error(code)
            }
            let s = try FileStore.open(d, fs: fs)
            #expect(
                performing: {
                    try s.perform(
                        FaultInjectionTests.note("lost-\(op)"), on: "L-00002", as: "ana", at: FaultInjectionTests.t + 20
                    )
                },
                throws: { e in "\(e)".contains("the action was not saved") && "\(e)".contains(FSError.explain(code)) })
            if code == EROFS || code == EACCES {
                #expect(!s.isWritable)
                #expect(
                    performing: {
                        try s.perform(
                            FaultInjectionTests.note("again"), on: "L-00002", as: "ana", at: FaultInjectionTests.t + 21)
                    },
                    throws: { e in
                        "\(e)"
                            == "the store is read-only here (\(FSError.explain(code)): \(Stores.newestJournal(d))); nothing can be saved"
                    })
            } else {
                try s.perform(
                    FaultInjectionTests.note("kept-\(op)"), on: "L-00002", as: "ana", at: FaultInjectionTests.t + 21)
            }
        }
        let notes = try FaultInjectionTests.notes(d)
        #expect(notes == ["p1", "p2"] + (code == EROFS || code == EACCES ? [] : ["kept-write", "kept-fsync"]))
        #expect(try FileScan.scan(d).damaged.isEmpty)
    }

    /// A write that fails and then can't be taken back either (the disk is going): the process stops
    /// writing and says why; the half record is a crash's remains for the next process to set aside.
    @Test func aFailedRollbackStopsWritingAndTheNextProcessRecovers() throws {
        let d = dir.path + "/rollback"
        _ = try FaultInjectionTests.baseStore(d)
        var stage = 0
        let fs = FaultyFileSystem()
        fs.plan = { call in
            guard call.path.hasSuffix(".jsonl") else { return nil }
            switch (stage, call.op) {
            case (0, .write):
                stage = 1
                return .shortWrite
            case (1, .write):
                stage = 2
                return .error(ENOSPC)
            case (2, .truncate):
                stage = 3
                return .error(EIO)
            default: return nil
            }
        }
        let s = try FileStore.open(d, fs: fs)
        #expect(
            performing: {
                try s.perform(
                    FaultInjectionTests.note("half"), on: "L-00002", as: "ana", at: FaultInjectionTests.t + 30)
            },
            throws: { e in "\(e)".contains("this process stops writing until the store is reopened") })
        #expect(s.readOnlyReason?.contains("could not be taken back") == true)
        #expect(throws: StoreError.self) {
            try s.perform(FaultInjectionTests.note("x"), on: "L-00002", as: "ana", at: FaultInjectionTests.t + 31)
        }
        let reader = try FileStore.open(d)
        #expect(reader.warnings.count == 1)
        #expect(try reader.lead("L-00002")?.work.contacts.map(\.contact.note) == ["p1", "p2"])
        try reader.perform(
            FaultInjectionTests.note("recovered"), on: "L-00002", as: "ana", at: FaultInjectionTests.t + 40)
        #expect(try FaultInjectionTests.notes(d) == ["p1", "p2", "recovered"])
        #expect(Stores.files(d + "/quarantine").count == 1)
    }
}
