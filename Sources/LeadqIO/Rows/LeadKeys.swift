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

    /// `name:grace m%C3%BCller|acme logistics gmbh`, or "" when either is missing.
    static func nameAndCompany(_ name: String, _ company: String) -> String {
        let k = nameCompanyKey(name, company)
        return k.isEmpty ? "" : namePrefix + k
    }

    /// Name and company compared ignoring case, punctuation and spacing ("Acme, Inc." is "ACME Inc");
    /// "" when either is missing. Every row of a file and every stored lead asks, so the key is made
    /// in one pass over the bytes and kept ASCII (hashed and compared as plain bytes): ASCII letters
    /// lowercased, other bytes written as `%XX` (scripts without case compare as they are).
    public static func nameCompanyKey(_ name: String, _ company: String) -> String {
        let capacity = 3 * (name.utf8.count + company.utf8.count) + 1
        return String(unsafeUninitializedCapacity: capacity) { buf in
            var n = appendWords(name.utf8, to: buf, at: 0)
            guard n > 0 else { return 0 }
            buf[n] = UInt8(ascii: "|")
            n += 1
            let end = appendWords(company.utf8, to: buf, at: n)
            return end == n ? 0 : end
        }
    }

    static let hex = Array("0123456789ABCDEF".utf8)

    /// A text's words, lowercased and single-spaced, written at `start`; returns the end.
    static func appendWords(_ text: String.UTF8View, to buf: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        var n = start
        var gap = false
        for var b in text {
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "'") { continue }
            if b >= 65 && b <= 90 { b += 32 }
            let word = (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b >= 0x80
            guard word else {
                gap = true
                continue
            }
            if gap && n > start {
                buf[n] = 0x20
                n += 1
            }
            gap = false
            if b < 0x80 {
                buf[n] = b
                n += 1
            } else {
                buf[n] = UInt8(ascii: "%")
                buf[n + 1] = hex[Int(b >> 4)]
                buf[n + 2] = hex[Int(b & 0x0F)]
                n += 3
            }
        }
        return n
    }

    /// Whether a source id is one of these keys rather than the CRM's own id.
    public static func isSynthetic(_ originId: String) -> Bool {
        originId.hasPrefix(emailPrefix) || originId.hasPrefix(namePrefix)
    }
}

/// Salesforce record ids: reports write the 15-character, case-sensitive form; the API, Data Loader
/// and Data Export the 18-character one, whose last three characters encode the case of the first
/// fifteen. leadq keys leads by the 18-character form, so both exports of a lead match.
public enum SalesforceID {
    static let checksumAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".utf8)

    /// The 18-character form of a 15-character id; any other text unchanged.
    public static func long(_ id: String) -> String {
        guard id.utf8.count == 15 else { return id }
        let b = Array(id.utf8)
        guard b.allSatisfy({ isAlphanumeric($0) }) else { return id }
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

    static func isAlphanumeric(_ c: UInt8) -> Bool {
        (48...57).contains(c) || (65...90).contains(c) || (97...122).contains(c)
    }
}
