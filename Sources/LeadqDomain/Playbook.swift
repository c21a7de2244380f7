/// A cadence for leads of one trigger or source: the first touch (how soon, on which channel, what
/// to do), then the follow-ups, each on a day counted from the first attempt. A demo request gets a
/// call within 5 minutes, then an email on day 1 and a call on day 3.
public struct Playbook: Equatable, Sendable {
    public var name: String
    /// Every condition must hold (the routing rules' conditions: a field's terms, score bounds).
    public var when: [RoutingRule.Condition]
    /// The first step is the first touch; the others follow unanswered attempts.
    public var steps: [PlayStep]

    public init(name: String, when: [RoutingRule.Condition], steps: [PlayStep]) {
        (self.name, self.when, self.steps) = (name, when, steps)
    }

    /// The two of domain.md: a demo request, a webinar attendee.
    public static let defaults: [Playbook] = [
        Playbook(
            name: "demo-request", when: [RoutingRule.Condition(field: .trigger, anyOf: ["demo"])],
            steps: [
                PlayStep(within: 5 * Span.minute, channel: .call, what: "Call about the demo they asked for"),
                PlayStep(day: 1, channel: .email, what: "Email a recap and times for the demo"),
                PlayStep(day: 3, channel: .call, what: "Call again to book the demo"),
            ]),
        Playbook(
            name: "webinar", when: [RoutingRule.Condition(field: .source, anyOf: ["webinar"])],
            steps: [PlayStep(within: 24 * Span.hour, channel: .call, what: "Call about the webinar they attended")]),
    ]

    /// The follow-up days of the cadence this playbook gives a lead: its own steps' days, then the
    /// team's cadence days past its last, so a short playbook still runs to the recommended attempts.
    public func followUpDays(team cadence: [Int64]) -> [Int64] {
        let own = steps.dropFirst().compactMap(\.day)
        let last = own.last ?? 0
        return own + cadence.filter { $0 > last }
    }
}

/// One step of a playbook: the first (`within`: how soon after the clock starts) or a follow-up
/// (`day`: days after the first attempt), with the channel to use and what to do.
public struct PlayStep: Equatable, Sendable {
    public var day: Int64?
    public var within: Int64?
    public var channel: Channel
    public var what: String

    public init(day: Int64? = nil, within: Int64? = nil, channel: Channel, what: String) {
        (self.day, self.within, self.channel, self.what) = (day, within, channel, what)
    }
}

/// The step a lead is at: the next contact its cadence asks for.
public struct CadenceStep: Equatable, Sendable {
    /// 1 for the first touch, 2 for the first follow-up…
    public var number: Int
    /// How many steps the cadence has (the recommended attempts).
    public var of: Int
    public var channel: Channel?
    public var what: String
    /// The playbook it comes from; nil for the team's cadence.
    public var playbook: String?

    public init(number: Int, of: Int, channel: Channel?, what: String, playbook: String?) {
        (self.number, self.of, self.channel, self.what, self.playbook) = (number, of, channel, what, playbook)
    }
}

extension Settings {
    /// The first playbook whose conditions all hold for the lead, if any.
    public func playbook(for p: Profile) -> Playbook? {
        zip(playbooks, playbookTerms).first { _, terms in terms.allSatisfy { $0.matches(p) } }?.0
    }

    /// The follow-up days (after the first attempt) of a lead's cadence: its playbook's, or the team's.
    public func cadenceDays(for p: Profile) -> [Int64] {
        playbook(for: p)?.followUpDays(team: followUpCadenceDays) ?? followUpCadenceDays
    }
}
