import LeadqIO
import Testing

/// Real CSV as CRMs write it, read by CSV.swift with leadq's record scan for lines and quoting.
@Suite struct CSVReadingTests {
    func read(_ s: String) throws -> CSVDocument { try CSVRecords.read(csvBytes(s), file: "t.csv") }

    @Test func quotedFieldsCommasQuotesAndLineBreaksWithTheLineEachRecordStartsOn() throws {
        let doc = try read(
            "id,name,note\r\n1,\"Müller, Grace\",\"said \"\"hi\"\"\r\nand left\"\r\n2,王伟,\n\n3,\"a\nb\nc\",x\r4,last,\n"
        )
        #expect(doc.header == ["id", "name", "note"])
        #expect(doc.records.map(\.line) == [2, 4, 6, 9])
        #expect(
            doc.records.map(\.fields) == [
                ["1", "Müller, Grace", "said \"hi\"\r\nand left"], ["2", "王伟", ""], ["3", "a\nb\nc", "x"],
                ["4", "last", ""],
            ])
        #expect(doc.records.allSatisfy { $0.quoting == nil })
    }

    @Test func aByteOrderMarkAndSpacesAroundHeaderNamesAreDropped() throws {
        let doc = try CSVRecords.read(
            [0xEF, 0xBB, 0xBF] + csvBytes(" Record ID ,Email\n5101,a@b.example"), file: "t.csv")
        #expect(doc.header == ["Record ID", "Email"])
        #expect(doc.records.map(\.fields) == [["5101", "a@b.example"]])
    }

    @Test func aStrayQuoteSpoilsOnlyItsOwnRecord() throws {
        let doc = try read("a,b\n1,\"Acme \"Pro\" bundle\"\n2,ok\n3,\"fine \"\"quoted\"\"\"\n")
        #expect(doc.records.map(\.line) == [2, 3, 4])
        #expect(doc.records[0].quoting?.field == 1)
        #expect(doc.records[0].quoting?.message.hasPrefix("a closing quote is followed by more text") == true)
        #expect(doc.records[1].fields == ["2", "ok"])
        #expect(doc.records[1].quoting == nil)
        #expect(doc.records[2].fields == ["3", "fine \"quoted\""])
    }

    @Test func anUnclosedQuoteIsReportedOnTheRecordThatOpensIt() throws {
        let doc = try read("a,b\n1,x\n2,\"never closed\n3,y\n")
        #expect(doc.records.count == 2)
        #expect(doc.records[1].line == 3)
        #expect(doc.records[1].quoting?.message == "a quoted field is never closed (it runs to the end of the file)")
    }

    @Test func textThatIsNotUTF8IsRefusedWithItsLine() throws {
        // "Müller" as Windows-1252 on line 3.
        let bytes = csvBytes("id,name\n1,a\n2,M") + [0xFC] + csvBytes("ller\n")
        #expect(
            throws: ImportFileError(
                file: "t.csv", line: 3,
                message:
                    "byte 0xFC is not UTF-8; if the file is in another encoding, name it: --encoding windows-1252 or --encoding iso-8859-1"
            )
        ) {
            try CSVRecords.read(bytes, file: "t.csv")
        }
        #expect(throws: ImportFileError.self) { try CSVRecords.read([0xFF, 0xFE, 0x41, 0x00], file: "t.csv") }
        // Cut inside a multi-byte character at the very end.
        #expect(throws: ImportFileError.self) { try CSVRecords.read(csvBytes("a\n") + [0xE4, 0xBC], file: "t.csv") }
        #expect(throws: ImportFileError(file: "t.csv", message: "the file is empty: no header row")) {
            try CSVRecords.read(csvBytes("\n\r\n"), file: "t.csv")
        }
    }

    @Test func theSamplesReadWhole() throws {
        let sf = try CSVRecords.read(try Samples.bytes("salesforce-leads.csv"), file: "sf")
        #expect(sf.records.count == 8)
        #expect(sf.records.map(\.line) == [2, 4, 5, 6, 7, 8, 9, 10])
        #expect(
            sf.records[0].fields[18]
                == "Attended the \"Scaling Support\" webinar.\nAsked about pricing, EU hosting and SSO.")
        let od = try CSVRecords.read(try Samples.bytes("odoo-crm-lead.csv"), file: "odoo")
        #expect(od.records.map(\.line) == [2, 4, 5, 6])
        #expect(od.records[0].fields.last == "Line one\r\nLine two, with comma")
        #expect(od.records[3].quoting != nil)
    }
}
