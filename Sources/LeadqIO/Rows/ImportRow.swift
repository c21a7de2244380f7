import LeadqDomain

/// The profile fields an import can set. A file sets only those it has columns for; a re-import
/// leaves the others as they were.
public enum ProfileField: String, CaseIterable, Sendable {
    case name, company, title, email, phone, country, region, industry, companySize, source, trigger, content
    case signals, sourceScore, doNotContact, nextAction, createdAt
    case emailOptOut, doNotCall, consentSource, consentAt
}

extension ProfileField {
    /// Whether the field holds no value in `p` (a flag always holds one).
    static func isEmpty(_ f: ProfileField, in p: Profile) -> Bool {
        switch f {
        case .name: return p.name.isEmpty
        case .company: return p.company.isEmpty
        case .title: return p.title.isEmpty
        case .email: return p.email.isEmpty
        case .phone: return p.phone.isEmpty
        case .country: return p.country.isEmpty
        case .region: return p.region.isEmpty
        case .industry: return p.industry.isEmpty
        case .companySize: return p.companySize == nil
        case .source: return p.source.isEmpty
        case .trigger: return p.trigger.isEmpty
        case .content: return p.content.isEmpty
        case .signals: return p.signals.isEmpty
        case .sourceScore: return p.sourceScore == nil
        case .doNotContact, .emailOptOut, .doNotCall: return false
        case .nextAction: return p.nextAction.isEmpty
        case .createdAt: return false
        case .consentSource: return p.consentSource.isEmpty
        case .consentAt: return p.consentAt.seconds == 0
        }
    }
}

/// Which profile fields a row gives, a bit each: a `Set` would hash a field for every cell of every row.
public struct ProfileFieldSet: Equatable, Sendable, Sequence, ExpressibleByArrayLiteral {
    private var bits: UInt32 = 0
    private static let all = ProfileField.allCases

    public init() {}
    public init(_ fields: some Sequence<ProfileField>) { for f in fields { insert(f) } }
    public init(arrayLiteral fields: ProfileField...) { self.init(fields) }

    private static func bit(_ f: ProfileField) -> UInt32 { 1 << UInt32(caseIndex(f)) }
    public func contains(_ f: ProfileField) -> Bool { bits & Self.bit(f) != 0 }
    public mutating func insert(_ f: ProfileField) { bits |= Self.bit(f) }
    public mutating func remove(_ f: ProfileField) { bits &= ~Self.bit(f) }
    public var isEmpty: Bool { bits == 0 }

    /// The fields in `ProfileField.allCases` order.
    public func makeIterator() -> some IteratorProtocol<ProfileField> {
        ProfileFieldSet.all.lazy.filter { contains($0) }.makeIterator()
    }
}

/// A field-less enum's place among its cases, as its one-byte tag holds it (the declaration order,
/// which `allCases` follows; a test holds them to each other). Searching `allCases` for it cost a
/// scan of the list every time a row's cell or field was looked at.
func caseIndex<E: CaseIterable>(_ e: E) -> Int {
    withUnsafeBytes(of: e) { Int($0[0]) }
}

/// One good row: the lead's key in its source system and the values the file gives.
public struct ImportRow: Equatable, Sendable {
    public var line: Int
    public var origin: String
    public var originId: String
    /// Holds the values of `present` fields (others are left at their defaults).
    public var values: Profile
    public var present: ProfileFieldSet
    /// This row's extra attributes (non-empty cells), in column order.
    public var extra: [Attribute]
    /// The owner as the file writes it (an id, an email or a name); empty when none.
    public var owner: String
    /// Extra attributes this row clears (empty cells, with `--clear-empty`).
    public var clearedExtras: [String] = []
    /// The name-and-company key of the row's own name and company, when it gives both.
    public var nameKey = ""
    /// The outcome of the lead's opportunity, when the row gives one.
    public var opportunity: OpportunityOutcome?

    public var originKey: String { "\(origin):\(originId)" }

    /// `merged(into: base, …).email`, without making the rest of the profile.
    public func mergedEmail(into base: Profile?) -> String {
        present.contains(.email) ? values.email : base?.email ?? ""
    }

    /// The name-and-company key (`LeadKeys.nameCompanyKey`) of `merged(into: base, …)`.
    public func mergedNameKey(into base: Profile?) -> String {
        if !nameKey.isEmpty { return nameKey }
        let name = present.contains(.name) ? values.name : base?.name ?? ""
        let company = present.contains(.company) ? values.company : base?.company ?? ""
        return name.isEmpty || company.isEmpty ? "" : LeadKeys.nameCompanyKey(name, company)
    }

