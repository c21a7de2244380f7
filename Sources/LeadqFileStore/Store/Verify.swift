import LeadqCodec
import LeadqDomain
import LeadqStore

extension FileStore {
    /// Reads every record of the snapshot, checking checksums, id order and the trailer's queue index,
    /// and every journal event after it (read when the store opened). Throws the first damage found.
    public func verify() throws -> VerifyReport {
        // Every journal event's lead must exist: fold them all in.
        try materializeAll()
        var n = 0
        var orphaned: [String: String] = [:]
        func look(_ l: Lead) {
            if l.stage.isActive, let o = l.owner, settings.rep(o) == nil { orphaned[l.id] = o }
        }
        if let snap = snapshot {
            var check = SnapshotCheck(snap, briefsWith: settings)
            try snap.forEachLine { start, line in
                let l = try check.lead(line, at: start)
                if overlay[l.id] == nil { look(l) }
            }
            n = try check.finish()
        }
        for l in overlay.values { look(l) }
        var report = VerifyReport(leads: n + created.count, snapshotSeq: snapshotSeq, lastSeq: lastSeq)
        report.orphaned = orphaned
        return report
    }
}
