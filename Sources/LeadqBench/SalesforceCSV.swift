import LeadqDemo
import LeadqDomain

/// A Salesforce Lead export as Data Loader writes it (API names, every field quoted, CR LF), made
/// from the demo's people so the same seed always gives the same file: for timing `leadq import`.
/// Owners are Salesforce user ids; the store's owner map knows three in four of them.
struct SalesforceCSV {
    let rows: Int
    let seed: UInt64
    let now: Instant

    static let header = [
        "Id", "FirstName", "LastName", "Company", "Title", "Email", "Phone", "LeadSource", "Status",
        "Rating", "OwnerId", "CreatedDate", "Industry", "NumberOfEmployees", "Country", "DoNotCall",
        "HasOptedOutOfEmail", "Description",
    ]

    /// The settings of the store the file is imported into: the demo's team, with an owner map
    /// entry for each rep's Salesforce user id.
    func settings() -> Settings {
        var s = DemoStore(leads: rows, seed: seed, now: now).settings()
        let reps = s.reps.filter { $0.role == .rep }
        s.ownerMap += reps.enumerated().map { OwnerMapping(owner: SalesforceCSV.userID($0.offset), rep: $0.element.id) }
        return s
    }

    static func userID(_ n: Int) -> String {
        let digits = String(n)
        return "0055g" + String(repeating: "0", count: 10 - digits.count) + digits + "AAQ"
    }

    func bytes() -> [UInt8] {
        let (settings, leads) = DemoStore(leads: rows, seed: seed, now: now).generate()
        let reps = settings.reps.filter { $0.role == .rep }.count
        let descriptions = [
            "", "", "Asked about pricing, \"enterprise\" tier", "Met at the booth.\nCall back next week, after 14:00.",
            "Downloaded the whitepaper", "",
        ]
        var out: [UInt8] = []
        out.reserveCapacity(rows * 330)
        put(SalesforceCSV.header, into: &out)
        for (i, lead) in leads.enumerated() {
            let p = lead.profile
            let name = p.name.split(separator: " ", maxSplits: 1).map(String.init)
            let (first, last) = name.count == 2 ? (name[0], name[1]) : ("", p.name)
            // One in four owners is a user the owner map doesn't know (the lead stays in the pool).
            let owner = i % 4 == 3 ? SalesforceCSV.userID(900 + i % 7) : SalesforceCSV.userID(i % reps)
            let rating = p.score >= 80 ? "Hot" : p.score >= 30 ? "Warm" : "Cold"
            // The demo's people share few names: numbered addresses keep them apart, as in a real
            // export, except every 500th, which shares its neighbour's (a duplicate to flag).
            let at = p.email.split(separator: "@", maxSplits: 1)
            let n = i % 500 == 499 ? i : i + 1
            let email = at.count == 2 ? "\(at[0]).\(n)@\(at[1])" : p.email
            let digits = String(i + 1)
            put(
                [
                    "00Q5g" + String(repeating: "0", count: 10 - digits.count) + digits + "EAA", first, last, p.company,
                    p.title,
                    email, p.phone, p.source, "Open - Not Contacted", rating, owner, p.createdAt.iso8601, p.industry,
                    p.companySize.map(String.init) ?? "", p.country, p.doNotContact ? "true" : "false",
                    p.doNotContact && i % 2 == 0 ? "true" : "false", descriptions[i % descriptions.count],
                ], into: &out)
        }
        return out
    }

    private func put(_ fields: [String], into out: inout [UInt8]) {
        for (k, f) in fields.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            for b in f.utf8 {
                if b == UInt8(ascii: "\"") { out.append(b) }
                out.append(b)
            }
            out.append(UInt8(ascii: "\""))
        }
        out.append(contentsOf: [0x0D, 0x0A])
    }
}
