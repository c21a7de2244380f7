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
        if let known = settings.rep(rep.id) { return .failure(alreadyOnTeam(known)) }
        var next = settings
        next.reps.append(rep)
        return .success(next)
    }

    /// `known` is on the team already (`withLogin`: and has a store login, so there is nothing to add).
    public static func alreadyOnTeam(_ known: Rep, withLogin: Bool = false) -> Refusal {
        Refusal(
            "\(known.id) is already on the team (\(known.name), \(known.role.rawValue))"
                + (withLogin ? " with a login" : ""))
    }
}
