/// The fields of a profile, by the names the store writes them under.
public enum ProfileKey: String, CaseIterable, Sendable {
    case origin, originId, name, company, title, email, phone, country, region, industry, companySize
    case source, trigger, content, signals, sourceScore, score, scoreParts, doNotContact, nextAction
    case flags, extra, createdAt, emailOptOut, doNotCall, consentSource, consentAt

    /// The kind of value the field holds, which decides how a change of it is written and read.
    public enum Kind: Sendable { case text, number, optionalNumber, flag, texts, signals, parts, attributes, time }

    public var kind: Kind {
        switch self {
        case .companySize, .sourceScore: return .optionalNumber
        case .score: return .number
        case .doNotContact, .emailOptOut, .doNotCall: return .flag
        case .content, .flags: return .texts
        case .signals: return .signals
        case .scoreParts: return .parts
        case .extra: return .attributes
        case .createdAt, .consentAt: return .time
        default: return .text
        }
    }
}

/// One field's value, whatever its type.
public enum FieldValue: Equatable, Sendable {
    case text(String)
    case number(Int?)
    case flag(Bool)
    case texts([String])
    case signals([Signal])
    case parts([ScorePart])
    case attributes([Attribute])
    case time(Instant)
}

/// What an update did to one field.
public struct FieldChange: Equatable, Sendable {
    public var key: ProfileKey
    public var old: FieldValue
    public var new: FieldValue
    public init(_ key: ProfileKey, old: FieldValue, new: FieldValue) {
        (self.key, self.old, self.new) = (key, old, new)
    }
}

extension Profile {
    public subscript(key: ProfileKey) -> FieldValue {
        switch key {
        case .origin: return .text(origin)
        case .originId: return .text(originId)
        case .name: return .text(name)
        case .company: return .text(company)
        case .title: return .text(title)
        case .email: return .text(email)
        case .phone: return .text(phone)
        case .country: return .text(country)
        case .region: return .text(region)
        case .industry: return .text(industry)
        case .companySize: return .number(companySize)
        case .source: return .text(source)
        case .trigger: return .text(trigger)
        case .content: return .texts(content)
        case .signals: return .signals(signals)
        case .sourceScore: return .number(sourceScore)
        case .score: return .number(score)
        case .scoreParts: return .parts(scoreParts)
        case .doNotContact: return .flag(doNotContact)
        case .nextAction: return .text(nextAction)
        case .flags: return .texts(flags)
        case .extra: return .attributes(extra)
        case .createdAt: return .time(createdAt)
        case .emailOptOut: return .flag(emailOptOut)
        case .doNotCall: return .flag(doNotCall)
        case .consentSource: return .text(consentSource)
        case .consentAt: return .time(consentAt)
        }
    }

    /// Sets one field. A value of another kind than the field's (only a program error could make
    /// one: the codec reads each field's kind) changes nothing.
    public mutating func set(_ key: ProfileKey, _ value: FieldValue) {
        switch (key, value) {
        case (.origin, .text(let v)): origin = v
        case (.originId, .text(let v)): originId = v
        case (.name, .text(let v)): name = v
        case (.company, .text(let v)): company = v
        case (.title, .text(let v)): title = v
        case (.email, .text(let v)): email = v
        case (.phone, .text(let v)): phone = v
        case (.country, .text(let v)): country = v
        case (.region, .text(let v)): region = v
        case (.industry, .text(let v)): industry = v
        case (.companySize, .number(let v)): companySize = v
        case (.source, .text(let v)): source = v
        case (.trigger, .text(let v)): trigger = v
        case (.content, .texts(let v)): content = v
        case (.signals, .signals(let v)): signals = v
        case (.sourceScore, .number(let v)): sourceScore = v
        case (.score, .number(let v?)): score = v
        case (.scoreParts, .parts(let v)): scoreParts = v
        case (.doNotContact, .flag(let v)): doNotContact = v
        case (.nextAction, .text(let v)): nextAction = v
        case (.flags, .texts(let v)): flags = v
        case (.extra, .attributes(let v)): extra = v
        case (.createdAt, .time(let v)): createdAt = v
        case (.emailOptOut, .flag(let v)): emailOptOut = v
        case (.doNotCall, .flag(let v)): doNotCall = v
        case (.consentSource, .text(let v)): consentSource = v
        case (.consentAt, .time(let v)): consentAt = v
        default: break
        }
    }

    /// The fields that differ from `a` to `b`, in `ProfileKey` order, with both values.
    public static func changes(from a: Profile, to b: Profile) -> [FieldChange] {
        if a == b { return [] }
        return ProfileKey.allCases.compactMap { k in
            let (x, y) = (a[k], b[k])
            return x == y ? nil : FieldChange(k, old: x, new: y)
        }
    }

    /// The profile with the changes made (their new values).
    public mutating func apply(_ changes: [FieldChange]) {
        for c in changes { set(c.key, c.new) }
    }

    /// The profile with the changes taken back (their old values).
    public mutating func revert(_ changes: [FieldChange]) {
        for c in changes.reversed() { set(c.key, c.old) }
    }
}
