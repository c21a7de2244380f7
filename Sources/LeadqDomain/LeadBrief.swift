import LeadqText

/// What a list of a whole team's leads needs of one lead without reading it: its place in the
/// orders, its clocks for the header's alarms, and the folded text `/` searches. A store may keep
/// these beside the leads (the file store writes them with its snapshot), so a manager's console
/// builds its list of 60,000 leads without decoding them, and reads whole only the rows it shows.
public struct LeadBrief: Equatable, Sendable {
    public var id: String
    public var owner: String?
    public var score: Int
    public var assignedAt: Instant?
    /// Its stage, deadlines and due times, as `settings` set them when the brief was made.
    public var clocks: LeadClocks
    /// Name, company, email, source and id, then the phone's digits, folded (`Fold`).
    public var search: [UInt8]

    public var stage: Stage { clocks.stage }

    public init(
        id: String, owner: String?, score: Int, assignedAt: Instant?, clocks: LeadClocks, search: [UInt8]
    ) {
        (self.id, self.owner, self.score, self.assignedAt) = (id, owner, score, assignedAt)
        (self.clocks, self.search) = (clocks, search)
    }

    public init(_ lead: Lead, settings: Settings) {
        self.init(
            id: lead.id, owner: lead.owner, score: lead.score, assignedAt: lead.work.assignedAt,
            clocks: LeadClocks(lead, settings: settings), search: LeadBrief.searchText(lead))
    }

    /// The orders' key, as a row of the lead would give it.
    public var sortKey: Queue.SortKey {
        Queue.SortKey(
            score: score, assignedAt: assignedAt, id: id, deadline: clocks.nearestDeadline,
            followUpDue: clocks.nextFollowUpDue)
    }

    /// What `/` searches in a lead, fields apart (a query never matches across two).
    public static func searchText(_ lead: Lead) -> [UInt8] {
        let p = lead.profile
        let digits = Fold.digits(p.phone)
        let fields = [p.name, p.company, p.email, p.source, lead.id]
        var out: [UInt8] = []
        // Exactly as long as it needs: growing by an append would double it, 60,000 times over.
        out.reserveCapacity(fields.reduce(fields.count + digits.count) { $0 + $1.utf8.count })
        // Field by field: one accented name no longer sends the email and the id through Unicode
        // lower-casing too. The same bytes: lower-casing never looks across the separator.
        for (i, field) in fields.enumerated() {
            if i > 0 { out.append(1) }
            Fold.append(field, to: &out)
        }
        out.append(1)
        out.append(contentsOf: digits)
        return out
    }

    /// Whether a lead belongs in a team's list: in a rep's queue, or in the pool.
    public static func isOpen(_ lead: Lead) -> Bool {
        (lead.stage.isActive && lead.owner != nil) || lead.stage == .new
    }
}

/// Where a store can read one lead again, as it was when its brief was made.
public struct LeadLine: Sendable {
    public let file: any LeadLines
    public let offset: Int
    public let length: Int

    public init(file: any LeadLines, offset: Int, length: Int) {
        (self.file, self.offset, self.length) = (file, offset, length)
    }

    public func read() throws -> Lead { try file.lead(at: offset, length: length) }
}

/// A file of lead lines a store keeps open for `LeadLine`s; reads may come from any thread.
public protocol LeadLines: AnyObject, Sendable {
    func lead(at offset: Int, length: Int) throws -> Lead
}
