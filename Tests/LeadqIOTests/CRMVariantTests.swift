import Foundation
import LeadqDomain
import LeadqIO
import Testing

/// Each way a CRM writes its leads, from the samples under Samples/ (Samples/README.md says where
/// each header, quoting, date and boolean format comes from): recognised by its whole header and
/// read with every field in its place.
@Suite struct CRMVariantTests {
    /// A zone's offsets from the system's time-zone database, as the CLI hands them in.
    static func zone(_ id: String) -> @Sendable (Instant) -> Int64 {
        let tz = TimeZone(identifier: id)!
        return { t in Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t.seconds)))) }
    }

    static func read(_ name: String, zone: String? = nil, encoding: TextEncoding = .utf8) throws -> ReadRows {
        var o = ImportOptions()
        o.utcOffset = zone.map(Self.zone)
        o.encoding = encoding
        return try Samples.read(name, o)
    }

    /// Every field a row gives, in one line: key | name | company | title | email | phone | country |
    /// region | industry | size | source | trigger | content | score | owner | created | consent.
    /// Consent by channel (issue 14): "no-call", "no-email", both ("dnc"), or "ok".
    static func consent(_ v: Profile) -> String {
        if v.noContact { return "dnc" }
        return v.doNotCall ? "no-call" : v.emailOptOut ? "no-email" : "ok"
    }

    static func describe(_ r: ImportRow) -> String {
        let v = r.values
        let parts = [
            r.originId, v.name, v.company, v.title, v.email, v.phone, v.country, v.region, v.industry,
            v.companySize.map(String.init) ?? "-", v.source, v.trigger, v.content.joined(separator: ";"),
            v.sourceScore.map(String.init) ?? "-", r.owner, r.present.contains(.createdAt) ? v.createdAt.iso8601 : "-",
            consent(v),
        ]
        return parts.joined(separator: " | ")
    }

    static let salesforce = [
        "00Q5g000004GrMuEAK | Grace Müller | Acme Logistics GmbH | Head of Operations | grace.mueller@acme-logistics.example | +49 30 1234567 | Germany | Berlin | Logistics | 450 | Webinar |  |  | - | 0055g000001AnaSAAQ | 2026-11-20T09:15:00Z | ok",
        "00Q5g00000bWeWaEAK | 王伟 | 上海数据科技有限公司 | CTO | wei.wang@shdata.example | +86 21 5555 0101 | China | Shanghai | Software | 1200 | Partner Referral |  |  | - | 0055g000001BenOAAQ | 2026-11-20T10:02:00Z | no-call",
        "00Q5g00000JoSEgEAN | José García | Acme Logistics GmbH | VP Sales | jose.garcia@acme-logistics.example |  | Spain |  | Logistics | 450 | Web |  |  | - | 0055g000001AnaSAAQ | 2026-11-21T11:30:00Z | ok",
        "00Q5g00000sibHrEAI | Siobhán Ní Bhriain | Cló Iar-Chonnacht | Founder | siobhan@cic.example | +353 91 593 251 | Ireland | Galway | Software | 35 | Trade Show |  |  | - | 0055g000009XyzQAAS | 2026-11-23T08:30:00Z | no-email",
        "00Q5g00000CHLduEAH | Chloé Dubois | Dubois Conseil | Directrice, Marketing | chloe@dubois.example | +33 1 55 55 01 02 | France |  | Retail | 12 | Web |  |  | - | 0055g000001AnaSAAQ | 2026-11-23T14:05:00Z | ok",
        "00Q5g00000gRacEEAS | Grace Müller | ACME Logistics GmbH | Head of Ops | g.mueller@private.example | +49 170 5550101 | Germany |  | Logistics | - | Web |  |  | - | 0055g000001AnaSAAQ | 2026-11-24T07:45:00Z | ok",
    ]

    /// The Salesforce lines without 王伟, who is not in Windows-1252 or ISO-8859-1.
    static var latinSalesforce: [String] { salesforce.filter { !$0.contains("王伟") } }

    @Test func salesforceDataLoaderInUTF8WithAByteOrderMark() throws {
        let r = try Self.read("salesforce-dataloader-bom.csv")
        #expect((r.format, r.style, r.bad.count) == (.salesforce, .salesforceAPI, 0))
        #expect(r.rows.map(Self.describe) == Self.salesforce)
        #expect(
            r.rows[0].extra.first { $0.key == "Description" }?.value
                == "Attended the \"Scaling Support\" webinar.\nAsked about pricing – €40k budget.")
    }

    @Test func salesforceDataLoaderWithCapitalHeadersInWindows1252() throws {
        let r = try Self.read("salesforce-dataloader-caps.csv", encoding: .windows1252)
        #expect((r.format, r.style, r.bad.count) == (.salesforce, .salesforceAPI, 0))
        #expect(r.rows.map(Self.describe) == Self.latinSalesforce)
        #expect(
            r.rows[0].extra.first { $0.key == "DESCRIPTION" }?.value
                == "Attended the \"Scaling Support\" webinar.\nAsked about pricing – €40k budget.")
        // Data Loader put a quote before a leading `=` (its formula escape): read back without it.
        #expect(r.rows[3].extra.first { $0.key == "DESCRIPTION" }?.value == "=1+1 in the form's comment field")
    }

    @Test func salesforceDataExportInISO88591() throws {
        let r = try Self.read("salesforce-data-export.csv", encoding: .iso88591)
        #expect((r.format, r.style, r.bad.count) == (.salesforce, .salesforceAPI, 0))
        #expect(r.rows.map(Self.describe) == Self.latinSalesforce)
        #expect(r.rows[0].extra.contains(Attribute("Salutation", "")) == false)
        #expect(r.rows[0].extra.contains(Attribute("IsDeleted", "false")))
    }

    static var reportLines: [String] {
        salesforce.map { line in
            line.replacingOccurrences(of: "0055g000001AnaSAAQ", with: "Ana Souza").replacingOccurrences(
                of: "0055g000001BenOAAQ", with: "Ben Okafor"
            )
            .replacingOccurrences(of: "0055g000009XyzQAAS", with: "Ciara Walsh")
        }
    }

    @Test(arguments: [
        ("salesforce-report-us.csv", "America/New_York"), ("salesforce-report-uk.csv", "Europe/London"),
        ("salesforce-report-de.csv", "Europe/Berlin"),
    ])
    func salesforceReportsInUSUKAndGermanDatesWithTheirFooter(_ name: String, _ zone: String) throws {
        let r = try Self.read(name, zone: zone)
        #expect(r.bad.flatMap(\.lines) == [])
        #expect((r.format, r.style, r.bad.count, r.footerRows) == (.salesforce, .salesforceReport, 0, 3))
        // 15-character report ids read as their 18-character form; local times in the user's zone.
        #expect(r.rows.map(Self.describe) == Self.reportLines)
    }

    static let hubspot = [
        "5101 | Amara Okonkwo | Lagos Logistics Ltd | Chief Operating Officer | amara@lagos-logistics.example | +234 1 555 0100 | Nigeria | Lagos | Transportation | 800 | Paid Search | Requested a demo of Analytics Suite | Analytics Suite whitepaper | 130 | ben.okafor@example.com | 2026-11-20T09:02:00Z | ok",
        "5103 | Grace Müller | Acme Logistics GmbH | Head of Operations | GRACE.MUELLER@acme-logistics.example | +49 30 1234567 | Germany | Berlin | Logistics | 450 | Offline Sources |  |  | 55 | ana.souza@example.com | 2026-07-15T13:07:00Z | no-email",
        "5104 | Minh Nguyễn | Saigon Soft | Lead Developer | minh@saigon-soft.example | +84 28 5555 0123 | Vietnam |  | Software | 51 | Referrals | Attended webinar | Attended webinar | 49 |  | 2026-11-22T08:30:00Z | ok",
    ]

    @Test func hubspotAllProperties() throws {
        let r = try Self.read("hubspot-all-properties.csv", zone: "Europe/Berlin")
        #expect((r.format, r.style, r.bad.count) == (.hubspot, .hubspotLabels, 0))
        #expect(r.rows.map(Self.describe) == Self.hubspot)
        #expect(r.rows[1].extra.contains(Attribute("Mobile Phone Number", "+49 170 5550101")))
    }

    @Test func hubspotDefaultViewWithItsAssociatedCompany() throws {
        let r = try Self.read("hubspot-default-view.csv", zone: "Europe/Berlin")
        #expect((r.format, r.style, r.bad.count) == (.hubspot, .hubspotLabels, 0))
        #expect(
            r.rows.map(Self.describe) == [
                "5101 | Amara Okonkwo | Lagos Logistics Ltd |  | amara@lagos-logistics.example | +234 1 555 0100 |  |  |  | - |  |  |  | - | ben.okafor@example.com | 2026-11-20T09:02:00Z | ok",
                "5103 | Grace Müller | Acme Logistics GmbH |  | GRACE.MUELLER@acme-logistics.example | +49 30 1234567 |  |  |  | - |  |  |  | - | ana.souza@example.com | 2026-07-15T13:07:00Z | ok",
                "5104 | Minh Nguyễn | Saigon Soft |  | minh@saigon-soft.example | +84 28 5555 0123 |  |  |  | - |  |  |  | - |  | 2026-11-22T08:30:00Z | ok",
            ])
        #expect(r.rows[0].present.contains(.company))
        #expect(
            r.rows[0].extra == [
                Attribute("Lead Status", "NEW"), Attribute("Marketing contact status", "Marketing contact"),
            ])
    }

    @Test func hubspotInternalNames() throws {
        let r = try Self.read("hubspot-internal-names.csv", zone: "Europe/Berlin")
        #expect((r.format, r.style, r.bad.count) == (.hubspot, .hubspotInternal, 0))
        #expect(
            r.rows.map(Self.describe) == [
                "5101 | Amara Okonkwo | Lagos Logistics Ltd | Chief Operating Officer | amara@lagos-logistics.example | +234 1 555 0100 | Nigeria | Lagos | TRANSPORTATION | 800 | PAID_SEARCH | Requested a demo of Analytics Suite | Analytics Suite whitepaper | 130 | 71234567 | 2026-11-20T09:02:00Z | ok",
                "5103 | Grace Müller | Acme Logistics GmbH | Head of Operations | GRACE.MUELLER@acme-logistics.example | +49 30 1234567 | Germany | Berlin | LOGISTICS | 450 | OFFLINE_SOURCES |  |  | 55 | 71234001 | 2026-07-15T13:07:00Z | no-email",
                "5104 | Minh Nguyễn | Saigon Soft | Lead Developer | minh@saigon-soft.example | +84 28 5555 0123 | Vietnam |  | SOFTWARE | 51 | REFERRALS | Attended webinar | Attended webinar | 49 |  | 2026-11-22T08:30:00Z | ok",
            ])
    }

    @Test func hubspotInGerman() throws {
        let r = try Self.read("hubspot-german.csv", zone: "Europe/Berlin")
        #expect((r.format, r.style, r.bad.count) == (.hubspot, .hubspotGerman, 0))
        #expect(
            r.rows.map(Self.describe)
                == Self.hubspot.map {
                    $0.replacingOccurrences(of: " | Analytics Suite whitepaper | ", with: " |  | ")
                        .replacingOccurrences(
                            of: " | Attended webinar | Attended webinar | ", with: " | Attended webinar |  | ")
                })
    }

    static let odoo = [
        "email:sven@nordicfreight.example | Sven Lindqvist | Nordic Freight AB | Logistics Director | sven@nordicfreight.example | +46 8 555 010 00 | Sweden |  |  | - | Search engine | Interested in Analytics Suite | Spring Webinar | 86 | Mitchell Admin | 2026-11-20T10:00:00Z | ok",
        "email:fatima@atlas.example | Fatima Zahra | Atlas Import | CEO | fatima@atlas.example | +212 5 5555 0100 | Morocco |  |  | - | Newsletter | Pricing request |  | 40 | Marc Demo | 2026-07-15T13:07:00Z | no-call",
        "name:ken ito|ito trading | Ken Ito | Ito Trading |  |  |  | Japan |  |  | - | Website | Brochure |  | 10 |  | 2026-11-21T12:00:00Z | ok",
        "email:bo@chen.example | Bo Chen | Chen Co | Buyer | bo@chen.example |  | China |  |  | - | Website | Acme \"Pro\" bundle |  | 50 | Mitchell Admin | 2026-11-22T11:00:00Z | no-email",
    ]

    @Test func odooFieldLabelsWithoutAnIDKeyedByEmailElseNameAndCompany() throws {
        let r = try Self.read("odoo-labels.csv", zone: "Europe/Berlin")
        #expect((r.format, r.style, r.bad.count) == (.odoo, .odooLabels, 0))
        #expect(r.rows.map(Self.describe) == Self.odoo)
        #expect((r.keyedByEmail, r.keyedByName) == (3, 1))
        // Notes are HTML in Odoo: text here, paragraphs and line breaks kept, tags and entities gone.
        #expect(
            r.rows[0].extra.first { $0.key == "Notes" }?.value
                == "Interested in Analytics Suite\nCall after 3pm & before 5pm\nBudget: Q3 <50k> €")
        #expect(r.rows[0].extra.first { $0.key == "Tags" }?.value == "Product,Training")
    }

    @Test func odooFieldLabelsWithTheDatabaseIDAreOdooNotSalesforce() throws {
        let r = try Self.read("odoo-labels-id.csv", zone: "Europe/Berlin")
        #expect((r.format, r.style, r.bad.count) == (.odoo, .odooLabels, 0))
        #expect(
            r.rows.map(Self.describe)
                == zip(["42", "43", "44", "45"], Self.odoo).map { id, line in
                    ([id] + line.components(separatedBy: " | ").dropFirst()).joined(separator: " | ")
                })
    }

    @Test func odooImportCompatibleWithExternalIDsAndUserExternalIDs() throws {
        let r = try Self.read("odoo-import-compatible.csv", zone: "Europe/Berlin")
        #expect((r.format, r.style, r.bad.count) == (.odoo, .odooTechnical, 0))
        // No creation date (read-only fields are left out of import-compatible exports), no consent.
        #expect(
            r.rows.map(Self.describe) == [
                "__export__.crm_lead_42_f519f70a | Sven Lindqvist | Nordic Freight AB | Logistics Director | sven@nordicfreight.example | +46 8 555 010 00 | Sweden |  |  | - | Search engine | Interested in Analytics Suite | Spring Webinar | 86 | base.user_admin | - | ok",
                "__export__.crm_lead_43_9b2d4e71 | Fatima Zahra | Atlas Import | CEO | fatima@atlas.example | +212 5 5555 0100 | Morocco |  |  | - | Newsletter | Pricing request |  | 40 | base.user_demo | - | ok",
                "__export__.crm_lead_44_77aa0c13 | Ken Ito | Ito Trading |  |  |  | Japan |  |  | - | Website | Brochure |  | 10 |  | - | ok",
                "__export__.crm_lead_45_0d1e2f3a | Bo Chen | Chen Co | Buyer | bo@chen.example |  | China |  |  | - | Website | Acme \"Pro\" bundle |  | 50 | base.user_admin | - | ok",
            ])
        #expect(r.rows[2].extra.first { $0.key == "description" }?.value == "Asked for the brochure at the fair.")
        #expect(!r.rows[0].present.contains(.doNotCall) && !r.rows[0].present.contains(.emailOptOut))
    }

    /// `phone_blacklisted` ("Blacklisted Phone is Phone") only says which number is blacklisted;
    /// `phone_sanitized_blacklisted` ("Phone Blacklisted") is the blacklist. A blacklisted mobile sets
    /// the second and not the first.
    @Test func theOdooPhoneBlacklistIsReadFromItsOwnField() throws {
        let technical = try ColumnMap.make(
            header: ["id", "email_from", "phone_blacklisted", "phone_sanitized_blacklisted", "is_blacklisted"],
            forced: nil, overrides: [], file: "f.csv")
        #expect(technical.fields == [.id, .email, .extra, .doNotCall, .emailOptOut])
        let labels = try ColumnMap.make(
            header: ["Opportunity", "Email", "Blacklisted Phone is Phone", "Phone Blacklisted", "Blacklist"],
            forced: nil, overrides: [], file: "f.csv")
        #expect(labels.fields == [.trigger, .email, .extra, .doNotCall, .emailOptOut])
        let r = try Self.read("odoo-labels.csv", zone: "Europe/Berlin")
        #expect(r.rows[1].extra.contains { $0.key == "Blacklisted Phone is Phone" } == false)
        #expect(r.rows[1].values.doNotCall, "Fatima's mobile is on the phone blacklist")
        #expect(!r.rows[1].values.emailOptOut, "her email is not")
    }
}
