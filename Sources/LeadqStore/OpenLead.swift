import LeadqDomain

/// One lead of a team's list as a store hands it over: whole, or as its brief with a way to read it
/// whole later, as it was when listed.
public enum OpenLead: Sendable {
    case whole(Lead)
    case brief(LeadBrief, LeadLine)
}
