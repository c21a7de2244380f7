import LeadqDomain
import LeadqIO
import Testing

/// Rows of each sample to import rows: fields, names in several scripts, consent, extras, and every
/// bad row named by line, column and reason.
@Suite struct RowReaderTests {
    @Test func salesforceLeadsExport() throws {
        let r = try Samples.read("salesforce-leads.csv")
        #expect(r.rows.map(\.line) == [2, 4, 5, 6, 7, 8, 10])
        #expect(
            r.bad.flatMap(\.lines) == ["line 9, column NumberOfEmployees: 'about fifty' is not a number of employees"])
        let grace = r.rows[0]
        #expect(grace.originKey == "salesforce:00Q5g00000AbCdE1AA")
        #expect(grace.values.name == "Grace Müller")
        #expect(grace.values.company == "Acme Logistics GmbH")
        #expect(grace.values.companySize == 450)
        #expect(grace.values.createdAt == Instant(iso8601: "2026-11-20T09:15:00Z"))
        #expect(!grace.values.doNotCall && !grace.values.emailOptOut)
        #expect(grace.owner == "0055g000001AnaSAAQ")
        #expect(
            grace.extra == [
                Attribute("Status", "Open - Not Contacted"), Attribute("Rating", "Hot"),
                Attribute(
                    "Description", "Attended the \"Scaling Support\" webinar.\nAsked about pricing, EU hosting and SSO."
                ),
                Attribute("Partner_Tier__c", "Gold"),
            ])
        #expect(
            r.rows.map(\.values.name) == [
                "Grace Müller", "王伟", "Αλέξανδρος Παπαδόπουλος", "José García", "Олег Иванов", "田中愛子",
                "Siobhán Ní Bhriain",
            ])
        #expect(r.rows.map(\.values.companySize) == [450, 1200, 51, 450, nil, 10000, 35])
        // Consent by channel (issue 14): 王伟 is on do-not-call, Αλέξανδρος opted out of email.
        #expect(r.rows.map(\.values.doNotCall) == [false, true, false, false, false, false, false])
        #expect(r.rows.map(\.values.emailOptOut) == [false, false, true, false, false, false, false])
        #expect(r.rows[1].values.source == "Partner Referral")
        #expect(r.rows[6].values.company == "Cló Iar-Chonnacht")
        #expect(r.extraKeys == ["Status", "Rating", "Description", "Partner_Tier__c"])
    }

    @Test func salesforceReportWithMonthFirstDatesAndOwnerNames() throws {
        let r = try Samples.read("salesforce-report.csv")
        #expect(r.bad.isEmpty)
        #expect(r.rows.map(\.originId) == ["00Q5g00000AbCdE1AA", "00Q5g00000AbCdF1AA", "00Q5g00000AbCdF2AA"])
        #expect(
            r.rows.map(\.values.createdAt)
                == ["2026-11-20T09:15:00Z", "2026-11-23T14:05:00Z", "2026-11-21T10:00:00Z"].map {
                    Instant(iso8601: $0)!
                })
        #expect(r.rows.map(\.owner) == ["Ana Souza", "ben okafor", "Unassigned Queue"])
        #expect(r.rows.map { $0.values.doNotCall || $0.values.emailOptOut } == [false, true, true])
        #expect(r.rows[0].present.contains(.companySize) == false)
    }

    @Test func hubspotExportWithAnUnquotedComma() throws {
        let r = try Samples.read("hubspot-contacts.csv")
        #expect(r.rows.map(\.originId) == ["5101", "5102", "5103", "5104"])
        #expect(
            r.bad.flatMap(\.lines) == [
                "line 6: has 19 fields, the header has 18 (an unquoted comma, or a missing one?)"
            ])
        #expect(r.rows.map(\.values.sourceScore) == [130, 12, 55, 49])
        #expect(r.rows.map(\.values.name) == ["Amara Okonkwo", "Tom Becker", "Grace Müller", "Minh Nguyễn"])
        #expect(r.rows.map(\.values.emailOptOut) == [false, false, true, false])
        #expect(!r.rows.contains { $0.values.doNotCall || $0.values.noContact })
        #expect(r.rows[0].values.trigger == "Requested a demo of Analytics Suite")
        #expect(r.rows[0].values.createdAt == Instant(iso8601: "2026-11-20T10:02:00Z"))
        #expect(r.rows[3].extra.contains(Attribute("Favourite colour", "ắ")))
        #expect(r.rows[0].values.companySize == 800)
    }

    @Test func odooExportWithAStrayQuote() throws {
        let r = try Samples.read("odoo-crm-lead.csv")
        #expect(
            r.rows.map(\.originId) == [
                "__export__.crm_lead_12_5f3a1c2e", "__export__.crm_lead_13_9b2d4e71", "__export__.crm_lead_14_77aa0c13",
            ])
        #expect(
            r.bad.flatMap(\.lines) == [
                "line 6, column name: a closing quote is followed by more text; quotes inside a quoted field must be doubled (\"\")"
            ])
        let sven = r.rows[0]
        #expect(sven.values.name == "Sven Lindqvist")
        #expect(sven.values.trigger == "Interested in Analytics Suite")
        #expect(sven.values.sourceScore == 86)
        #expect(sven.values.content == ["Spring Webinar"])
        #expect(sven.owner == "Mitchell Admin")
        #expect(sven.extra.first { $0.key == "description" }?.value == "Line one\r\nLine two, with comma")
    }

    @Test func leadqJSONLines() throws {
        let r = try Samples.read("leadq-leads.jsonl")
        #expect(r.rows.map(\.originKey) == ["web:form-881", "web:form-882", "leadq:L-00042"])
        #expect(r.rows[0].owner == "dana")
        #expect(r.rows[0].values.signals == [Signal("webinar", 1), Signal("pricing-page", 2)])
        #expect(r.rows[1].values.sourceScore == 88)
        #expect(r.bad.map(\.line) == [5])
        #expect(r.bad[0].problems[0].reason.hasPrefix("not a lead: "))
    }

    func rows(_ csv: String, _ options: ImportOptions = ImportOptions()) throws -> ReadRows {
        try Importer.read(csvBytes(csv), file: "t.csv", options: options)
    }

    @Test func everyProblemOfEveryBadRowIsListed() throws {
        let r = try rows(
            """
            Id,Email,CreatedDate,NumberOfEmployees,DoNotCall,Lead_Score__c
            00Q1,a@x.example,2026-11-20,10,false,50
            ,b@x.example,2026-02-30,lots,maybe,high
            00Q1,c@x.example,2026-11-20,10,false,50
            00Q4,d@x.example,,,,
            """)
        #expect(r.rows.map(\.line) == [2, 5])
        #expect(
            r.bad.flatMap(\.lines) == [
                "line 3, column Id: is empty: every row needs its Salesforce id",
                "line 3, column NumberOfEmployees: 'lots' is not a number of employees",
                "line 3, column Lead_Score__c: 'high' is not a number",
                "line 3, column CreatedDate: '2026-02-30' is not a date leadq reads (2026-11-23, 2026-11-23T10:02:00Z, 23/11/2026 or 11/23/2026 10:02 AM)",
                "line 3, column DoNotCall: 'maybe' is not a yes/no value (true/false, yes/no, 1/0)",
                "line 4, column Id: the same Id as line 2 (00Q1)",
            ])
        // Empty cells: no size, no score, no creation time given (a new lead gets now), consent false.
        #expect(r.rows[1].values.companySize == nil)
        #expect(r.rows[1].values.sourceScore == nil)
        #expect(!r.rows[1].present.contains(.createdAt))
    }

    @Test func dayAndMonthOrderComesFromTheFileOrTheFlag() throws {
        let dayFirst = try rows("Lead ID,Create Date\n1,03/04/2026\n2,25/12/2026 17:30\n")
        #expect(
            dayFirst.rows.map(\.values.createdAt) == [
                Instant(iso8601: "2026-04-03")!, Instant(iso8601: "2026-12-25T17:30:00Z")!,
            ])
        let ambiguous = try rows("Lead ID,Create Date\n1,03/04/2026\n2,05/06/2026\n")
        #expect(ambiguous.bad.count == 2)
        #expect(
            ambiguous.bad[0].lines == [
                "line 2, column Create Date: '03/04/2026' could be day/month or month/day and no date in the file tells which; pass --date-order dmy or mdy"
            ])
        let flagged = try rows(
            "Lead ID,Create Date\n1,03/04/2026\n2,05/06/2026 12:00 AM\n", ImportOptions(dateOrder: .mdy))
        #expect(
            flagged.rows.map(\.values.createdAt) == [
                Instant(iso8601: "2026-03-04")!, Instant(iso8601: "2026-05-06T00:00:00Z")!,
            ])
        let both = try rows("Lead ID,Create Date\n1,13/04/2026\n2,04/13/2026\n3,2026-01-01\n")
        #expect(both.rows.map(\.line) == [4])
        #expect(both.bad.first?.lines.first?.contains("both day-first and month-first") == true)
        let dotted = try rows("Lead ID,Create Date\n1,20.11.2026 09:15\n")
        #expect(dotted.rows.first?.values.createdAt == Instant(iso8601: "2026-11-20T09:15:00Z"))
    }

    /// A date the store couldn't write back is a bad cell, not a lead that bricks the store.
    @Test func datesOutsideTheRecordableYearsAreBadCells() throws {
        let r = try rows(
            "Lead ID,Create Date\n1,9999-12-31T23:00:00-05:00\n2,1969-07-20\n3,31/12/9999 23:59\n4,2026-11-20\n")
        #expect(r.rows.map(\.line) == [4, 5])
        #expect(
            r.bad.flatMap(\.lines) == [
                "line 2, column Create Date: '9999-12-31T23:00:00-05:00' is outside the dates leadq can record (1970 to 9999)",
                "line 3, column Create Date: '1969-07-20' is outside the dates leadq can record (1970 to 9999)",
            ])
        let jsonl = try JSONLRowReader.rows(
            Array(#"{"origin":"web","originId":"1","createdAt":"9999-12-31T23:00:00-05:00"}"#.utf8), file: "x.jsonl")
        #expect(jsonl.rows.isEmpty)
        #expect(
            jsonl.bad.first?.lines == [
                "line 1, column createdAt: '10000-01-01T04:00:00Z' is outside the dates leadq can record (1970 to 9999)"
            ])
    }

    @Test func cellsLeadqNeutralisedOnExportReadBackAsTheyWere() throws {
        let r = try rows("Id,Company,Phone\n1,'=Acme,'+49 30 1\n2,'Quoted',x\n")
        #expect(r.rows.map(\.values.company) == ["=Acme", "'Quoted'"])
        #expect(r.rows[0].values.phone == "+49 30 1")
    }
}

