import LeadqDomain
import LeadqStore

extension Workspace {
    /// Folds `other`, a likely duplicate, into `keep` (managers): `keep` takes in its contacts,
    /// follow-ups and history, `other` closes as merged with a pointer to `keep`, and neither is
    /// flagged as the other's duplicate any more. One write, so one undo takes it all back.
    @discardableResult
    public func merge(keep: String, other: String) throws -> (kept: Change, merged: Change) {
        let now = now()
        if let refusal = Managers.refusal(actor, to: "merge leads", settings) { throw refusal }
        return try store.transact(as: actor, at: now, utcOffset: offset(at: now)) { tx in
            guard let otherLead = try tx.lead(other) else { throw StoreError.unknownLead(other) }
            guard try tx.lead(keep) != nil else { throw StoreError.unknownLead(keep) }
            try tx.perform(.absorb(otherLead), on: keep)
            try tx.perform(.merge(into: keep), on: other)
            // The pair is settled: the kept lead is no longer held as a duplicate of the other, and
            // the other carries the pointer imports look for.
            if var p = try tx.lead(keep)?.profile {
                p.flags.removeAll { DataQuality.duplicateOf(Profile.flagged($0)).contains(other) }
                try tx.update(keep, profile: p)
            }
            if var p = try tx.lead(other)?.profile {
                p.flags.removeAll { DataQuality.duplicateOf(Profile.flagged($0)).contains(keep) }
                p.flags.append(DataQuality.mergedPrefix + keep)
                try tx.update(other, profile: p)
            }
            guard let kept = try tx.lead(keep), let merged = try tx.lead(other),
                let absorb = tx.events.first(where: { $0.lead == keep }),
                let close = tx.events.first(where: { $0.lead == other })
            else { throw StoreError.unknownLead(other) }
            return (Change(event: absorb, lead: kept), Change(event: close, lead: merged))
        }.result
    }
}

extension Profile {
    /// A profile holding only `flag`, to ask `DataQuality` what the flag says.
    static func flagged(_ flag: String) -> Profile {
        var p = Profile()
        p.flags = [flag]
        return p
    }
}
