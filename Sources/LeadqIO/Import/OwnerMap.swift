import LeadqDomain

/// The store's `ownerMap`: CRM owners (ids, emails, names) to reps.
public struct OwnerMap: Sendable {
    let exact: [String: String]
    let folded: [String: String]
    let repIDs: Set<String>

    /// leadq's own exports name reps by id, so for them a team member's id counts as mapped.
    public init(settings: Settings, allowRepIDs: Bool = false) {
        var exact: [String: String] = [:]
        var folded: [String: String] = [:]
        for m in settings.ownerMap {
            if exact[m.owner] == nil { exact[m.owner] = m.rep }
            let k = OwnerMap.fold(m.owner)
            if folded[k] == nil { folded[k] = m.rep }
        }
        (self.exact, self.folded) = (exact, folded)
        repIDs = allowRepIDs ? Set(settings.reps.map(\.id)) : []
    }

    static func fold(_ s: String) -> String { Rules.trimmed(s).lowercased() }

    /// The rep an owner maps to: an exact key first, then one that differs only in case or
    /// surrounding spaces; never a guess beyond that.
    public func rep(for owner: String) -> String? {
        exact[owner] ?? folded[OwnerMap.fold(owner)] ?? (repIDs.contains(owner) ? owner : nil)
    }

    public static func rep(for owner: String, settings: Settings, allowRepIDs: Bool = false) -> String? {
        OwnerMap(settings: settings, allowRepIDs: allowRepIDs).rep(for: owner)
    }

    /// How the owner map names a rep for a CRM, for exports: the first key of the rep that looks
    /// like that system's owner reference (Salesforce user id `005…`, HubSpot owner email or id, for
    /// Odoo a user's External ID, else a name).
    public static func owner(of rep: String, for format: SourceFormat, settings: Settings) -> String? {
        let keys = settings.ownerMap.filter { $0.rep == rep }.map(\.owner)
        switch format {
        case .salesforce:
            return keys.first { k in
                (k.count == 15 || k.count == 18) && k.hasPrefix("005")
                    && k.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
            }
        case .hubspot:
            return keys.first { $0.contains("@") }
                ?? keys.first { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        case .odoo:
            // A user's External ID (`base.user_admin`) first: Odoo's import matches it exactly.
            let odoo = keys.filter { !$0.contains("@") && !($0.hasPrefix("005") && $0.count >= 15) }
            return odoo.first(where: DecisionExport.isExternalID) ?? odoo.first
        case .jsonl:
            return rep
        }
    }
}
