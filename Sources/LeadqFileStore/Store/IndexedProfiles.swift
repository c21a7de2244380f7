import LeadqDomain
import LeadqStore

extension FileStore {
    /// Every lead's id and profile as the import's profile index holds them, in no particular order:
    /// for the lookups the index has no key for (an import's name-and-company duplicates).
    public func forEachIndexedProfile(_ body: (String, Profile) throws -> Void) throws {
        for (id, p) in try profileIndex().profiles { try body(id, p) }
    }

    /// Every lead's id and current profile in id order, decoding a snapshot line's history only
    /// when journal events wait for it: the search index reads every lead and needs no history.
    public func forEachProfile(_ body: (_ id: String, _ profile: Profile) throws -> Void) throws {
        let fresh = created.sorted(by: LeadID.precedes)
        var k = 0
        func flushCreated(before id: String?) throws {
            while k < fresh.count, id == nil || LeadID.precedes(fresh[k], id!) {
                try body(fresh[k], overlay[fresh[k]]!.profile)
                k += 1
            }
        }
        if let snap = snapshot {
            try snap.forEachLine { start, line in
                let (id, profile) = try snap.idAndProfile(line, at: start)
                try flushCreated(before: id)
                if let l = overlay[id] {
                    try body(id, l.profile)
                } else if let events = pending[id] {
                    var lead = try snap.decode(line, at: start)
                    for e in events { lead.apply(e) }
                    try body(id, lead.profile)
                } else {
                    try body(id, profile)
                }
            }
        }
        try flushCreated(before: nil)
    }
}
