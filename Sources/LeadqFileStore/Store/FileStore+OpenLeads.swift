import LeadqDomain
import LeadqStore

// A whole team's queues and pool, read without keeping them: a manager's console holds 60,000 of
// them at 100,000 leads, and a copy in the store's cache besides doubled what it held.
extension FileStore {
    public func forEachOpenLead(_ body: (Lead) throws -> Void) throws {
        try materializePending { FileStore.entersQueue($0) || FileStore.entersPool($0) }
        if let snap = snapshot {
            for (rep, refs) in try snap.allOwners() {
                try visitSnapshotLeads(snap, at: refs, body) { $0.owner == rep && $0.stage.isActive }
            }
            try visitSnapshotLeads(snap, at: try snap.poolRefs(), body) { $0.stage == .new }
        }
        for l in overlay.values where l.stage.isActive || l.stage == .new { try body(l) }
    }

    /// Whether the snapshot holds briefs made with other settings than the store's now (a rep
    /// added, an SLA changed): a manager's console then reads every open lead whole, so the next
    /// compaction is due at once.
    var briefsStale: Bool {
        guard let snap = snapshot, let made = snap.briefSettings else { return false }
        if let c = briefsChecked, c.snapshot == snap.seq, c.settings == settings { return c.stale }
        let stale = made != SnapshotFile.fingerprint(settings)
        briefsChecked = (settings, snap.seq, stale)
        return stale
    }

    /// Briefs for the snapshot's open leads when it holds briefs made with `settings`; the leads
    /// changed since (or all, without such briefs) whole.
    public func openLeadBriefs(
        settings: Settings, keep: (Lead) -> Lead, progress: (Int) -> Void
    ) throws -> OpenLeadBriefs {
        var out = OpenLeadBriefs()
        guard let snap = snapshot, snap.briefSettings == SnapshotFile.fingerprint(settings) else {
            try forEachOpenLead {
                out.whole.append(keep($0))
                if out.whole.count % 4096 == 0 { progress(out.whole.count) }
            }
            return out
        }
        try materializePending { FileStore.entersQueue($0) || FileStore.entersPool($0) }
        let lines = SnapshotLines(snap)
        let changed = Set(overlay.keys).union(pending.keys)
        let (briefs, skipped) = try lines.briefColumns(skip: changed, more: changed.count, progress: progress)
        // Their events since the snapshot fold into the overlay, handed over whole below.
        for id in skipped where overlay[id] == nil && pending[id] != nil { _ = try materialize(id) }
        (out.briefs, out.lines) = (briefs, lines)
        for l in overlay.values where l.stage.isActive || l.stage == .new { out.whole.append(keep(l)) }
        return out
    }

    /// `snapshotLeads` without the cache: each unchanged lead is decoded, checked against the index
    /// that pointed at it and handed on; a lead changed since the snapshot is left to the overlay.
    private func visitSnapshotLeads(
        _ snap: SnapshotFile, at refs: [LineRef], _ body: (Lead) throws -> Void, _ matches: (Lead) -> Bool
    ) throws {
        for ref in refs {
            let l = try snap.lead(at: ref.offset, length: ref.length)
            if overlay[l.id] != nil { continue }
            if let cached = cache[l.id] {
                try body(cached)
                continue
            }
            guard matches(l) else {
                throw snap.damaged(ref.offset, "the trailer's queue index disagrees with lead \(l.id)")
            }
            if pending[l.id] != nil {
                try materialize(l.id, base: l)
                continue
            }
            try body(l)
        }
    }
}
