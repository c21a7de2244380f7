/// Re-engagement: marketing returns leads that have rested in nurture long enough to the pool. The
/// policy goes by steps (`nurture.releaseDays`, 30, 60 and 90 by default): a lead's first release
/// comes after 30 days of rest, its second (if it went back to nurture) after 60, its third after 90;
/// past the last step it stays. The release is an event on the lead recording its step, so its
/// history (why it went to nurture) stays. A nurture lead whose score turns hot comes back at once.
public enum NurtureRelease {
    /// Nurture leads that entered nurture at least `age` seconds before `now`, longest-resting first.
    public static func due(_ leads: [Lead], olderThan age: Int64, now: Instant) -> [Lead] {
        leads.filter { l in
            guard l.stage == .nurture, let since = l.work.closedAt else { return false }
            return now - since >= age
        }.sorted(by: longestResting)
    }

    /// The leads the re-engagement policy releases now, each with its step, longest-resting first.
    public static func dueSteps(_ leads: [Lead], now: Instant, settings: Settings) -> [(lead: Lead, step: Int)] {
        leads.compactMap { l -> (Lead, Int)? in
            guard l.stage == .nurture, let since = l.work.closedAt else { return nil }
            let step = nextStep(l)
            guard step <= settings.nurtureReleaseDays.count else { return nil }
            return now - since >= settings.nurtureReleaseDays[step - 1] * Span.day ? (l, step) : nil
        }.sorted { longestResting($0.0, $1.0) }
    }

    /// The step the lead's next policy release is: one more than the policy's releases so far.
    public static func nextStep(_ lead: Lead) -> Int {
        let undone = lead.undoneSeqs
        return 1
            + lead.history.filter { e in
                guard case .release(_, let step?) = e.op else { return false }
                return step > 0 && !undone.contains(e.seq)
            }.count
    }

    /// A nurture lead whose score is now hot, when the team releases those at once.
    public static func turnedHot(_ lead: Lead, _ settings: Settings) -> Bool {
        settings.releaseWhenHot && lead.stage == .nurture && settings.isHot(lead.score)
    }

    /// The rep a released lead goes back to, when the team says so: the last owner, if still a rep
    /// who is present.
    public static func previousOwner(_ lead: Lead, _ settings: Settings) -> String? {
        guard settings.releaseToPreviousOwner, let id = lead.work.lastOwner, let rep = settings.rep(id),
            rep.role == .rep, !rep.away
        else { return nil }
        return id
    }

    static func longestResting(_ a: Lead, _ b: Lead) -> Bool {
        let (x, y) = (a.work.closedAt!, b.work.closedAt!)
        return x != y ? x < y : LeadID.precedes(a.id, b.id)
    }

    /// "30d", "8w", "12h" or a bare number of days; nil for anything else or a zero length.
    public static func parseAge(_ text: String) -> Int64? {
        var s = Substring(text.lowercased())
        var unit = Span.day
        switch s.last {
        case "d": s = s.dropLast()
        case "w":
            s = s.dropLast()
            unit = 7 * Span.day
        case "h":
            s = s.dropLast()
            unit = Span.hour
        default: break
        }
        guard !s.isEmpty, s.allSatisfy(\.isASCII), s.allSatisfy(\.isNumber), let n = Int64(s), n > 0, n < 100_000 else {
            return nil
        }
        return n * unit
    }
}
