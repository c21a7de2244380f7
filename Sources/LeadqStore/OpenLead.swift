import LeadqDomain

/// A team's list as a store hands it over: briefs (see `LeadBrief`) of the leads it keeps them
/// for, each with where its line is in `lines` to read it whole later, as it was when listed; and
/// the other leads whole.
public struct OpenLeadBriefs: Sendable {
    public var briefs: BriefColumns
    /// Where the briefs' lead lines are; nil when there are no briefs.
    public var lines: (any LeadLines)?
    public var whole: [Lead]

    public init(briefs: BriefColumns = BriefColumns(), lines: (any LeadLines)? = nil, whole: [Lead] = []) {
        (self.briefs, self.lines, self.whole) = (briefs, lines, whole)
    }

    public var count: Int { briefs.count + whole.count }
}
