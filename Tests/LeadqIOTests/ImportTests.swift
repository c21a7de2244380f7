import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqIO
import LeadqStore
import LeadqTestSupport
import Testing

/// Imports into a real store: owner mapping, flags, consent, scores, idempotent re-imports, and
/// later exports that refresh fields without touching the rep's work.
@Suite struct ImportTests {
    let dir = TempDirectory("leadq-import")
    let t0 = Fixture.t0
    var path: String { dir.path + "/store" }

    func store() throws -> FileStore { try FileStore.create(at: path, settings: Samples.settings) }

    @discardableResult
    func run(_ s: FileStore, _ rows: ReadRows, at: Instant? = nil, apply: Bool = true) throws -> (ImportResult, [Event])
    {
        var rows = rows
        let r = try s.transact(as: "mia", at: at ?? t0) { tx in try Importer.run(&rows, in: tx, store: s, apply: apply)
        }
        return (r.result, r.events)
    }

    func lead(_ s: FileStore, _ key: String) throws -> Lead {
        try s.lead(try s.leadIDs(originKey: key).first!)!
    }

    func journal() throws -> [UInt8] {
        let name = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasPrefix("journal-") }
            .sorted().last!
        return Array(try Data(contentsOf: URL(fileURLWithPath: path + "/" + name)))
    }

    @Test func salesforceLeadsArriveMappedFlaggedAndAssignedByTheOwnerMap() throws {
        let s = try store()
        let (result, events) = try run(s, try Samples.read("salesforce-leads.csv"))
        let plan = result.plan
        #expect((plan.new, plan.updated, plan.unchanged) == (7, 0, 0))
        #expect(plan.unknownOwners == ["0055g000009XyzQAAS": 1])
        #expect(plan.awayOwners == ["0055g000001ZoeAAAQ → zoe": 1])
        #expect(plan.flagged == 3)
        #expect(result.refused.isEmpty)
        // One transaction: 7 created, 4 assigned (Grace, 王伟, José → ana/ben/ana, 田中 → dana).
        #expect(events.map(\.entry.op.name).filter { $0 == "created" }.count == 7)
        #expect(
            events.compactMap {
                if case .assign(let to, let rule) = $0.entry.op { "\($0.lead)→\(to)@\(rule ?? "")" } else { nil }
            }
                == [
                    "L-00001→ana@owner-map", "L-00002→ben@owner-map", "L-00004→ana@owner-map", "L-00006→dana@owner-map",
                ])
        #expect(Set(events.map(\.entry.by)) == ["mia"])

        let grace = try lead(s, "salesforce:00Q5g00000AbCdE1AA")
        #expect(grace.id == "L-00001")
        #expect(grace.stage == .assigned)
        #expect(grace.work.rule == "owner-map")
        #expect(grace.profile.flags == ["duplicate-email:L-00004"])
        #expect(try lead(s, "salesforce:00Q5g00000AbCdE4AA").profile.flags == ["duplicate-email:L-00001"])
        #expect(grace.profile.createdAt == Instant(iso8601: "2026-11-20T09:15:00Z"))
        #expect(grace.history.first?.at == t0)
        // Scored by the store's rules, with the parts that explain it.
        #expect(grace.profile.sourceScore == nil)
        #expect(grace.profile.scoreParts.map(\.label) == ["Senior title", "Company 200+ employees", "Target industry"])
        #expect(grace.score == 45)

        let unknownOwner = try lead(s, "salesforce:00Q5g00000AbCdE3AA")
        #expect(unknownOwner.stage == .new)
        // Consent by channel (issue 14), with the import as its source and date.
        #expect(unknownOwner.profile.emailOptOut && !unknownOwner.profile.doNotCall)
        #expect(unknownOwner.profile.consentSource == "salesforce import")
        #expect(unknownOwner.profile.consentAt == t0)
        #expect(try lead(s, "salesforce:00Q5g00000AbCdE2AA").profile.doNotCall)
        let away = try lead(s, "salesforce:00Q5g00000AbCdE8AA")
        #expect(away.stage == .new, "zoe is away: the lead waits for routing")
        let oleg = try lead(s, "salesforce:00Q5g00000AbCdE5AA")
        #expect(DataQuality.flags(oleg.profile) == ["no-email-or-phone", "no-company"])
        #expect(oleg.stage == .new)
    }

    @Test func importingTheSameFileAgainChangesNothing() throws {
        let s = try store()
        try run(s, try Samples.read("salesforce-leads.csv"))
        let before = try journal()
        let (again, events) = try run(s, try Samples.read("salesforce-leads.csv"), at: t0 + Span.day)
        #expect((again.plan.new, again.plan.updated, again.plan.unchanged, again.plan.assigned) == (0, 0, 7, 0))
        #expect(again.plan.flagUpdateCount == 0)
        #expect(events.isEmpty)
        #expect(try journal() == before)
        // The same, through a fresh process's view of the store.
        let other = try FileStore.open(path)
        let (third, _) = try run(other, try Samples.read("salesforce-leads.csv"), at: t0 + 2 * Span.day)
        #expect(third.plan.unchanged == 7)
        #expect(try journal() == before)
    }

    @Test func aLaterExportUpdatesFieldsAndLeavesTheRepsWorkAlone() throws {
        let s = try store()
        try run(s, try Samples.read("salesforce-leads.csv"))
        try s.perform(.accept, on: "L-00001", as: "ana", at: t0 + 600)
        try s.perform(
            .contact(channel: .call, outcome: .noAnswer, direction: .outbound, note: "rang twice"), on: "L-00001",
            as: "ana", at: t0 + 900)
        let worked = try s.lead("L-00001")!
        // The CRM export a week later: Grace got promoted and her status changed in Salesforce.
        var text = String(decoding: try Samples.bytes("salesforce-leads.csv"), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"Head of Operations\"", with: "\"VP Operations\"")
            .replacingOccurrences(
                of: "\"Open - Not Contacted\",\"Hot\",\"0055g000001AnaSAAQ\"",
                with: "\"Working - Contacted\",\"Hot\",\"0055g000001BenOAAQ\"")
        let rows = try Importer.read(Array(text.utf8), file: "later.csv", options: ImportOptions())
        let (r, events) = try run(s, rows, at: t0 + 7 * Span.day)
        let after = try s.lead("L-00001")!
        #expect((r.plan.new, r.plan.updated, r.plan.unchanged) == (0, 1, 6))
        #expect(
            events.map(\.entry.op) == [
                .update([
                    FieldChange(.title, old: .text("Head of Operations"), new: .text("VP Operations")),
                    FieldChange(.extra, old: .attributes(worked.profile.extra), new: .attributes(after.profile.extra)),
                ])
            ])
        #expect(after.profile.title == "VP Operations")
        #expect(after.profile.extra.first { $0.key == "Status" }?.value == "Working - Contacted")
        #expect(after.work == worked.work, "the rep's work is untouched: still ana's, accepted, one contact")
        #expect(after.owner == "ana", "a CRM owner change doesn't take a worked lead from its rep")
        #expect(after.history.dropLast() == worked.history[...])
    }

    @Test func duplicatesAgainstTheStoreAreFlaggedOnBothSides() throws {
        let s = try store()
        try run(s, try Samples.read("salesforce-leads.csv"))
        let (r, events) = try run(s, try Samples.read("hubspot-contacts.csv"), at: t0 + 3600)
        #expect(r.plan.new == 4)
        let grace = try lead(s, "hubspot:5103")
        #expect(grace.id == "L-00010")
        #expect(grace.profile.flags == ["duplicate-email:L-00001", "duplicate-email:L-00004"])
        #expect(grace.profile.emailOptOut, "unsubscribed from all email")
        #expect(try s.lead("L-00001")!.profile.flags == ["duplicate-email:L-00004", "duplicate-email:L-00010"])
        #expect(try s.lead("L-00004")!.profile.flags == ["duplicate-email:L-00001", "duplicate-email:L-00010"])
        #expect(r.plan.flagUpdateCount == 2)
        #expect(
            events.filter { if case .updated(["flags"], _?) = $0.entry.op { true } else { false } }.map(\.lead) == [
                "L-00001", "L-00004",
            ])
        // HubSpot's scores win over the rules, clamped to 0-100, the difference shown as a part.
        let amara = try lead(s, "hubspot:5101")
        #expect(amara.score == 100)
        #expect(
            amara.profile.scoreParts.last
                == ScorePart(
                    "Adjusted to the hubspot score 100",
                    100 - amara.profile.scoreParts.dropLast().reduce(0) { $0 + $1.points }))
        #expect(amara.owner == "ben")
        let tom = try lead(s, "hubspot:5102")
        #expect(tom.score == 12)
        #expect(tom.stage == .new)
        #expect(r.plan.unknownOwners == ["Jane Roe": 1])
        // Re-importing both files changes nothing more.
        let (again, none) = try run(s, try Samples.read("hubspot-contacts.csv"), at: t0 + 7200)
        #expect(again.plan.unchanged == 4 && none.isEmpty)
        let (sfAgain, none2) = try run(s, try Samples.read("salesforce-leads.csv"), at: t0 + 7200)
        #expect(sfAgain.plan.unchanged == 7 && none2.isEmpty)
    }

    @Test func anEmailChangeMovesTheDuplicateFlags() throws {
        let s = try store()
        try run(s, try Samples.read("salesforce-leads.csv"))
        var text = String(decoding: try Samples.bytes("salesforce-leads.csv"), as: UTF8.self)
        text = text.replacingOccurrences(
            of: "\"Grace.Mueller@acme-logistics.example\"", with: "\"jose.garcia@acme-logistics.example\"")
        let (r, _) = try run(
            s, try Importer.read(Array(text.utf8), file: "x.csv", options: ImportOptions()), at: t0 + 60)
        #expect(r.plan.updated == 2)
        #expect(try s.lead("L-00001")!.profile.flags == [])
        #expect(try s.lead("L-00004")!.profile.flags == [])
    }

    @Test func aNewLeadTakingAnAddressAnotherLeftSharesItWithTheOnesStillThere() throws {
        let s = try store()
        try run(
            s,
            try Importer.read(
                csvBytes("Id,Email,Company\n1,x@a.example,A\n2,x@a.example,B\n"), file: "a.csv",
                options: ImportOptions()))
        #expect(try s.lead("L-00002")!.profile.flags == ["duplicate-email:L-00001"])
        // Lead 1 moves to y@; a new lead 3 arrives with x@ (the file doesn't mention lead 2).
        let (r, _) = try run(
            s,
            try Importer.read(
                csvBytes("Id,Email,Company\n1,y@a.example,A\n3,X@a.example,C\n"), file: "b.csv",
                options: ImportOptions()), at: t0 + 60)
        #expect((r.plan.new, r.plan.updated, r.plan.flagUpdateCount) == (1, 1, 1))
        #expect(try s.lead("L-00001")!.profile.flags == [])
        #expect(try s.lead("L-00002")!.profile.flags == ["duplicate-email:L-00003"])
        #expect(try s.lead("L-00003")!.profile.flags == ["duplicate-email:L-00002"])
    }

    @Test func reportOwnersByNameOdooSalespeopleAndLeadqLines() throws {
        let s = try store()
        let (rep, _) = try run(s, try Samples.read("salesforce-report.csv"))
        #expect(rep.plan.assigned == 2, "'Ana Souza' and 'ben okafor' (case differs) map; 'Unassigned Queue' doesn't")
        #expect(rep.plan.unknownOwners == ["Unassigned Queue": 1])
        let (odoo, _) = try run(s, try Samples.read("odoo-crm-lead.csv"), at: t0 + 60)
        #expect(odoo.plan.new == 3)
        #expect(odoo.plan.unknownOwners == ["Marc Demo": 1])
        let sven = try lead(s, "odoo:__export__.crm_lead_12_5f3a1c2e")
        #expect(sven.owner == "ben")
        #expect(sven.score == 86)
        let ken = try lead(s, "odoo:__export__.crm_lead_14_77aa0c13")
        #expect(DataQuality.flags(ken.profile) == ["no-email-or-phone", "no-company"])
        let (jl, _) = try run(s, try Samples.read("leadq-leads.jsonl"), at: t0 + 120)
        #expect(jl.plan.new == 3)
        #expect(try lead(s, "web:form-881").owner == "dana", "leadq's own lines name reps by id")
        #expect(try lead(s, "web:form-882").score == 88)
        #expect(try lead(s, "leadq:L-00042").profile.name == "No Origin Yet")
    }

    @Test func aReimportAssignsALeadWhoseOwnerIsNowMappedButOnlyIfItWasNeverRouted() throws {
        let s = try store()
        try run(s, try Samples.read("salesforce-report.csv"))
        let lars = try lead(s, "salesforce:00Q5g00000AbCdF2AA")
        #expect(lars.stage == .new)
        // The admin maps the queue to dana, and the next import hands Lars to her.
        var settings = Samples.settings
        settings.ownerMap.append(OwnerMapping(owner: "Unassigned Queue", rep: "dana"))
        let s2 = try FileStore.create(at: dir.path + "/other", settings: settings)
        try run(s2, try Samples.read("salesforce-report.csv"))
        let lars2 = try lead(s2, "salesforce:00Q5g00000AbCdF2AA")
        #expect(lars2.owner == "dana")
        // A lead routed, then released back to the pool, is not handed to its CRM owner again.
        try s2.perform(.clawback(reason: "not-now", note: ""), on: lars2.id, as: "dana", at: t0 + 60)
        try s2.perform(.release(note: ""), on: lars2.id, as: "mia", at: t0 + 120)
        let (again, events) = try run(s2, try Samples.read("salesforce-report.csv"), at: t0 + 180)
        #expect(again.plan.assigned == 0)
        #expect(events.isEmpty)
    }

    @Test func aDryRunPlansWithoutWriting() throws {
        let s = try store()
        let before = try journal()
        let (r, events) = try run(s, try Samples.read("salesforce-leads.csv"), apply: false)
        #expect((r.plan.new, r.plan.assigned, r.plan.flagged) == (7, 4, 3))
        #expect(events.isEmpty)
        #expect(try journal() == before)
        #expect(s.leadCount == 0)
    }

    @Test func rejectsAreCSVWithLineProblemsAndTheRowNeutralised() throws {
        let rows = try Samples.read("salesforce-leads.csv")
        let text = String(decoding: try Importer.rejects(rows), as: UTF8.self)
        let back = try CSVRecords.read(Array(text.utf8), file: "rejects.csv")
        #expect(back.header == ["line", "problems"] + rows.header)
        #expect(back.records.count == 1)
        let rec = back.records[0].fields
        #expect(rec[0] == "9")
        #expect(rec[1] == "NumberOfEmployees: 'about fifty' is not a number of employees")
        #expect(rec[2 + 3] == "'=HYPERLINK(\"http://evil.example\",\"Click\")")
        #expect(rec[2 + 6] == "'@SUM(1+1)")
        #expect(rec[2 + 18] == "'-2+3")
    }

    /// A file big enough for the bulk path (new leads made on every core) with known leads among
    /// the new ones: the new leads come out numbered in file order and assigned, the known ones
    /// updated, and the journal holds one gapless run of events.
    @Test func aBigFileMixingNewAndKnownLeads() throws {
        let s = try store()
        func csv(_ rows: Range<Int>, email: (Int) -> String) -> ReadRows {
            var text = "Id,LastName,Company,Email,OwnerId\r\n"
            for i in rows {
                let owner = ["0055g000001AnaSAAQ", "0055g000001BenOAAQ", "0055g000001ZoeAAAQ", "0055g000009XyzQAAS"][
                    i % 4]
                text += "00Q\(i),Person \(i),Acme \(i % 50),\(email(i)),\(owner)\r\n"
            }
            return try! Importer.read(Array(text.utf8), file: "big.csv", options: ImportOptions())
        }
        try run(s, csv(0..<100) { "p\($0)@acme.example" })
        // Again with rows 0..<100 known (20 of them with a new address) and 4,900 new ones.
        let (result, events) = try run(
            s, csv(0..<5_000) { $0 < 20 ? "new\($0)@acme.example" : "p\($0)@acme.example" }, at: t0 + 60)
        #expect((result.plan.new, result.plan.updated, result.plan.unchanged) == (4_900, 20, 80))
        #expect(result.refused.isEmpty)
        #expect(
            result.plan.awayOwners.values.reduce(0, +) == 1_250
                && result.plan.unknownOwners.values.reduce(0, +) == 1_225)
        #expect(events.count == 4_900 + 2_450 + 20)
        let seqs = events.map(\.entry.seq)
        #expect(seqs == Array(seqs[0]...seqs[0] + Int64(seqs.count) - 1))
        for store in [s, try FileStore.open(path)] {
            #expect(store.leadCount == 5_000)
            let first = try lead(store, "salesforce:00Q100")
            #expect(first.id == "L-00101" && first.owner == "ana" && first.work.rule == "owner-map")
            #expect(try lead(store, "salesforce:00Q101").owner == "ben")
            #expect(try lead(store, "salesforce:00Q102").stage == .new)  // zoe is away
            #expect(try lead(store, "salesforce:00Q4999").id == "L-05000")
            #expect(try lead(store, "salesforce:00Q7").profile.email == "new7@acme.example")
            #expect(try lead(store, "salesforce:00Q30").profile.email == "p30@acme.example")
        }
    }
}
