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

    /// Whether a lead goes into the export: from that CRM, keyed by the CRM's own id, and worked in
    /// leadq (anything beyond its import), with work at or after `since` when given.
    public static func includes(_ lead: Lead, _ f: SourceFormat, since: Instant?) -> Bool {
        worked(lead, f, since: since) && !LeadKeys.isSynthetic(lead.profile.originId)
    }

    /// A lead the export leaves out because it was imported without the CRM's id (keyed by email or
    /// name): the CRM's import couldn't tell which record to update.
    public static func unkeyed(_ lead: Lead, _ f: SourceFormat, since: Instant?) -> Bool {
        worked(lead, f, since: since) && LeadKeys.isSynthetic(lead.profile.originId)
    }

    static func worked(_ lead: Lead, _ f: SourceFormat, since: Instant?) -> Bool {
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
        case .rejected, .lost: reason = w.reason
        case .nurture: reason = w.reason.isEmpty ? (w.rule.map { "routed: \($0)" } ?? "") : w.reason
        case .merged: reason = "duplicate: merged into \(w.mergedInto ?? "?")"
        default: reason = ""
        }
        let note = [.rejected, .nurture, .won, .lost].contains(lead.stage) ? w.note : ""
        switch f {
        case .salesforce:
            return [lead.profile.originId, salesforceStatus(lead), owner, reason, note]
        case .hubspot:
            return [lead.profile.originId, hubspotStatus(lead), owner, reason, note]
        case .odoo:
            let lost = [.rejected, .nurture, .lost, .merged].contains(lead.stage)
            let label =
                lead.stage == .nurture
                ? "Nurture: \(reason)" : lead.stage == .lost ? reason : settings.reason(reason)?.label ?? reason
            return [lead.profile.originId, odooStage(lead), owner, lost ? "False" : "True", lost ? label : ""]
        case .jsonl:
            return []
        }
    }

    /// The rep the CRM should show as owner: the current owner, or the rep who qualified or rejected
    /// it; none for leads in the pool or in nurture (the CRM's owner is left as it is).
    public static func rep(_ lead: Lead) -> String? {
        lead.owner ?? ([.qualified, .rejected, .won, .lost].contains(lead.stage) ? lead.work.closedBy : nil)
    }

    /// The header and rows to write. Odoo's import reads the `id` column as External IDs and `.id`
    /// as database ids, and `user_id/id` as a user's External ID, `user_id` as their name: each row's
    /// id and owner go in the column that says what they are (a column only when some row needs it).
    public static func table(_ f: SourceFormat, _ rows: [[String]]) -> (header: [String], rows: [[String]]) {
        guard f == .odoo else { return (header(f), rows) }
        let databaseIDs = rows.map { isDatabaseID($0[0]) }
        let userIDs = rows.map { isExternalID($0[2]) }
        let idColumns =
            (databaseIDs.contains(false) || rows.isEmpty ? ["id"] : []) + (databaseIDs.contains(true) ? [".id"] : [])
        let ownerColumns = (userIDs.contains(false) ? ["user_id"] : []) + (userIDs.contains(true) ? ["user_id/id"] : [])
        let out = rows.indices.map { i -> [String] in
            let r = rows[i]
            let ids = idColumns.map { ($0 == ".id") == databaseIDs[i] ? r[0] : "" }
            let owners = ownerColumns.map { ($0 == "user_id/id") == userIDs[i] ? r[2] : "" }
            return ids + [r[1]] + owners + Array(r[3...])
        }
        return (idColumns + ["stage_id"] + ownerColumns + ["active", "lost_reason_id"], out)
    }

    /// An Odoo database id: digits only (an export's `ID` column).
    static func isDatabaseID(_ s: String) -> Bool { !s.isEmpty && s.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }

    /// An Odoo External ID as `module.name` (`base.user_admin`, `__export__.res_users_7_1a2b`).
    public static func isExternalID(_ s: String) -> Bool {
        guard let dot = s.firstIndex(of: "."), dot != s.startIndex, s.index(after: dot) != s.endIndex else {
            return false
        }
        return !s.contains { $0.isWhitespace || $0 == "@" }
    }

    /// Salesforce's default Lead Status values (New, Working, Nurturing, Qualified, Unqualified).
    static func salesforceStatus(_ l: Lead) -> String {
        switch l.stage {
        case .new, .assigned: return "New"
        case .accepted: return "Working"
        case .qualified, .won, .lost: return "Qualified"
        case .rejected, .merged: return "Unqualified"
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
        case .qualified, .won, .lost: return "Open Deal"
        case .rejected, .merged: return "Unqualified"
        case .nurture: return "Bad Timing"
        }
    }

    /// Odoo's default CRM stages; rejected and nurture leads are archived as lost instead.
    static func odooStage(_ l: Lead) -> String {
        switch l.stage {
        case .new, .assigned, .rejected, .nurture, .merged: return "New"
        case .accepted: return "Qualified"
        case .qualified, .lost: return "Proposition"
        case .won: return "Won"
        }
    }
}