/// Files over 20,000 records are read and mapped in two halves at once; the halves must join
/// seamlessly: lines, multi-line cells at the cut, and duplicates across the halves.
@Suite struct BigFileTests {
    @Test func twoHalvesReadAsOne() throws {
        var csv = "Id,Email,Description,NumberOfEmployees\r\n"
        var line = 2
        var expectedLines: [Int] = []
        for i in 0..<30_000 {
            let id = i == 25_000 ? "00Q5" : "00Q\(i)"  // a duplicate of row 5, in the other half
            let size = i == 15_000 ? "lots" : "\(i % 900)"  // a bad cell near the cut
            let note = i % 3 == 0 ? "\"two\nlines, \"\"quoted\"\"\"" : "plain"
            csv += "\(id),p\(i)@x.example,\(note),\(size)\r\n"
            expectedLines.append(line)
            line += i % 3 == 0 ? 2 : 1
        }
        let r = try Importer.read(Array(csv.utf8), file: "big.csv", options: ImportOptions())
        #expect(r.rows.count + r.bad.count == 30_000)
        #expect(r.bad.map(\.line) == [expectedLines[15_000], expectedLines[25_000]])
        #expect(
            r.bad[0].lines == [
                "line \(expectedLines[15_000]), column NumberOfEmployees: 'lots' is not a number of employees"
            ])
        #expect(
            r.bad[1].lines == [
                "line \(expectedLines[25_000]), column Id: the same Id as line \(expectedLines[5]) (00Q5)"
            ])
        #expect(
            r.rows.map(\.line)
                == expectedLines.enumerated().filter { $0.offset != 15_000 && $0.offset != 25_000 }.map(\.element))
        #expect(r.rows[0].extra == [Attribute("Description", "two\nlines, \"quoted\"")])
        #expect(r.rows.last?.originId == "00Q29999")
    }
}