    /// The profile after this row: `base` (the lead as stored, or nil for a new one) with the row's
    /// `present` fields written over it; every other field stays as stored. The row's extra
    /// attributes replace those of the same name where they stand, or are added after them.
    public func merged(into base: Profile?, now: Instant) -> Profile {
        var p = base ?? Profile()
        p.origin = origin
        p.originId = originId
        let v = values
        for f in present {
            switch f {
            case .name: p.name = v.name
            case .company: p.company = v.company
            case .title: p.title = v.title
            case .email: p.email = v.email
            case .phone: p.phone = v.phone
            case .country: p.country = v.country
            case .region: p.region = v.region
            case .industry: p.industry = v.industry
            case .companySize: p.companySize = v.companySize
            case .source: p.source = v.source
            case .trigger: p.trigger = v.trigger
            case .content: p.content = v.content
            case .signals: p.signals = v.signals
            case .sourceScore: p.sourceScore = v.sourceScore
            case .doNotContact: p.doNotContact = v.doNotContact
            case .nextAction: p.nextAction = v.nextAction
            case .createdAt: p.createdAt = v.createdAt
            case .emailOptOut: p.emailOptOut = v.emailOptOut
            case .doNotCall: p.doNotCall = v.doNotCall
            case .consentSource: p.consentSource = v.consentSource
            case .consentAt: p.consentAt = v.consentAt
            }
        }
        // Consent changed by a CRM that doesn't say where or when: this import is where, now is when.
        let old = base ?? Profile()
        if (p.emailOptOut, p.doNotCall, p.doNotContact) != (old.emailOptOut, old.doNotCall, old.doNotContact) {
            if !present.contains(.consentSource) { p.consentSource = "\(origin) import" }
            if !present.contains(.consentAt) { p.consentAt = now }
        }
        // A row without a creation time (no column, or an empty cell) keeps the stored one; a new lead gets now.
        if base == nil && !present.contains(.createdAt) { p.createdAt = now }
        p.extra = ImportRow.merge(extra: p.extra, with: extra, clearing: clearedExtras)
        return p
    }

    /// Stored attributes with a row's: a name the row gives takes the row's value (all of them, if
    /// the row repeats the name) in the stored one's place; a cleared name goes; new names follow.
    static func merge(extra stored: [Attribute], with given: [Attribute], clearing cleared: [String]) -> [Attribute] {
        if given.isEmpty && cleared.isEmpty { return stored }
        // A new lead's: nothing to replace or clear (every import row of a new lead asks).
        if stored.isEmpty { return given }
        var byKey: [String: [Attribute]] = [:]
        for a in given { byKey[a.key, default: []].append(a) }
        let gone = Set(cleared)
        var placed = Set<String>()
        var out: [Attribute] = []
        for a in stored {
            if let g = byKey[a.key] {
                if placed.insert(a.key).inserted { out += g }
            } else if !gone.contains(a.key) {
                out.append(a)
            }
        }
        for a in given where !placed.contains(a.key) { out.append(a) }
        return out
    }
}

/// A CRM's word on a qualified lead's opportunity: won or lost, the amount, why it was lost.
public struct OpportunityOutcome: Equatable, Sendable {
    public var won: Bool
    public var amount: Int64?
    public var reason: String

    public init(won: Bool, amount: Int64? = nil, reason: String = "") {
        (self.won, self.amount, self.reason) = (won, amount, reason)
    }

    /// The command that records it ("lost" with no reason given says so).
    public var command: Command {
        won
            ? .won(amount: amount, note: "from the CRM")
            : .lost(reason: reason.isEmpty ? "lost in the CRM" : reason, amount: amount, note: "from the CRM")
    }

    /// `Closed Won`, `closedwon`, `won` → true; the lost ones → false; any other stage → nil.
    public static func isWon(_ stage: String) -> Bool? {
        switch String(stage.lowercased().filter { $0.isLetter }) {
        case "closedwon", "won": return true
        case "closedlost", "lost": return false
        default: return nil
        }
    }
}

/// A row that can't be imported, with every reason found in it.
public struct BadRow: Equatable, Sendable {
    public struct Problem: Equatable, Sendable {
        public var column: String
        public var reason: String
    }
    public var line: Int
    public var problems: [Problem]
    /// The row's cells as read, for the rejects file.
    public var cells: [String]

    public var lines: [String] {
        problems.map { "line \(line)" + ($0.column.isEmpty ? "" : ", column \($0.column)") + ": \($0.reason)" }
    }
}

/// What reading a file gave: its good rows and its bad ones, and the column names its extras use.
public struct ReadRows: Sendable {
    public var format: SourceFormat
    public var header: [String]
    public var rows: [ImportRow]
    public var bad: [BadRow]
    public var extraKeys: Set<String>
    /// The header style of a CSV file (nil for JSON Lines).
    public var style: HeaderStyle?
    /// Records at the end of a report export that are its totals and notices, skipped.
    public var footerRows = 0
    /// Rows of a file without an id column, keyed by their email, or by name and company.
    public var keyedByEmail = 0
    public var keyedByName = 0
    /// A big CSV file's good rows, read again a chunk at a time (`rows` is then empty).
    public var streamed: StreamedRows?

    /// How many rows are good.
    public var goodCount: Int { streamed?.count ?? rows.count }

    /// "Salesforce (report labels)", "leadq JSON Lines".
    public var title: String { style?.title ?? format.title }
}
