import LeadqDomain
import LeadqStore

/// Finding a lead anywhere in the store, whatever its stage or owner, and the references people
/// type for one lead: its L-id, the CRM's id, or an email that names it alone.
extension Workspace {
    /// Every lead of the store, folded for search (about a third of a second at 100,000 leads).
    public func searchIndex() throws -> LeadIndex {
        var index = LeadIndex()
        index.reserve(leads: store.leadCount)
        try store.forEachProfile { index.update(id: $0, profile: $1) }
        return index
    }

    /// `leadq find TEXT`: the matching leads, best first, at most `limit`, and how many match.
    public func find(_ text: String, limit: Int) throws -> (leads: [Lead], total: Int) {
        let found = try searchIndex().find(text, limit: limit)
        return (try found.ids.compactMap { try store.lead($0) }, found.total)
    }

    /// The id of the lead `reference` names: an L-id (any case), the CRM's id (`00Q5e00000AbCdE`,
    /// or `salesforce:00Q5e…`), or an email; refused when it names none or several.
    public func resolve(_ reference: String) throws -> String {
        let ref = Rules.trimmed(reference)
        if try store.lead(ref) != nil { return ref }
        if try store.lead(ref.uppercased()) != nil { return ref.uppercased() }
        var ids: [String] = []
        if ref.contains("@") { ids = try store.leadIDs(email: ref) }
        if ids.isEmpty && ref.contains(":") { ids = try store.leadIDs(originKey: ref) }
        if ids.isEmpty && !ref.isEmpty { ids = try leads(withOriginId: ref) }
        switch ids.count {
        case 0: throw StoreError.unknownLead(reference)
        case 1: return ids[0]
        default:
            let shown = ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? ", …" : "")
            throw BadInput("'\(reference)' names \(ids.count) leads (\(shown)); give the L-id")
        }
    }

    /// Leads whose id in their source system is `originId`, exactly, else ignoring case.
    func leads(withOriginId originId: String) throws -> [String] {
        var exact: [String] = []
        var folded: [String] = []
        let lower = originId.lowercased()
        try store.forEachIndexedProfile { id, p in
            if p.originId == originId {
                exact.append(id)
            } else if p.originId.lowercased() == lower {
                folded.append(id)
            }
        }
        return (exact.isEmpty ? folded : exact).sorted(by: LeadID.precedes)
    }
}
