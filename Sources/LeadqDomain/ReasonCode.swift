/// A reason for rejecting or clawing back a lead; the team keeps its own catalog in the settings.
public struct ReasonCode: Equatable, Sendable {
    public var code: String
    public var label: String
    /// The single key that picks this reason in the console.
    public var key: Character
    public var noteRequired: Bool

    public init(code: String, label: String, key: Character, noteRequired: Bool = false) {
        (self.code, self.label, self.key, self.noteRequired) = (code, label, key, noteRequired)
    }

    /// The timing reason: with `nurture.notNowRejections` on, a rejection for it goes to nurture.
    public static let notNow = "not-now"

    public static let defaultCatalog: [ReasonCode] = [
        ReasonCode(code: "no-budget", label: "Budget too small", key: "b"),
        ReasonCode(code: "not-decision-maker", label: "Wrong person, not the decision maker", key: "d"),
        ReasonCode(code: "bad-fit", label: "Company outside the ideal customer profile", key: "f"),
        ReasonCode(code: "wrong-role", label: "Job or experience does not fit", key: "r"),
        ReasonCode(code: "bad-source", label: "The channel signals a bad lead", key: "s"),
        ReasonCode(code: "bad-data", label: "Unreachable: invalid email or phone", key: "x"),
        ReasonCode(code: "duplicate", label: "Duplicate of another lead", key: "u"),
        ReasonCode(code: "no-consent", label: "Do not contact: no consent", key: "c"),
        ReasonCode(code: "competitor-or-spam", label: "Competitor or spam", key: "p"),
        ReasonCode(code: "not-now", label: "Timing: not now (nurture is usually better)", key: "n"),
        ReasonCode(code: "other", label: "Other (note required)", key: "o", noteRequired: true),
    ]
}
