import LeadqCodec
import LeadqDomain
import LeadqStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Reading leads: from the overlay, the cache or the snapshot by its queue index.
extension FileStore {
    public func lead(_ id: String) throws -> Lead? {
        if let l = overlay[id] ?? cache[id] { return l }
        if pending[id] != nil { return try materialize(id) }
        guard let lead = try snapshotLead(id) else { return nil }
        cache[id] = lead
        return lead
    }

    /// The snapshot's copy of a lead, by binary search.
    func snapshotLead(_ id: String) throws -> Lead? {
        // Ids beyond the snapshot's last one (leads created since) are not in it: no search.
        guard let snap = snapshot, let last = snap.lastID, !LeadID.precedes(last, id), let at = try snap.find(id) else {
            return nil
        }
        let lead = try snap.lead(at: at)
        guard lead.id == id else { throw snap.damaged(at, "found \(lead.id) where \(id) should be") }
        return lead
    }

    /// Decodes the unchanged snapshot leads at these places, checking each against the index that
    /// pointed at it.
    func snapshotLeads(at refs: [LineRef], _ matches: (Lead) -> Bool) throws -> [Lead] {
        guard let snap = snapshot else { return [] }
        var out: [Lead] = []
        out.reserveCapacity(refs.count)
        // Room for them all at once: growing moves every cached lead again.
        cache.reserveCapacity(cache.count + refs.count)
        for ref in refs {
            let l = try snap.lead(at: ref.offset, length: ref.length)
            if overlay[l.id] != nil { continue }
            if let cached = cache[l.id] {
                out.append(cached)
                continue
            }
            guard matches(l) else {
                throw snap.damaged(ref.offset, "the trailer's queue index disagrees with lead \(l.id)")
            }
            // Changed since the snapshot: it joins the overlay, and the caller's overlay pass judges it.
            if pending[l.id] != nil {
                try materialize(l.id, base: l)
                continue
            }
            cache[l.id] = l
            out.append(l)
        }
        return out
    }

    /// Ops that can bring a lead into a queue or the pool from elsewhere.
    static func entersQueue(_ op: Op) -> Bool {
        switch op {
        case .assign, .undo: return true
        default: return false
        }
    }

    static func entersPool(_ op: Op) -> Bool {
        switch op {
        case .release, .undo: return true
        default: return false
        }
    }

    /// A rep's queue leads (assigned and accepted), unordered.
    public func leads(ownedBy rep: String) throws -> [Lead] {
        try materializePending(where: FileStore.entersQueue)
        var out = try snapshotLeads(at: try snapshot?.refs(owner: rep) ?? []) { $0.owner == rep && $0.stage.isActive }
        out.append(contentsOf: overlay.values.filter { $0.owner == rep && $0.stage.isActive })
        return out
    }

    /// Every lead in someone's queue (assigned or accepted), unordered.
    public func activeLeads() throws -> [Lead] {
        try materializePending(where: FileStore.entersQueue)
        var out: [Lead] = []
        for (rep, refs) in try snapshot?.allOwners() ?? [:] {
            out.append(contentsOf: try snapshotLeads(at: refs) { $0.owner == rep && $0.stage.isActive })
        }
        out.append(contentsOf: overlay.values.filter { $0.stage.isActive })
        return out
    }

    /// The unassigned pool (stage `new`).
    public func unassigned() throws -> [Lead] {
        try materializePending(where: FileStore.entersPool)
        var out = try snapshotLeads(at: try snapshot?.poolRefs() ?? []) { $0.stage == .new }
        out.append(contentsOf: overlay.values.filter { $0.stage == .new })
        return out
    }

    /// The ids of the unassigned pool, decoding only ids (an import checks a few of them against many rows).
    public func unassignedIDs() throws -> Set<String> {
        try materializePending(where: FileStore.entersPool)
        var ids = Set<String>()
        if let snap = snapshot {
            for ref in try snap.poolRefs() {
                let id = try snap.id(at: ref.offset)
                if pending[id] != nil { try materialize(id) }
                if overlay[id] == nil { ids.insert(id) }
            }
        }
        for l in overlay.values where l.stage == .new { ids.insert(l.id) }
        return ids
    }

    /// How many queue leads each rep holds, decoding only ids.
    public func openCounts() throws -> [String: Int] {
        try materializeAll()
        var counts: [String: Int] = [:]
        if let snap = snapshot {
            for (rep, refs) in try snap.allOwners() {
                for ref in refs where overlay[try snap.id(at: ref.offset)] == nil { counts[rep, default: 0] += 1 }
            }
        }
        for l in overlay.values where l.stage.isActive { counts[l.owner ?? "", default: 0] += 1 }
        return counts
    }

    /// Visits every lead in id order without keeping the decoded copies: for reports and exports.
    public func forEachLead(_ body: (Lead) throws -> Void) throws {
        let fresh = created.sorted(by: LeadID.precedes)
        var k = 0
        func flushCreated(before id: String?) throws {
            while k < fresh.count, id == nil || LeadID.precedes(fresh[k], id!) {
                try body(overlay[fresh[k]]!)
                k += 1
            }
        }
        if let snap = snapshot {
            try snap.forEachLine { start, line in
                let lead = try snap.decode(line, at: start)
                try flushCreated(before: lead.id)
                try body(FileStore.current(lead, overlay: overlay, pending: pending))
            }
        }
        try flushCreated(before: nil)
    }

    /// A lead as the snapshot has it brought up to date: the store's newer copy, or the events
    /// saved since folded in. Consuming: the lead just decoded is handed on, not copied.
    static func current(_ snapshotted: consuming Lead, overlay: [String: Lead], pending: [String: [Event]]) -> Lead {
        // Both are empty in a freshly compacted store: no hashing of every lead's id then.
        if overlay.isEmpty && pending.isEmpty { return snapshotted }
        if let l = overlay[snapshotted.id] { return l }
        var lead = snapshotted
        for e in pending[lead.id] ?? [] { lead.apply(e) }
        return lead
    }

    /// The actions `actor` took (one per write), newest first.
    public func recentActions(of actor: String) -> [RecentAction] {
        (recent[actor] ?? []).reversed()
    }
}
