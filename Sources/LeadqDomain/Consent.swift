/// Consent by channel: an email opt-out blocks outbound email; do-not-call blocks calls and SMS; a
/// lead with neither consent (or marked do-not-contact by its source) may not be contacted at all.
public enum Consent {
    /// Why an outbound contact on `channel` is not allowed, or nil when it is.
    public static func blocked(_ p: Profile, _ channel: Channel) -> String? {
        if p.noContact { return "is marked do-not-contact (no consent)" }
        switch channel {
        case .email where p.emailOptOut: return "opted out of email"
        case .call where p.doNotCall, .sms where p.doNotCall: return "is on do-not-call (no calls or SMS)"
        default: return nil
        }
    }

    /// The refusal for an outbound contact on a blocked channel, in the words the console shows
    /// before the rep fills in the dialog.
    public static func refusal(_ lead: Lead, _ channel: Channel) -> Refusal? {
        guard let why = blocked(lead.profile, channel) else { return nil }
        return Refusal("\(lead.id) \(why): an outbound \(channel.rawValue) can't be logged")
    }

    /// Why only a contact the lead started (inbound) can be logged, or nil when an outbound one can
    /// be too: what the console says as its contact dialog opens.
    public static func inboundOnly(_ lead: Lead) -> String? {
        guard lead.profile.doNotContact else { return nil }
        return "\(lead.id) is do-not-contact (no consent): only a contact they started can be logged"
    }

    /// The channels still open for outreach.
    public static func allowed(_ p: Profile) -> [Channel] {
        Channel.allCases.filter { blocked(p, $0) == nil }
    }

    /// "email opt-out (HubSpot import, 2026-11-02)": what blocks which channel, and where it came from.
    public static func summary(_ p: Profile, utcOffset: Int64) -> String? {
        var parts: [String] = []
        if p.doNotContact { parts.append("do-not-contact") }
        if p.emailOptOut { parts.append("email opt-out") }
        if p.doNotCall { parts.append("do-not-call") }
        guard !parts.isEmpty else { return nil }
        var origin: [String] = []
        if !p.consentSource.isEmpty { origin.append(p.consentSource) }
        if p.consentAt.seconds != 0 { origin.append(p.consentAt.date(utcOffset: utcOffset)) }
        return parts.joined(separator: ", ") + (origin.isEmpty ? "" : " (\(origin.joined(separator: ", ")))")
    }
}
