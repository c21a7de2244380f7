import LeadqDomain

/// The reps' decisions in the shape of the CRM the leads came from, for an admin's bulk update
/// (Salesforce Data Loader, HubSpot import, Odoo import): the CRM's id, its status or stage, the
/// owner, and the rejection or clawback reason.
public enum DecisionExport {
    public static func header(_ f: SourceFormat) -> [String] {
        switch f {
        case .salesforce: return ["Id", "Status", "OwnerId", "Reason", "Note"]
        case .hubspot: return ["Record ID", "Lead Status", "Contact owner", "Reason", "Note"]
        case .odoo: return ["id", "stage_id", "user_id", "active", "lost_reason_id"]
        case .jsonl: return []
        }
    }

    /// Whether a lead goes into the export: from that CRM, and worked in leadq (anything beyond its
    /// import), with work at or after `since` when given.
    public static func includes(_ lead: Lead, _ f: SourceFormat, since: Instant?) -> Bool {
        guard lead.profile.origin == f.origin, !lead.profile.originId.isEmpty else { return false }
        return lead.history.contains { e in
            switch e.op {
            case .created, .updated: return false
            default: return since.map { e.at >= $0 } ?? true
            }
        }
    }

    public static func row(_ lead: Lead, _ f: SourceFormat, settings: Settings) -> [String] {
        let w = lead.work
        let owner = rep(lead).flatMap { OwnerMap.owner(of: $0, for: f, settings: settings) } ?? ""
        let reason: String
        switch lead.stage {
        case .rejected: reason = w.reason
        case .nurture: reason = w.reason.isEmpty ? (w.rule.map { "routed: \($0)" } ?? "") : w.reason
        default: reason = ""
        }
        let note = lead.stage == .rejected || lead.stage == .nurture ? w.note : ""
        switch f {
        case .salesforce:
            return [lead.profile.originId, salesforceStatus(lead), owner, reason, note]
        case .hubspot:
            return [lead.profile.originId, hubspotStatus(lead), owner, reason, note]
        case .odoo:
            let lost = lead.stage == .rejected || lead.stage == .nurture
            let label = lead.stage == .nurture ? "Nurture: \(reason)" : settings.reason(reason)?.label ?? reason
            return [lead.profile.originId, odooStage(lead), owner, lost ? "False" : "True", lost ? label : ""]
        case .jsonl:
            return []
        }
    }

    /// The rep the CRM should show as owner: the current owner, or the rep who qualified or rejected
    /// it; none for leads in the pool or in nurture (the CRM's owner is left as it is).
    public static func rep(_ lead: Lead) -> String? {
        lead.owner ?? (lead.stage == .qualified || lead.stage == .rejected ? lead.work.closedBy : nil)
    }

    /// Salesforce's default Lead Status values (New, Working, Nurturing, Qualified, Unqualified).
    static func salesforceStatus(_ l: Lead) -> String {
        switch l.stage {
        case .new, .assigned: return "New"
        case .accepted: return "Working"
        case .qualified: return "Qualified"
        case .rejected: return "Unqualified"
        case .nurture: return "Nurturing"
        }
    }

    /// HubSpot's default Lead Status values; an accepted lead shows how far contact got.
    static func hubspotStatus(_ l: Lead) -> String {
        switch l.stage {
        case .new: return "New"
        case .assigned: return "Open"
        case .accepted:
            let contacts = l.work.contactsSinceAssignment
            if contacts.contains(where: { $0.contact.outcome.reached }) { return "Connected" }
            return contacts.isEmpty ? "In Progress" : "Attempted to Contact"
        case .qualified: return "Open Deal"
        case .rejected: return "Unqualified"
        case .nurture: return "Bad Timing"
        }
    }

    /// Odoo's default CRM stages; rejected and nurture leads are archived as lost instead.
    static func odooStage(_ l: Lead) -> String {
        switch l.stage {
        case .new, .assigned, .rejected, .nurture: return "New"
        case .accepted: return "Qualified"
        case .qualified: return "Proposition"
        }
    }
}
