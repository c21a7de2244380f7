/// What routing decided for one unassigned lead, and why, so a manager can check it before saving.
public struct RoutingDecision: Equatable, Sendable {
    public enum Outcome: Equatable, Sendable {
        case assign(String)
        case nurture
        /// Stays in the pool: no rule could place it (everyone away or at their cap).
        case hold
    }
    public var lead: String
    public var score: Int
    public var hot: Bool
    public var outcome: Outcome
    /// The rule that decided it (recorded on the event); nil when the lead stays in the pool.
    public var rule: String?
    /// Why, in a line: the rule's match and the round-robin pick, or what stopped each matching rule.
    public var why: String
}

/// Routing of domain.md: decides, for leads in the pool, who gets them, in the order of the rules.
///
/// 0. A lead flagged as a likely duplicate is held in the pool for a manager (merge or assign it).
/// 1. `low-score`: a score below `scores.nurtureBelow` goes to nurture, whatever the rules say.
/// 2. The store's `routing` rules, in order: the first rule whose conditions all match and whose
///    target can take the lead decides. A rep target that is away (or at cap) passes the lead on to
///    the next rule, and so does a team whose reps are all away or at cap.
/// 3. `round-robin`: what no rule placed goes round the whole team.
///
/// Hot leads (score ≥ `scores.hot`) are placed first and at once: if every rep a rule names is at
/// cap, the hot lead still goes to the least loaded of them who is not away.
/// Round-robin turns within a team, starting after the rep who got the team's last routed lead
/// (the most recent rule-made assignment still in a queue), skipping reps who are away or full.
public enum Routing {
    public static let lowScoreRule = "low-score"
    public static let fallbackRule = "round-robin"

    /// - Parameters:
    ///   - pool: the unassigned leads to route (others are ignored).
    ///   - active: every lead in someone's queue: the open counts for the caps and the round-robin position.
    public static func plan(pool: [Lead], active: [Lead], settings: Settings) -> [RoutingDecision] {
        plan(pool: pool, held: active.compactMap(Held.init), settings: settings)
    }

    /// `plan` with the queue leads given by what routing reads of them (an import routes in the
    /// same write that assigned tens of thousands: copying each lead whole cost more than routing).
    public static func plan(pool: [Lead], held: [Held], settings: Settings) -> [RoutingDecision] {
        plan(
            candidates: pool.filter { $0.stage == .new }.map { Candidate($0, settings: settings) }, held: held,
            settings: settings)
    }

    /// `plan` with the waiting leads given by what routing reads of them (an import of 100,000 rows
    /// doesn't hold its new leads).
    public static func plan(candidates waiting: [Candidate], held: [Held], settings: Settings) -> [RoutingDecision] {
        var tally = HeldTally()
        for l in held { tally.add(l, settings: settings) }
        return plan(candidates: waiting, tally: tally, settings: settings)
    }

    /// `plan` with the queue leads summed as they were met (`HeldTally`): an import that assigned
    /// 750,000 leads doesn't hold what routing reads of each.
    public static func plan(candidates waiting: [Candidate], tally: HeldTally, settings: Settings)
        -> [RoutingDecision]
    {
        var state = State(settings: settings, tally: tally)
        // Hottest, then longest waiting, then id. Indices are sorted, not candidates.
        let order = waiting.indices.sorted { i, j in
            let (a, b) = (waiting[i], waiting[j])
            if a.score != b.score { return a.score > b.score }
            if a.entered != b.entered { return a.entered < b.entered }
            return LeadID.precedes(a.id, b.id)
        }
        return order.map { state.decide(waiting[$0]) }
    }

    /// What routing reads of a lead in the pool: its score, since when it waits, the leads it may
    /// duplicate, and which of the settings' rules its profile matches.
    public struct Candidate: Sendable {
        public var id: String
        public var score: Int
        public var entered: Instant
        var duplicates: [String]
        /// By the rule's place in `settings.routing`; empty when no rule will be looked at.
        var matched: [Bool]

        public init(_ lead: Lead, settings: Settings) {
            let p = lead.profile
            (id, score, entered) = (lead.id, p.score, lead.work.enteredAt ?? p.createdAt)
            duplicates = DataQuality.duplicateOf(p)
            let ruled = duplicates.isEmpty && p.score >= settings.nurtureBelowScore
            matched = ruled ? settings.routing.map { Routing.matches($0, p) } : []
        }
    }

    /// Whether every condition of a rule holds for the profile (a rule without conditions matches all).
    public static func matches(_ rule: RoutingRule, _ p: Profile) -> Bool {
        rule.when.allSatisfy { matches($0, p) }
    }

    static func matches(_ c: RoutingRule.Condition, _ p: Profile) -> Bool {
        ConditionTerms(c).matches(p)
    }

    /// Open counts and round-robin positions, updated as the plan hands out leads.
    struct State {
        let settings: Settings
        var open: [String: Int] = [:]
        /// Team name ("" for the whole team) → the rep who got its last routed lead.
        var last: [String: String] = [:]

