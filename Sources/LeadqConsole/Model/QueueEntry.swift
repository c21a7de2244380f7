import LeadqDomain

/// One lead of the list as a row draws it: what its brief says, and the lead itself, read the
/// first time something asks for it when the list holds only the brief.
public struct QueueEntry: Equatable, Sendable {
    public let id: String
    public let owner: String?
    /// Its deadlines and due times: the sort's keys and the header's alarms at any moment.
    public var clocks: LeadClocks
    /// A hot lead that arrived while the console was open and hasn't been looked at yet.
    public var isNew: Bool
    let source: Source

    enum Source: Sendable {
        case whole(Lead)
        case line(LeadReader, Int32, offset: Int, length: Int)
    }

    init(id: String, owner: String?, clocks: LeadClocks, isNew: Bool, source: Source) {
        (self.id, self.owner, self.clocks, self.isNew, self.source) = (id, owner, clocks, isNew, source)
    }

    /// An entry of a lead at hand (an all-leads search's results).
    init(_ lead: Lead, settings: Settings) {
        self.init(
            id: lead.id, owner: lead.owner, clocks: LeadClocks(lead, settings: settings), isNew: false,
            source: .whole(lead))
    }

    public var lead: Lead {
        switch source {
        case .whole(let lead): return lead
        case .line(let reader, let row, let offset, let length):
            return reader.lead(row, id: id, offset: offset, length: length)
        }
    }

    /// Whether the lead itself is here yet (a brief's is read when first asked for).
    public var isRead: Bool {
        switch source {
        case .whole: return true
        case .line(let reader, let row, _, _): return reader.isRead(row)
        }
    }

    public static func == (a: QueueEntry, b: QueueEntry) -> Bool {
        a.id == b.id && a.owner == b.owner && a.clocks == b.clocks && a.isNew == b.isNew && a.lead == b.lead
    }
}
