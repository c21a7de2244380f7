/// The simplified demand waterfall of domain.md.
public enum Stage: String, CaseIterable, Sendable, Comparable {
    case new, assigned, accepted, qualified, rejected, nurture
    /// The opportunity's outcome, after qualified.
    case won, lost
    /// Folded into another lead as a duplicate (its history lives on there).
    case merged

    /// Stages in a rep's queue: someone owns the lead and must act on it.
    public var isActive: Bool { self == .assigned || self == .accepted }
    /// Stages after which the console has nothing more to do.
    public var isClosed: Bool { [.qualified, .rejected, .won, .lost, .merged].contains(self) }

    private var order: Int { Stage.allCases.firstIndex(of: self)! }
    public static func < (a: Stage, b: Stage) -> Bool { a.order < b.order }
}

public enum Channel: String, CaseIterable, Sendable {
    case call, email, sms, social, meeting
}

public enum Outcome: String, CaseIterable, Sendable {
    case connected, voicemail
    case noAnswer = "no-answer"
    case replied, bounced
    case meetingBooked = "meeting-booked"

    /// Whether the attempt reached the person.
    public var reached: Bool { self == .connected || self == .replied || self == .meetingBooked }
    /// Outcomes after which the follow-up cadence schedules another try.
    public var triggersCadence: Bool { self == .noAnswer || self == .voicemail }
}

public enum Direction: String, CaseIterable, Sendable {
    case outbound, inbound
}

public enum TeamRole: String, CaseIterable, Sendable {
    case rep, manager
}
