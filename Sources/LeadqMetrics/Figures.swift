import LeadqDomain

/// A count out of a total: "3 of 8". The fraction is nil when the total is 0.
public struct Share: Equatable, Sendable {
    public var count: Int
    public var total: Int
    public init(_ count: Int, of total: Int) { (self.count, self.total) = (count, total) }
    public var fraction: Double? { total > 0 ? Double(count) / Double(total) : nil }
}

/// How long reps took to make the first contact after an assignment, in bands drawn from the
/// store's SLA windows (by default ≤ 5 min, ≤ 1 h, ≤ 24 h, longer), plus the assignments with no
/// contact: still waiting for one, or left the queue without one.
public struct ResponseDistribution: Equatable, Sendable {
    /// Upper bounds (inclusive, seconds) of the timed bands; one more band holds everything longer.
    public var edges: [Int64]
    public var counts: [Int]
    /// Assignments still in the queue with no contact yet.
    public var waiting = 0
    /// Assignments that left the queue (closed or reassigned) without any contact.
    public var leftWithoutContact = 0

    public init(edges: [Int64]) {
        self.edges = edges
        counts = Array(repeating: 0, count: edges.count + 1)
    }

    public init(_ settings: Settings) {
        let raw = [
            settings.firstTouchHotMinutes * Span.minute, settings.firstTouchMinutes * Span.minute, settings.decisionSLA,
        ]
        self.init(edges: Array(Set(raw.filter { $0 > 0 })).sorted())
    }

    mutating func add(_ seconds: Int64) {
        let i = edges.firstIndex { seconds <= $0 } ?? edges.count
        counts[i] += 1
    }

    static func + (a: ResponseDistribution, b: ResponseDistribution) -> ResponseDistribution {
        var c = a
        for i in c.counts.indices { c.counts[i] += b.counts[i] }
        c.waiting += b.waiting
        c.leftWithoutContact += b.leftWithoutContact
        return c
    }

    /// Every band with its label, timed bands first: "≤ 5 min", "≤ 1 h", "≤ 24 h", "> 24 h",
    /// "no contact yet", "left without contact".
    public var bands: [(label: String, count: Int)] {
        var out: [(String, Int)] = []
        for (i, e) in edges.enumerated() { out.append(("≤ \(Span.human(e))", counts[i])) }
        out.append(("> \(Span.human(edges.last ?? 0))", counts[edges.count]))
        out.append(("no contact yet", waiting))
        out.append(("left without contact", leftWithoutContact))
        return out
    }
}

/// What one rep did with the leads in their queue over a report window (or the team's sum).
/// See the README's "Reports" section for each definition.
public struct RepFigures: Equatable, Sendable {
    /// The rep's id; "" for the team.
    public var rep: String
    /// Distinct leads that got any work (accept, reject, contact, follow-up, qualify, clawback) in the window while in this queue.
    public var handled = 0
    /// Assignments to this rep made in the window. The clock figures below are about these.
    public var handoffs = 0
    /// Accepts, rejections, clawbacks to nurture and qualifications made in the window, counted for
    /// the rep whose queue the lead was in (also when a manager acted on their behalf).
    public var accepted = 0
    public var rejected = 0
    public var nurtured = 0
    public var qualified = 0
    /// First contact − assignment, for the window's assignments that got a contact (do-not-contact leads have no clock).
    public var responseTimes = Durations()
    /// First contact − inquiry, for those of them that took the lead from the pool.
    public var responseFromInquiry = Durations()
    public var responseDistribution: ResponseDistribution
    /// Assignments decided (accepted, or closed without accepting) after the decision SLA, still
    /// undecided past it, or handed to someone else after it.
    public var decisionBreaches = 0
    /// Assignments with a first-touch clock (not do-not-contact, not closed without any contact).
    public var firstTouchClocks = 0
    /// Of those: first contact after the deadline, none yet past it, or handed over past it untouched.
    public var firstTouchBreaches = 0
    /// Follow-ups marked done in the window.
    public var followUpsDone = 0
    /// Follow-ups open and past due at the window's end (or now, if sooner).
    public var followUpsOverdue = 0
    /// Finished stays in each stage that ended in the window. Reps have `assigned` and `accepted`;
    /// the team also has `new` (waiting in the pool) and `nurture` (until released), unless the
    /// report is restricted to some reps.
    public var stageTimes: [Stage: Durations] = [:]

    public init(rep: String, settings: Settings) {
        self.rep = rep
        responseDistribution = ResponseDistribution(settings)
    }

    public var decisions: Int { accepted + rejected + nurtured + qualified }

