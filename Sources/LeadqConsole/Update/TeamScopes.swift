import LeadqDomain

/// The manager's view of the team: which reps, and which part of the team the queue shows.
enum TeamScopes {
    /// Tab and Shift+Tab walk the scopes; a rep's console has only their own queue.
    static func step(_ s: inout ConsoleState, forward: Bool) {
        guard s.config.manager else {
            s.status = StatusLine("Queues of the whole team are for managers (leadq --manager)", .info)
            return
        }
        let all = scopes(s)
        let i = all.firstIndex(of: s.queue.scope) ?? 0
        let next = all[(i + (forward ? 1 : all.count - 1)) % all.count]
        s.queue.setScope(next)
        Console.fixSelection(&s, previousIndex: 0)
        s.status = StatusLine("Showing \(next.label)", .info)
    }

    /// The manager's scopes in Tab order: all queues, each rep, the pool.
    static func scopes(_ s: ConsoleState) -> [QueueScope] {
        [.queues] + Console.reps(s).map { .rep($0.id) } + [.pool]
    }
}

extension Console {
    /// The reps who work leads (not the managers), in the team's order.
    static func reps(_ s: ConsoleState) -> [Rep] {
        s.settings.reps.filter { $0.role == .rep }
    }
}
