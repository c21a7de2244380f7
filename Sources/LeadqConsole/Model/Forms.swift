import LeadqDomain

/// What a reason picker is for.
public enum ReasonPurpose: Equatable, Sendable {
    case reject, clawback

    public var title: String { self == .reject ? "Reject" : "Claw back to nurture" }
}

/// The lead an open dialog acts on, as the rep saw it: saving with this version refuses if
/// someone else changed the lead in the meantime.
public struct Target: Equatable, Sendable {
    public var id: String
    public var version: Int64
    public var name: String
}

/// The contact form: channel, then outcome (one key each), then an optional note.
public struct ContactForm: Equatable, Sendable {
    public enum Step: Equatable, Sendable { case channel, outcome, note }
    public var step: Step = .channel
    public var channel: Channel?
    public var outcome: Outcome?
    /// They contacted us: allowed even on a do-not-contact lead.
    public var inbound = false
    public var note = LineEditor.note()

    public static let channelKeys: [(Character, Channel)] = [
        ("c", .call), ("e", .email), ("s", .sms), ("o", .social), ("m", .meeting),
    ]
    public static let outcomeKeys: [(Character, Outcome)] = [
        ("c", .connected), ("v", .voicemail), ("n", .noAnswer), ("r", .replied),
        ("b", .bounced), ("m", .meetingBooked),
    ]
}

/// The follow-up form: quick choices, or a typed time and what to do.
public struct FollowUpForm: Equatable, Sendable {
    public enum Field: Equatable, Sendable { case when, what }
    public var typing = false
    public var field: Field = .when
    public var when = LineEditor()
    /// Empty means "what the open follow-up was for", else "Follow up" (shown greyed as a hint).
    public var what = LineEditor()

    /// Quick choices: key, label, and the text DueDate reads.
    public static let quick: [(key: Character, label: String, due: String)] = [
        ("1", "tomorrow 09:00", "tomorrow"), ("3", "in 3 days", "+3d"), ("w", "in a week", "+1w"),
    ]
}

/// Won or lost, on a qualified lead: w or l first, then the amount (and for lost, why).
public struct OutcomeForm: Equatable, Sendable {
    public enum Field: Equatable, Sendable { case reason, amount }
    /// nil while the rep hasn't said which yet.
    public var won: Bool?
    public var field: Field = .amount
    public var reason = LineEditor(limit: 200)
    public var amount = LineEditor(limit: 24)
    /// Why Enter didn't save (an unreadable amount, a missing reason), shown in the dialog.
    public var problem: String?

    public var hasTypedText: Bool { !reason.isBlank || !amount.isBlank }
}

/// What the console is doing with the keyboard right now.
public enum Mode: Equatable, Sendable {
    case normal
    /// Typing the queue filter.
    case filter(LineEditor)
    case reasons(ReasonPurpose, Target, selected: Int)
    /// A note for a picked reason (required for `other`, optional otherwise).
    case reasonNote(ReasonPurpose, Target, code: String, note: LineEditor)
    case contact(Target, ContactForm)
    case followUp(Target, FollowUpForm)
    /// "Qualify as an SQL?"; Tab adds a note for the CRM (nil until then).
    case confirmQualify(Target, note: LineEditor?)
    /// A note on the lead, several lines.
    case note(Target, LineEditor)
    /// A qualified lead's opportunity won or lost.
    case outcome(Target, OutcomeForm)
    /// Typing a search over every lead of the store.
    case search(LineEditor)
    /// "Replace your follow-up?": a rep's own open follow-up is never replaced without asking.
    case confirmReplace(Target, due: Instant, what: String)
    case help(filter: LineEditor, scroll: Int)
    case themes(selected: Int)
    /// The manager's rep picker for assigning or reassigning a lead.
    case assign(Target, selected: Int)

    public var isNormal: Bool { self == .normal }
}
