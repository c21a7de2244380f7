import LeadqDomain

/// Who the store says is acting. A directory trusts `--rep` (whoever may write its files may act
/// as anyone on the team); PostgreSQL knows the role that logged in.
public enum Login: Equatable, Sendable {
    /// Anyone on the team, as the caller names them (the file store).
    case anyone
    /// The store's owner role (it made the store): it acts for whichever member it names.
    case owner(role: String)
    /// A member's login role: it acts only as that member (a manager's also as the dispatcher).
    case member(role: String, rep: String, manager: Bool)

    /// Nil when this login may act as `actor`; else the refusal, in one line.
    public func refusal(actingAs actor: String) -> Refusal? {
        guard case .member(let role, let rep, let manager) = self else { return nil }
        if actor == rep || (manager && actor == DispatchActor.id) { return nil }
        return Refusal(
            "you are logged in to the store as \(role) (\(rep)); acting as \(actor) is refused: on this store you act as the member you log in as"
        )
    }
}

/// A member `LeadStore.addMember` added: who, and the database login they use, if the store has logins.
public struct MemberAdded: Equatable, Sendable {
    public let rep: Rep
    /// The login role mapped to them; nil on a store without logins (a directory).
    public let role: String?
    /// Whether the role was made for them (false: an existing role was mapped).
    public let created: Bool
    /// Whether the settings listed them already (they only got a login).
    public let wasOnTeam: Bool

    public init(rep: Rep, role: String?, created: Bool, wasOnTeam: Bool = false) {
        (self.rep, self.role, self.created, self.wasOnTeam) = (rep, role, created, wasOnTeam)
    }
}
