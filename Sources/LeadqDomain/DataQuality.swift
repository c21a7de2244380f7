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
        let t = Rules.trimmed(email)
        // Addresses are mostly lowercase ASCII already: no new string for those.
        if t.utf8.allSatisfy({ $0 < 0x80 && !($0 >= 65 && $0 <= 90) }) { return t }
        return t.lowercased()
    }
}
