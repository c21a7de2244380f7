/// Who may join the team: the rule and its refusals, the same on every store.
public enum TeamRules {
    /// The settings with `rep` added at the end of the team, or why not.
    public static func adding(_ rep: Rep, to settings: Settings) -> Result<Settings, Refusal> {
        if rep.id.isEmpty { return .failure(Refusal("a member needs an id", badInput: true)) }
        if rep.id == DispatchActor.id {
            return .failure(Refusal("'\(rep.id)' is the dispatcher's name; choose another id", badInput: true))
        }
        if rep.name.allSatisfy(\.isWhitespace) {
            return .failure(Refusal("\(rep.id) needs a name (--name)", badInput: true))
        }
        if let known = settings.rep(rep.id) {
            return .failure(Refusal("\(rep.id) is already on the team (\(known.name), \(known.role.rawValue))"))
        }
        var next = settings
        next.reps.append(rep)
        return .success(next)
    }
}
