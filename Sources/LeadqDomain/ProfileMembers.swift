/// Which members of a profile a reading keeps; the others are left at their defaults, unread.
/// Figures over every lead read a few of them (`ReportBuilder.profileMembers`): decoding the names,
/// titles and e-mails of a million leads for nothing was a tenth of a report.
public struct ProfileMembers: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let origin = ProfileMembers(rawValue: 1 << 0)
    public static let originId = ProfileMembers(rawValue: 1 << 1)
    public static let name = ProfileMembers(rawValue: 1 << 2)
    public static let company = ProfileMembers(rawValue: 1 << 3)
    public static let title = ProfileMembers(rawValue: 1 << 4)
    public static let email = ProfileMembers(rawValue: 1 << 5)
    public static let phone = ProfileMembers(rawValue: 1 << 6)
    public static let country = ProfileMembers(rawValue: 1 << 7)
    public static let region = ProfileMembers(rawValue: 1 << 8)
    public static let industry = ProfileMembers(rawValue: 1 << 9)
    public static let companySize = ProfileMembers(rawValue: 1 << 10)
    public static let source = ProfileMembers(rawValue: 1 << 11)
    public static let trigger = ProfileMembers(rawValue: 1 << 12)
    public static let content = ProfileMembers(rawValue: 1 << 13)
    public static let signals = ProfileMembers(rawValue: 1 << 14)
    public static let sourceScore = ProfileMembers(rawValue: 1 << 15)
    public static let score = ProfileMembers(rawValue: 1 << 16)
    public static let scoreParts = ProfileMembers(rawValue: 1 << 17)
    /// `doNotContact`, `emailOptOut`, `doNotCall`, `consentSource` and `consentAt`.
    public static let consent = ProfileMembers(rawValue: 1 << 18)
    public static let nextAction = ProfileMembers(rawValue: 1 << 19)
    public static let flags = ProfileMembers(rawValue: 1 << 20)
    public static let extra = ProfileMembers(rawValue: 1 << 21)
    public static let createdAt = ProfileMembers(rawValue: 1 << 22)
    /// Not of the profile: the history's free texts (notes, follow-ups' descriptions), kept the
    /// same way. Without it they read as empty; figures count entries, never read what they say.
    public static let notes = ProfileMembers(rawValue: 1 << 23)

    public static let all = ProfileMembers(rawValue: (1 << 24) - 1)

    /// The member a playbook's or a routing rule's condition reads.
    public init(_ field: RoutingRule.Condition.Field) {
        switch field {
        case .country: self = .country
        case .region: self = .region
        case .source: self = .source
        case .industry: self = .industry
        case .trigger: self = .trigger
        case .content: self = .content
        case .origin: self = .origin
        case .title: self = .title
        }
    }
}