    /// Adds another set of figures: the team's row sums the reps', and a report read in parts
    /// sums each part's.
    public mutating func add(_ o: RepFigures) {
        handled += o.handled
        handoffs += o.handoffs
        accepted += o.accepted
        rejected += o.rejected
        nurtured += o.nurtured
        qualified += o.qualified
        responseTimes = responseTimes + o.responseTimes
        responseFromInquiry = responseFromInquiry + o.responseFromInquiry
        responseDistribution = responseDistribution + o.responseDistribution
        decisionBreaches += o.decisionBreaches
        firstTouchClocks += o.firstTouchClocks
        firstTouchBreaches += o.firstTouchBreaches
        followUpsDone += o.followUpsDone
        followUpsOverdue += o.followUpsOverdue
        for (stage, d) in o.stageTimes { stageTimes[stage] = (stageTimes[stage] ?? Durations()) + d }
    }
}

/// Rejection (or clawback) counts by reason within a group (a source, a score band, or everything).
public struct ReasonCount: Equatable, Sendable {
    public var group: String
    public var reason: String
    public var count: Int
    /// All rejections (or clawbacks) in the group, to read `count` as a share.
    public var groupTotal: Int
    public var share: Share { Share(count, of: groupTotal) }
}

/// What reps did with the handoffs (assignments) made in the window, by score band: a low
/// acceptance rate for hot leads says sales doesn't trust the score.
public struct BandAcceptance: Equatable, Sendable {
    public var band: ScoreBand
    public var handoffs = 0
    public var accepted = 0
    /// Rejected or clawed back without being accepted first.
    public var notAccepted = 0
    /// Of the accepted: rejected later, after working them (a score that promised too much).
    public var rejectedAfterAccepting = 0
    /// Of the accepted: qualified by now.
    public var qualified = 0
    /// Not decided yet, or reassigned before a decision.
    public var undecided: Int { handoffs - accepted - notAccepted }
    /// Accepted among the decided ones.
    public var rate: Share { Share(accepted, of: accepted + notAccepted) }

    static func + (a: BandAcceptance, b: BandAcceptance) -> BandAcceptance {
        var c = a
        c.handoffs += b.handoffs
        c.accepted += b.accepted
        c.notAccepted += b.notAccepted
        c.rejectedAfterAccepting += b.rejectedAfterAccepting
        c.qualified += b.qualified
        return c
    }

    public init(band: ScoreBand) { self.band = band }
}

/// One cohort: the leads created in a period (from one source, or all), and how many of them ever
/// reached each stage by now. A lead counts in every stage it reached (accepted, then qualified).
public struct CohortRow: Equatable, Sendable {
    public var period: CohortPeriod
    /// The source as written on the leads; nil for the row of all sources.
    public var source: String?
    public var size = 0
    public var accepted = 0
    public var qualified = 0
    public var rejected = 0
    public var nurture = 0
    /// After the handoff: of the qualified, the opportunities won and lost by now, the won amount
    /// (cents), the ones still open (the pipeline) and how long the closed ones took from SQL.
    public var won = 0
    public var lost = 0
    public var wonAmount: Int64 = 0
    public var open = 0
    public var sqlToClose = Durations()

    public init(period: CohortPeriod, source: String?) { (self.period, self.source) = (period, source) }

    public func share(_ outcome: LeadTimeline.Outcome) -> Share {
        switch outcome {
        case .accepted: return Share(accepted, of: size)
        case .qualified: return Share(qualified, of: size)
        case .rejected: return Share(rejected, of: size)
        case .nurture: return Share(nurture, of: size)
        case .won: return Share(won, of: size)
        case .lost: return Share(lost, of: size)
        }
    }

    /// Won among the opportunities closed (won or lost).
    public var winRate: Share { Share(won, of: won + lost) }

    mutating func add(_ reached: Set<LeadTimeline.Outcome>, _ opportunity: LeadTimeline.Opportunity? = nil) {
        add(reached: reached.contains, opportunity)
    }

    mutating func add(reached: (LeadTimeline.Outcome) -> Bool, _ opportunity: LeadTimeline.Opportunity?) {
        size += 1
        if reached(.accepted) { accepted += 1 }
        if reached(.qualified) { qualified += 1 }
        if reached(.rejected) { rejected += 1 }
        if reached(.nurture) { nurture += 1 }
        guard let o = opportunity else { return }
        switch o.outcome {
        case .won?:
            won += 1
            wonAmount += o.amount ?? 0
        case .lost?: lost += 1
        default: open += 1
        }
        if let closed = o.closedAt { sqlToClose.insert(closed - o.qualifiedAt) }
    }

    static func + (a: CohortRow, b: CohortRow) -> CohortRow {
        var c = a
        c.size += b.size
        c.accepted += b.accepted
        c.qualified += b.qualified
        c.rejected += b.rejected
        c.nurture += b.nurture
        c.won += b.won
        c.lost += b.lost
        c.wonAmount += b.wonAmount
        c.open += b.open
        c.sqlToClose = c.sqlToClose + b.sqlToClose
        return c
    }
}
