import LeadqDomain

/// What planning an import reads of a row before its final profile is made: how it finds its lead,
/// its duplicate keys and its owner. A big file keeps these for every row and its rows for a chunk.
public struct RowKeys: Sendable {
    public var line: Int
    public var originKey: String
    public var owner: String
    /// The row's email, when it gives one (nil: the stored lead's stays).
    var email: String?
    /// The row's own name-and-company key, when it gives both.
    var nameKey: String
    /// The row's name and company, when it gives one without the other (nil: the stored one stays).
    var name: String?
    var company: String?

    public init(_ row: ImportRow) {
        (line, originKey, owner, nameKey) = (row.line, row.originKey, row.owner, row.nameKey)
        email = row.present.contains(.email) ? row.values.email : nil
        if row.nameKey.isEmpty {
            name = row.present.contains(.name) ? row.values.name : nil
            company = row.present.contains(.company) ? row.values.company : nil
        }
    }

    /// `ImportRow.mergedEmail(into:)`.
    func mergedEmail(into base: Profile?) -> String { email ?? base?.email ?? "" }

    /// `ImportRow.mergedNameKey(into:)`.
    func mergedNameKey(into base: Profile?) -> String {
        if !nameKey.isEmpty { return nameKey }
        let n = name ?? base?.name ?? ""
        let c = company ?? base?.company ?? ""
        return n.isEmpty || c.isEmpty ? "" : LeadKeys.nameCompanyKey(n, c)
    }
}