        init(settings: Settings, tally: HeldTally) {
            self.settings = settings
            open = tally.open
            last = tally.newest.mapValues(\.rep)
        }

        mutating func decide(_ c: Candidate) -> RoutingDecision {
            let hot = settings.isHot(c.score)
            var d = RoutingDecision(lead: c.id, score: c.score, hot: hot, outcome: .hold, rule: nil, why: "")
            // Two reps must not work the same person: a likely duplicate waits for a manager's review.
            if !c.duplicates.isEmpty {
                d.why = DataQuality.held(c.duplicates)
                return d
            }
            if c.score < settings.nurtureBelowScore {
                d.outcome = .nurture
                d.rule = Routing.lowScoreRule
                d.why = "score \(c.score) is below \(settings.nurtureBelowScore)"
                return d
            }
            var passed: [String] = []
            for (i, rule) in settings.routing.enumerated() where c.matched[i] {
                switch rule.target {
                case .nurture:
                    d.outcome = .nurture
                    d.rule = rule.name
                    d.why = joined(passed, "matched \(rule.name)")
                    return d
                case .rep(let id):
                    switch take(id, hot: hot) {
                    case .success(let note):
                        d.outcome = .assign(id)
                        d.rule = rule.name
                        d.why = joined(passed, "matched \(rule.name): \(note)")
                        return d
                    case .failure(let why):
                        passed.append("\(rule.name): \(why)")
                    }
                case .team(let team):
                    switch roundRobin(team: team, hot: hot) {
                    case .success(let (rep, note)):
                        d.outcome = .assign(rep)
                        d.rule = rule.name
                        d.why = joined(passed, "matched \(rule.name): \(note)")
                        return d
                    case .failure(let why):
                        passed.append("\(rule.name): \(why)")
                    }
                }
            }
            switch roundRobin(team: nil, hot: hot) {
            case .success(let (rep, note)):
                d.outcome = .assign(rep)
                d.rule = Routing.fallbackRule
                d.why = passed.isEmpty && !settings.routing.isEmpty ? "no rule matched; \(note)" : joined(passed, note)
            case .failure(let why):
                passed.append("\(Routing.fallbackRule): \(why)")
                d.why = "stays in the pool: " + passed.joined(separator: "; ")
            }
            return d
        }

        func joined(_ passed: [String], _ last: String) -> String {
            (passed + [last]).joined(separator: "; ")
        }

        func hasRoom(_ rep: Rep) -> Bool {
            guard let cap = rep.cap else { return true }
            return open[rep.id, default: 0] < cap
        }

        func load(_ rep: Rep) -> String {
            "\(open[rep.id, default: 0]) open" + (rep.cap.map { ", cap \($0)" } ?? "")
        }

        /// A named rep takes the lead unless away, or at cap for a lead that isn't hot.
        mutating func take(_ id: String, hot: Bool) -> Result<String, Why> {
            guard let rep = settings.rep(id) else { return .failure(Why("\(id) is not on the team")) }
            if rep.away { return .failure(Why("\(id) is away")) }
            let room = hasRoom(rep)
            if !room && !hot { return .failure(Why("\(id) is at cap (\(load(rep)))")) }
            let note = "\(id) (\(load(rep)))" + (room ? "" : ", over cap because the lead is hot")
            give(rep, team: nil)
            return .success(note)
        }

        /// The next rep of `team` (nil: the whole team) after the one who got its last routed lead.
        mutating func roundRobin(team: String?, hot: Bool) -> Result<(String, String), Why> {
            let members = settings.reps.filter { $0.role == .rep && (team == nil || $0.team == team) }
            let label = team.map { "team \($0)" } ?? "the whole team"
            guard !members.isEmpty else { return .failure(Why("\(label) has no reps")) }
            let start = last[team ?? ""].flatMap { l in members.firstIndex { $0.id == l } }.map { $0 + 1 } ?? 0
            let turn = (0..<members.count).map { members[(start + $0) % members.count] }
            let present = turn.filter { !$0.away }
            guard !present.isEmpty else { return .failure(Why("everyone in \(label) is away")) }
            if let rep = present.first(where: hasRoom) {
                let note = "round-robin in \(label) → \(rep.id) (\(load(rep)))"
                give(rep, team: team)
                return .success((rep.id, note))
            }
            guard hot else { return .failure(Why("everyone in \(label) is away or at cap")) }
            // A hot lead doesn't wait for room: the least loaded rep present takes it, in turn order on ties.
            let rep = present.min { open[$0.id, default: 0] < open[$1.id, default: 0] }!
            let note = "round-robin in \(label) → \(rep.id) (\(load(rep))), over cap because the lead is hot"
            give(rep, team: team)
            return .success((rep.id, note))
        }

        mutating func give(_ rep: Rep, team: String?) {
            open[rep.id, default: 0] += 1
            last[rep.team] = rep.id
            last[""] = rep.id
            if let t = team { last[t] = rep.id }
        }
    }

    struct Why: Error {
        var text: String
        init(_ t: String) { text = t }
    }
}

extension Routing.Why: CustomStringConvertible { var description: String { text } }
