import CSV
import LeadqDomain
import LeadqIO
import LeadqTestSupport
import Testing

/// Decision rows in each CRM's shape, read back by CSV.swift with formula cells neutralised.
@Suite struct ExportTests {
    func crmLead(_ origin: String, _ id: String) -> LeadScript {
        var p = Fixture.profile()
        p.origin = origin
        p.originId = id
        return LeadScript("L-00001", profile: p)
    }

    @Test func statusesOwnersAndReasonsPerCRM() {
        let s = Samples.settings
        let sf = crmLead("salesforce", "00Q1")
        #expect(!DecisionExport.includes(sf.lead, .salesforce, since: nil), "not worked in leadq yet")
        let accepted = sf.assign("ana").accept(by: "ana")
        #expect(DecisionExport.includes(accepted.lead, .salesforce, since: nil))
        #expect(!DecisionExport.includes(accepted.lead, .hubspot, since: nil))
        #expect(!DecisionExport.includes(accepted.lead, .salesforce, since: Fixture.t0 + 1))
        #expect(
            DecisionExport.row(accepted.lead, .salesforce, settings: s) == [
                "00Q1", "Working", "0055g000001AnaSAAQ", "", "",
            ])
        let rejected = accepted.reject("no-budget", note: "Frozen until Q2", by: "ana")
        #expect(
            DecisionExport.row(rejected.lead, .salesforce, settings: s) == [
                "00Q1", "Unqualified", "0055g000001AnaSAAQ", "no-budget", "Frozen until Q2",
            ])
        let nurtured = accepted.clawback("not-now", by: "ana")
        #expect(
            DecisionExport.row(nurtured.lead, .salesforce, settings: s) == ["00Q1", "Nurturing", "", "not-now", ""])

        let hs = crmLead("hubspot", "5101").assign("ben").accept(by: "ben")
        #expect(
            DecisionExport.row(hs.lead, .hubspot, settings: s) == [
                "5101", "In Progress", "ben.okafor@example.com", "", "",
            ])
        #expect(
            DecisionExport.row(hs.contact(.call, .noAnswer, by: "ben").lead, .hubspot, settings: s)[1]
                == "Attempted to Contact")
        #expect(
            DecisionExport.row(hs.contact(.call, .connected, by: "ben").lead, .hubspot, settings: s)[1] == "Connected")
        #expect(
            DecisionExport.row(hs.qualify(by: "ben").lead, .hubspot, settings: s) == [
                "5101", "Open Deal", "ben.okafor@example.com", "", "",
            ])
        var routed = crmLead("hubspot", "5102")
        routed.run(.nurture(rule: "low-score"), by: "mia")
        #expect(
            DecisionExport.row(routed.lead, .hubspot, settings: s) == [
                "5102", "Bad Timing", "", "routed: low-score", "",
            ])

        let od = crmLead("odoo", "__export__.crm_lead_12").assign("ben")
        #expect(
            DecisionExport.row(od.lead, .odoo, settings: s) == [
                "__export__.crm_lead_12", "New", "Ben Okafor", "True", "",
            ])
        #expect(DecisionExport.row(od.accept(by: "ben").lead, .odoo, settings: s)[1] == "Qualified")
        #expect(
            DecisionExport.row(od.reject("no-budget", by: "ben").lead, .odoo, settings: s)
                == ["__export__.crm_lead_12", "New", "Ben Okafor", "False", "Budget too small"])
        // A rep the owner map can't name for this CRM leaves the owner cell empty (the CRM keeps its owner).
        #expect(
            DecisionExport.row(
                crmLead("salesforce", "00Q2").assign("ben").lead, .salesforce, settings: Fixture.settings)[2] == "")
    }

    @Test func theCSVReadsBackWithEveryDangerousCellNeutralised() throws {
        let cells = [
            "=1+1", "+49 30 1234567", "-2+3", "@SUM(A1)", "\tx", "\rx", "-12", "plain", "a,b", "say \"hi\"",
            "two\nlines", "bell\u{07}", "rtl\u{202E}txt",
        ]
        let bytes = try CSVOutput.bytes(header: ["c"], rows: cells.map { [$0] })
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        var back: [String] = []
        while let r = reader.next() { back.append(r[0]) }
        #expect(
            back == [
                "'=1+1", "'+49 30 1234567", "'-2+3", "'@SUM(A1)", "' x", "'\nx", "'-12", "plain", "a,b", "say \"hi\"",
                "two\nlines", "bell␇", "rtl⟨U+202E⟩txt",
            ])
    }
}
