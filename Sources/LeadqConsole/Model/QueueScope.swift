import LeadqDomain

/// The part of the team a manager looks at.
public enum QueueScope: Equatable, Sendable {
    /// Every rep's queue (assigned and accepted leads).
    case queues
    case rep(String)
    /// The unassigned pool.
    case pool
    /// What an all-leads search found, in its order (any stage, any owner).
    case found([String])

    public func includes(_ lead: Lead) -> Bool { includes(stage: lead.stage, owner: lead.owner) }

    func includes(stage: Stage, owner: String?) -> Bool {
        switch self {
        case .queues: return stage.isActive
        case .rep(let id): return stage.isActive && owner == id
        case .pool: return stage == .new
        case .found: return false
        }
    }

    public var label: String {
        switch self {
        case .queues: return "all queues"
        case .rep(let id): return id
        case .pool: return "unassigned pool"
        case .found: return "search results"
        }
    }
}
