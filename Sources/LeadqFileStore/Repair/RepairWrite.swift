import LeadqCodec
import LeadqDomain
import LeadqStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RepairPlan {
    /// Keeps every set-aside record and every file about to be replaced in quarantine, then writes
    /// the snapshot and the journal anew, each through a temporary file renamed into place.
    func write(
        as actor: String, at now: Instant, permissions: UInt32, briefs settings: Settings, report: inout RepairReport
    ) throws {
        let qdir = StoreFiles.join(directory, quarantine)
        do {
            try FileStore.makeDirectories(qdir, mode: 0o700, fs: fs)
            for d in (snapshot?.damaged ?? []) + journals.damaged.map(\.item) {
                try writeWhole(StoreFiles.join(directory, copyName(d)), d.bytes + [0x0A], permissions)
            }
            for name in report.rewritten {
                try AtomicFile.copy(
                    StoreFiles.join(directory, name), to: StoreFiles.join(qdir, name), permissions: permissions, fs: fs)
            }
            if snapshotNeedsRewrite { try writeSnapshot(permissions, settings) }
            if journals.changedAnything || !lostLeads.isEmpty { try writeJournal(as: actor, at: now, permissions) }
            try fs.syncDirectory(directory)
        } catch let e as FSError {
            throw StoreError.io(
                e, consequence: "the repair stopped part way; run it again (what it replaced is in \(quarantine))")
        }
    }

    private func writeSnapshot(_ permissions: UInt32, _ settings: Settings) throws {
        guard let first = snapshot else { return }
        var again = SnapshotSalvage(path: first.path, name: first.name)
        var out = try SnapshotWriter(
            StoreFiles.join(directory, first.name), seq: first.seq, leads: first.ids.count,
            recent: first.recent, wide: first.wide, briefs: settings, permissions: permissions, fs: fs)
        try again.run(fs: fs) { line, lead in try out.put(line: line, lead: lead) }
        _ = try out.finish()
    }

    private func writeJournal(as actor: String, at now: Instant, _ permissions: UInt32) throws {
        let first = (snapshot?.seq ?? 0) + 1
        var bytes = JournalReader.header(first: first)
        func note(_ seq: Int64, _ lead: String, _ text: String) -> [UInt8] {
            EventCodec.encode(Event(lead: lead, entry: Entry(seq: seq, at: now, by: actor, op: .setAside(note: text))))
        }
        var last = first - 1
        for record in journals.records {
            switch record {
            case .good(let line, _, _, _): bytes += line
            case .note(let seq, let lead, let text): bytes += note(seq, lead, text)
            }
            bytes.append(0x0A)
            last = record.seq
        }
        for d in lostLeads {
            last += 1
            let who = d.lead ?? "the lead on that line"
            bytes += note(
                last, "", "\(who) is gone: its record (\(d.file) line \(d.line): \(d.reason)) is kept in \(copyName(d))"
            )
            bytes.append(0x0A)
        }
        let name = StoreFiles.journal(first)
        try replace(name, with: bytes, permissions)
        for old in journals.files where old != name { try fs.remove(StoreFiles.join(directory, old)) }
    }

    private func replace(_ name: String, with bytes: [UInt8], _ permissions: UInt32) throws {
        try AtomicFile.write(StoreFiles.join(directory, name), bytes, permissions: permissions, fs: fs)
    }

    private func writeWhole(_ path: String, _ bytes: [UInt8], _ permissions: UInt32) throws {
        try AtomicFile.write(path, bytes, permissions: permissions, fs: fs)
    }
}
