/// Review flags: missing critical fields (computed) and duplicates (stored by imports).
public enum DataQuality {
    public static func flags(_ p: Profile) -> [String] {
        var f: [String] = []
        if p.email.isEmpty && p.phone.isEmpty { f.append("no-email-or-phone") }
        if p.company.isEmpty { f.append("no-company") }
        f.append(contentsOf: p.flags.filter { !$0.hasPrefix(mergedPrefix) })
        return f
    }

    /// The leads an import flagged this one as a likely duplicate of (by email, or name and company).
    public static func duplicateOf(_ p: Profile) -> [String] {
        p.flags.compactMap { f in
            for prefix in ["duplicate-email:", "duplicate-name:"] where f.hasPrefix(prefix) {
                return String(f.dropFirst(prefix.count))
            }
            return nil
        }
    }

    /// How many others of its group a likely duplicate names, per kind (email; name and company): the
    /// group's first by id, the leads a merge would most likely keep. Naming every member made a
    /// group of n give n - 1 flags to each of its n leads: a generated million leads got 107 a lead,
    /// lines of them in the detail pane, and a journal of 3.7 GB.
    public static let duplicatesNamed = 3

    /// Why a likely duplicate waits in the pool instead of being routed.
    public static func held(_ duplicates: [String]) -> String {
        "held for a manager's review: likely duplicate of \(duplicates.joined(separator: ", ")) (merge or assign it)"
    }

    /// The flag a merge leaves on the duplicate it closed, naming the lead it lives on in: imports
    /// compare no lead with it again.
    public static let mergedPrefix = "merged-into:"

    public static func isMerged(_ p: Profile) -> Bool { p.flags.contains { $0.hasPrefix(mergedPrefix) } }

    /// The comparison key for duplicate detection: the address, trimmed and lowercased.
    public static func emailKey(_ email: String) -> String {
        let t = Rules.trimmed(email)
        // Addresses are mostly lowercase ASCII already: no new string for those.
        func lower(_ c: UInt8) -> Bool { c < 0x80 && !(c >= 65 && c <= 90) }
        // Through its bytes when it has them: stepping through the view cost more than the rest.
        if t.utf8.withContiguousStorageIfAvailable({ $0.allSatisfy(lower) }) ?? t.utf8.allSatisfy(lower) { return t }
        return t.lowercased()
    }
}
