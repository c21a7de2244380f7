/// Review flags: missing critical fields (computed) and duplicates (stored by imports).
public enum DataQuality {
    public static func flags(_ p: Profile) -> [String] {
        var f: [String] = []
        if p.email.isEmpty && p.phone.isEmpty { f.append("no-email-or-phone") }
        if p.company.isEmpty { f.append("no-company") }
        f.append(contentsOf: p.flags)
        return f
    }

    /// The comparison key for duplicate detection: the address, trimmed and lowercased.
    public static func emailKey(_ email: String) -> String {
        Rules.trimmed(email).lowercased()
    }
}
