/// Who may do what only a manager may (route, import, release, repair): the rule and its refusal,
/// stated once for every caller.
public enum Managers {
    /// Nil when `actor` is a manager on the team; else why not.
    public static func refusal(_ actor: String, to verb: String, _ settings: Settings) -> Refusal? {
        guard let rep = DispatchActor.member(actor, in: settings) else { return Rules.notOnTeam(actor) }
        return refusal(rep, to: verb)
    }

    /// Nil when `rep` is a manager; else why they can't `verb` ("assign leads").
    public static func refusal(_ rep: Rep, to verb: String) -> Refusal? {
        guard rep.role == .manager else {
            return Refusal("only a manager can \(verb); \(rep.id) is a \(rep.role.rawValue)")
        }
        return nil
    }
}
