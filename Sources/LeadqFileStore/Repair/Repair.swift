import LeadqCodec
import LeadqDomain
import LeadqStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileStore {
    /// `leadq repair`: sets every record the readers refuse aside into `quarantine/repair-N/` and
    /// rewrites the snapshot and journals without them, so one bad record never bricks a store.
    ///
    /// A lead whose own record is unreadable is gone from the store (its bytes are kept); a journal
    /// record that is unreadable, missing or for a lead that is gone keeps its place as a note (the
    /// lead's history says so, or a store-wide note does), so the journals run on without a gap. A
    /// note per lost lead is added after the last event. Every file replaced is kept, hard-linked,
    /// beside the copies. Managers only; holds both locks throughout.
    public static func repair(
        _ directory: String, as actor: String, at now: Instant, dryRun: Bool = false,
        fs: FileSystem = PosixFileSystem()
    ) throws -> RepairReport {
        let settings = try readSettings(directory, fs: fs)
        if let refusal = Managers.refusal(actor, to: "repair the store", settings) { throw refusal }
        return try withRepairLocks(directory, settings, fs) {
            let plan = try RepairPlan(directory: directory, fs: fs)
            var report = plan.report(dryRun: dryRun)
            guard !dryRun, !report.isEmpty else { return report }
            try plan.write(
                as: actor, at: now, permissions: filePermissions(settings), briefs: settings, report: &report)
            // What the repair left must read like any store.
            _ = try FileStore.open(directory, fs: fs).verify()
            return report
        }
    }

    /// Runs `body` holding the compaction lock and the writer lock, so nobody reads a half-repaired
    /// store under a lock or writes to one.
    private static func withRepairLocks<T>(
        _ directory: String, _ settings: Settings, _ fs: FileSystem,
        _ body: () throws -> T
    ) throws -> T {
        let mode = filePermissions(settings)
        var fds: [Int32] = []
        defer {
            for fd in fds.reversed() {
                fs.unlock(fd)
                fs.close(fd)
            }
        }
        for name in [StoreFiles.compactLock, StoreFiles.lock] {
            let path = StoreFiles.join(directory, name)
            let fd: Int32
            do { fd = try fs.open(path, .createIfMissing(permissions: mode)) } catch let e as FSError {
                throw StoreError.io(e, consequence: "nothing was repaired")
            }
            fds.append(fd)
            let deadline = monotonicSeconds() + Double(settings.lockTimeoutSeconds)
            while !((try? fs.lock(fd, exclusive: true, wait: false, path: path)) ?? false) {
                guard monotonicSeconds() < deadline else {
                    throw StoreError.busy(
                        holder: LockHolder.of(fd), seconds: Int(settings.lockTimeoutSeconds),
                        consequence: "nothing was repaired")
                }
                usleep(20_000)
            }
        }
        return try body()
    }
}

/// What a repair found, and then wrote.
struct RepairPlan {
    let directory: String
    let fs: FileSystem
    let names: [String]
    var snapshot: SnapshotSalvage?
    var journals: JournalSalvage

    init(directory: String, fs: FileSystem) throws {
        self.directory = directory
        self.fs = fs
        do {
            names = try fs.list(directory)
            let snaps = names.compactMap { n in StoreFiles.parse(n, prefix: "snapshot").map { ($0, n) } }.sorted {
                $0.0 < $1.0
            }
            if let newest = snaps.last {
                var s = SnapshotSalvage(path: StoreFiles.join(directory, newest.1), name: newest.1)
                try s.run(fs: fs) { _, _ in }
                snapshot = s
            }
            journals = JournalSalvage(snapshotSeq: snapshot?.seq ?? 0)
            try journals.read(directory, names: names, fs: fs)
        } catch let e as FSError {
            throw StoreError.io(e, consequence: "nothing was repaired")
        }
        var ids = snapshot?.ids ?? []
        journals.settleLeads(&ids)
        let base = "\(StoreFiles.quarantine)/repair-\(journals.records.last?.seq ?? (snapshot?.seq ?? 0))"
        var name = base
        var k = 1
        while fs.exists(StoreFiles.join(directory, name)) {
            k += 1
            name = "\(base)-\(k)"
        }
        quarantine = name
    }

    /// `quarantine/repair-N`, N the last event the repair found (`-2`, `-3`… if that folder exists).
    let quarantine: String

    var snapshotNeedsRewrite: Bool {
        guard let s = snapshot else { return false }
        return !s.damaged.isEmpty || s.headerDamaged || s.trailerDamaged
    }

    /// Leads whose snapshot record is set aside (not the header or the trailer).
    var lostLeads: [Damaged] { (snapshot?.damaged ?? []).filter { $0.line > 1 } }

    func copyName(_ d: Damaged) -> String { "\(quarantine)/\(d.file).line-\(d.line)" }

    func report(dryRun: Bool) -> RepairReport {
        var r = RepairReport()
        r.dryRun = dryRun
        for d in snapshot?.damaged ?? [] {
            let outcome =
                d.line == 1
                ? "the header is written again"
                : "\(d.lead ?? "the lead on this line") is gone from the store (a note says so)"
            r.items.append(
                .init(file: d.file, line: d.line, reason: d.reason, lead: d.lead, copy: copyName(d), outcome: outcome))
        }
        for (d, note) in journals.damaged {
            let outcome: String
            if d.line == 1 && note == nil && d.reason.hasPrefix("the header") {
                outcome = "the journal is written again"
            } else if let seq = note {
                let kept = journals.records.first { $0.seq == seq }
                if case .note(_, let lead, _)? = kept, !lead.isEmpty {
                    outcome = "event \(seq) is now a note in \(lead)'s history"
                } else {
                    outcome = "event \(seq) is now a store-wide note"
                }
            } else {
                outcome = "set aside (never reported saved, or a repeat)"
            }
            r.items.append(
                .init(file: d.file, line: d.line, reason: d.reason, lead: d.lead, copy: copyName(d), outcome: outcome))
        }
        r.missing = journals.missing
        if snapshotNeedsRewrite, let s = snapshot { r.rewritten.append(s.name) }
        if journals.changedAnything || !lostLeads.isEmpty { r.rewritten.append(contentsOf: journals.files) }
        return r
    }
}
