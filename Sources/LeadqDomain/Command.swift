/// What a person asks for. `Rules.decide` turns it into an `Op` or a `Refusal`.
public enum Command: Equatable, Sendable {
    case assign(to: String, rule: String?)
    case accept
    case reject(reason: String, note: String)
    case contact(channel: Channel, outcome: Outcome, direction: Direction, note: String)
    /// A new follow-up; the cadence's open one gives way, a rep's own is refused (replace it instead).
    case scheduleFollowUp(due: Instant, what: String)
    /// A new follow-up in place of the next open one, whoever scheduled it.
    case replaceFollowUp(due: Instant, what: String)
    /// Marks the next open follow-up done.
    case completeFollowUp(note: String)
    /// Drops the next open follow-up.
    case dropFollowUp
    case qualify(note: String)
    case clawback(reason: String, note: String)
    /// The stale-lead policy: claw back only if the lead has been idle long enough.
    case clawbackStale
    /// Routing: send an unassigned lead to nurture, naming the rule that decided it.
    case nurture(rule: String)
    /// Back to the pool; `step` is the re-engagement step when the policy releases it.
    case release(note: String, step: Int? = nil)
    case undo(target: Int64)
    /// A note on the lead, in any stage, by whoever works it or last worked it (or a manager).
    case note(String)
    /// The opportunity's outcome, on a qualified lead (amount in cents).
    case won(amount: Int64?, note: String)
    case lost(reason: String, amount: Int64?, note: String)
    /// Managers: close this lead as a duplicate of `into`.
    case merge(into: String)
    /// Managers: take in the history of `other`, a duplicate being merged into this lead.
    case absorb(Lead)
}

/// Why an action was refused, in words a rep understands. The state is unchanged.
public struct Refusal: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    /// The command named something that doesn't exist (a version the lead never had): the input is
    /// wrong, rather than the rules saying no to it now. The CLI exits 2 for it instead of 1.
    public var isBadInput: Bool
    public init(_ message: String, badInput: Bool = false) { (self.message, self.isBadInput) = (message, badInput) }
    public var description: String { message }
}

/// Everything a decision depends on besides the lead: who acts, when, and under which settings.
public struct Context: Sendable {
    public var now: Instant
    public var actor: String
    public var settings: Settings
    /// The viewer's offset from UTC, for "today" and for times in messages.
    public var utcOffset: Int64

    public init(now: Instant, actor: String, settings: Settings, utcOffset: Int64 = 0) {
        (self.now, self.actor, self.settings, self.utcOffset) = (now, actor, settings, utcOffset)
    }
}
