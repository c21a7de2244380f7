/// What the lead is: the fields that came from the web form, the marketing system or the CRM.
/// Imports may refresh it; a rep's work never changes it.
public struct Profile: Equatable, Sendable {
    /// The system the lead came from (`salesforce`, `hubspot`, `odoo`, `web`, `leadq`…) and its id there.
    public var origin = ""
    public var originId = ""
    public var name = ""
    public var company = ""
    public var title = ""
    public var email = ""
    public var phone = ""
    public var country = ""
    public var region = ""
    public var industry = ""
    public var companySize: Int?
    /// The channel the lead came through (webinar, paid-search, referral…).
    public var source = ""
    /// The activity that made it a lead ("Requested a demo").
    public var trigger = ""
    public var content: [String] = []
    public var signals: [Signal] = []
    /// The score the marketing system sent, if any.
    public var sourceScore: Int?
    public var score = 0
    public var scoreParts: [ScorePart] = []
    /// No outreach at all (the source said so). A lead that opted out of email and of calls is too.
    public var doNotContact = false
    /// Consent by channel: an email opt-out blocks emails; do-not-call blocks calls and SMS.
    public var emailOptOut = false
    public var doNotCall = false
    /// Where the consent (or its withdrawal) was recorded, and when (0: not known).
    public var consentSource = ""
    public var consentAt = Instant(seconds: 0)
    /// A next action the source system recommended; when empty the console computes one.
    public var nextAction = ""
    /// Review flags stored by imports (`duplicate-email:L-00012`).
    public var flags: [String] = []
    /// Columns leadq has no field for, kept in their order.
    public var extra: [Attribute] = []
    /// When the source system created the lead.
    public var createdAt = Instant(seconds: 0)

    public init() {}

    /// Do-not-contact: nobody may reach out to the lead on any channel.
    public var noContact: Bool { doNotContact || (emailOptOut && doNotCall) }

    /// The key that identifies the lead in its source system, for idempotent imports.
    public var originKey: String { origin.isEmpty || originId.isEmpty ? "" : "\(origin):\(originId)" }
}

public struct Attribute: Equatable, Sendable {
    public var key: String
    public var value: String
    public init(_ key: String, _ value: String) { (self.key, self.value) = (key, value) }
}
