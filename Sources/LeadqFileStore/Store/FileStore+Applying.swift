import LeadqCodec
import LeadqDomain
import LeadqStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Applying events to the in-memory state, lazily for leads nobody has read.
extension FileStore {
    /// Applies one event (from the journal or just written by us) to the in-memory state. An event
    /// for a snapshot lead nobody has read waits in `pending` until someone does.
    func apply(_ e: Event) throws {
        // A store-wide note of `leadq repair`, or a change of settings, belongs to no lead.
        if e.lead.isEmpty {
            applyStoreWide(e)
            noteApplied(e)
            return
        }
        var lead: Lead
        if case .created = e.entry.op {
            guard pending[e.lead] == nil, try self.lead(e.lead) == nil else {
                throw StoreError.damaged(
                    file: journal.path, offset: Int(journal.offset), line: 0,
                    reason: "event \(e.seq) creates \(e.lead), which already exists")
            }
            lead = Lead(id: e.lead, profile: e.profile ?? Profile(), history: [])
            if let n = LeadID.number(e.lead) { maxLeadNumber = max(maxLeadNumber, n) }
            created.insert(e.lead)
        } else if let l = overlay[e.lead] ?? cache[e.lead] {
            lead = l
        } else if profiles == nil || e.profile == nil {
            pending[e.lead, default: []].append(e)
            noteApplied(e)
            return
        } else {
            // The profile index must see the profile this event replaces: read the lead now.
            guard let l = try self.lead(e.lead) else { throw missing(e) }
            lead = l
        }
        if let p = e.profile, let index = profiles {
            index.replace(lead.id, old: e.entry.op == .created ? nil : lead.profile, new: p)
        }
        lead.apply(e)
        overlay[lead.id] = lead
        cache.removeValue(forKey: lead.id)
        noteApplied(e)
    }

    func noteApplied(_ e: Event) {
        lastSeq = e.seq
    }

    /// Remembers one write (a transaction's events) as one action of its actor, for undo.
    func noteAction(_ events: ArraySlice<Event>) {
        guard let last = events.last, !last.lead.isEmpty else { return }
        // An undo takes earlier actions back; it is not an action to take back itself.
        if events.allSatisfy({ if case .undo = $0.entry.op { true } else { false } }) { return }
        let batch = events.count > 1 ? events.first!.seq...last.seq : nil
        recent[last.entry.by, default: []].append(
            RecentAction(actor: last.entry.by, seq: last.seq, lead: last.lead, batch: batch))
    }

    func missing(_ e: Event) -> StoreError {
        StoreError.damaged(
            file: journal.path, offset: Int(journal.offset), line: 0,
            reason: "event \(e.seq) is for \(e.lead), which doesn't exist")
    }

    /// Folds a lead's waiting events into its snapshot copy (`base`, or read from the snapshot).
    @discardableResult
    func materialize(_ id: String, base: Lead? = nil) throws -> Lead? {
        guard let events = pending.removeValue(forKey: id) else { return overlay[id] ?? base }
        guard var lead = try base ?? snapshotLead(id) else { throw missing(events[0]) }
        for e in events { lead.apply(e) }
        overlay[id] = lead
        cache.removeValue(forKey: id)
        return lead
    }

    /// Reads every waiting lead whose events could have done this (e.g. moved it into a queue).
    func materializePending(where op: (Op) -> Bool) throws {
        let ids = pending.filter { $0.value.contains { op($0.entry.op) } }.map(\.key)
        for id in ids { try materialize(id) }
    }

    func materializeAll() throws {
        for id in Array(pending.keys) { try materialize(id) }
    }
}
