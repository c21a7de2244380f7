import LeadqDomain

/// How a row is keyed when its file has no id column, and the duplicate key of name and company.
public enum LeadKeys {
    static let emailPrefix = "email:"
    static let namePrefix = "name:"

    /// `email:grace@acme.example` (trimmed, lowercased), or "" for no address.
    static func email(_ address: String) -> String {
        let k = DataQuality.emailKey(address)
        return k.isEmpty ? "" : emailPrefix + k
    }

    /// `name:grace muller|acme logistics gmbh`, or "" when either is missing.
    static func nameAndCompany(_ name: String, _ company: String) -> String {
        let k = nameCompanyKey(name, company)
        return k.isEmpty ? "" : namePrefix + k
    }

    /// Name and company compared ignoring case, punctuation and spacing ("Acme, Inc." is "ACME Inc");
    /// "" when either is missing.
    public static func nameCompanyKey(_ name: String, _ company: String) -> String {
        let n = words(name), c = words(company)
        return n.isEmpty || c.isEmpty ? "" : n + "|" + c
    }

    /// Whether a source id is one of these keys rather than the CRM's own id.
    public static func isSynthetic(_ originId: String) -> Bool {
        originId.hasPrefix(emailPrefix) || originId.hasPrefix(namePrefix)
    }

    /// `TextNormal.key`, in one pass for ASCII text (every row of a file and every stored lead asks).
    static func words(_ s: String) -> String {
        guard s.utf8.allSatisfy({ $0 < 0x80 }) else { return TextNormal.key(s) }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var gap = false
        for var b in s.utf8 {
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "'") { continue }
            if b >= 65 && b <= 90 { b += 32 }
            if (b >= 97 && b <= 122) || (b >= 48 && b <= 57) {
                if gap && !out.isEmpty { out.append(0x20) }
                gap = false
                out.append(b)
            } else {
                gap = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Salesforce record ids: reports write the 15-character, case-sensitive form; the API, Data Loader
/// and Data Export the 18-character one, whose last three characters encode the case of the first
/// fifteen. leadq keys leads by the 18-character form, so both exports of a lead match.
public enum SalesforceID {
    static let checksumAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".utf8)

    /// The 18-character form of a 15-character id; any other text unchanged.
    public static func long(_ id: String) -> String {
        let b = Array(id.utf8)
        guard b.count == 15, b.allSatisfy({ isAlphanumeric($0) }) else { return id }
        // Salesforce's rule: for each run of five characters, a 5-bit number whose bit i says the
        // i-th character is an uppercase letter, written as a character of A-Z0-5.
        var suffix: [UInt8] = []
        for chunk in 0..<3 {
            var n = 0
            for i in 0..<5 where (65...90).contains(b[chunk * 5 + i]) { n |= 1 << i }
            suffix.append(checksumAlphabet[n])
        }
        return id + String(decoding: suffix, as: UTF8.self)
    }

    static func isAlphanumeric(_ c: UInt8) -> Bool { (48...57).contains(c) || (65...90).contains(c) || (97...122).contains(c) }
}
