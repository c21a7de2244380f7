import Foundation
import LeadqTestSupport
import Testing

/// An import bigger than one write's chunk of rows (PostgreSQL sends a big write a chunk at a time,
/// as it builds them): every kind of store ends with the same leads and the same history, row for
/// row, as the file store, for new leads and for updates of existing ones.
@Suite struct BigImportCLITests {
    /// Rows in the first file: more than two chunks of lead rows (`Rows.chunk` is 4,000).
    static let rows = 9_000

    func leadq(_ args: [String], _ location: String, rep: String? = nil) throws -> LeadqProcess.Result {
        var a = args + ["--store", location]
        if let rep { a += ["--rep", rep] }
        return try LeadqProcess.run(a, env: ["LEADQ_NOW": "2026-11-23T10:00:00Z"])
    }

    /// A Salesforce export: every third row owned by chen (the demo's owner map), the rest by an
    /// owner nobody maps; `title` lets a second export change the rows it has again.
    static func salesforce(_ range: Range<Int>, title: String) -> String {
        var out = "\"Id\",\"FirstName\",\"LastName\",\"Company\",\"Title\",\"Email\",\"Country\",\"OwnerId\""
        out += ",\"CreatedDate\",\"LeadSource\",\"Rating\"\n"
        for i in range {
            let owner = i % 3 == 0 ? "005Dn000001chen" : "0055g0000000900AAQ"
            let rating = ["Hot", "Warm", "Cold"][i % 3]
            out += "\"00Q\(100_000 + i)\",\"Ana\(i)\",\"Lee\",\"Firm \(i % 700)\",\"\(title)\","
            out +=
                "\"p\(i)@firm\(i % 700).example\",\"DE\",\"\(owner)\",\"2026-11-20T09:15:00Z\",\"Webinar\",\"\(rating)\"\n"
        }
        return out
    }

    func exports(_ location: String) throws -> (leads: String, events: String) {
        let leads = try leadq(["export", "--format", "jsonl"], location)
        let events = try leadq(["export", "--format", "jsonl", "--events"], location)
        #expect(leads.status == 0 && events.status == 0, "\(leads.stderr)\(events.stderr)")
        return (leads.stdout, events.stdout)
    }

    /// A demo store, then the first file (all new leads), then the second (updates and a few new).
    func importBoth(_ location: String, _ dir: TempDirectory) throws -> [String] {
        #expect(try leadq(["demo", "--leads", "20", "--seed", "3"], location).status == 0)
        var said: [String] = []
        for name in ["first.csv", "second.csv"] {
            let r = try leadq(["import", dir.path + "/" + name], location, rep: "mia")
            #expect(r.status == 0, "\(r.stderr)")
            // The file store's own upkeep (a compaction started in the background) aside.
            said.append(r.stdout.split(separator: "\n").filter { !$0.hasPrefix("Compacting") }.joined(separator: "\n"))
        }
        return said
    }

    @Test(arguments: StoreKinds.all)
    func aBigImportSavesWhatTheFileStoreSaves(_ kind: StoreKind) throws {
        let dir = TempDirectory("leadq-big-import")
        try Self.salesforce(0..<Self.rows, title: "Buyer").write(
            toFile: dir.path + "/first.csv", atomically: true, encoding: .utf8)
        try Self.salesforce(4_000..<Self.rows + 100, title: "Head of Buying").write(
            toFile: dir.path + "/second.csv", atomically: true, encoding: .utf8)
        let files = dir.path + "/files"
        let place = try kind.place()
        let expected = try importBoth(files, dir)
        let said = try importBoth(place.location, dir)
        #expect(said == expected)
        #expect(said[0].contains("\(Self.rows) new, 0 updated, 0 unchanged"), "\(said[0])")
        #expect(said[1].contains("100 new, 5000 updated, 0 unchanged"), "\(said[1])")
        let (leads, events) = try exports(place.location)
        let (fileLeads, fileEvents) = try exports(files)
        #expect(leads.split(separator: "\n").count == Self.rows + 100 + 20)
        #expect(leads == fileLeads)
        #expect(events == fileEvents)
        let verified = try leadq(["verify"], place.location)
        #expect(verified.status == 0, "\(verified.stderr)")
    }
}
