import Foundation
import LeadqTestSupport
import Testing

/// A rep's day from the command line: find any lead, refer to it as the CRM does, notes, the
/// agenda and the day's line.
@Suite struct DayCLITests {
    let slot = StoreSlot()
    var store: String { slot.location }
    let now = "2026-11-23T10:00:00Z"

    /// The test's store of `kind`, holding the demo.
    func use(_ kind: StoreKind) throws {
        try slot.use(kind)
        #expect(try LeadqProcess.run(["demo", "--seed", "42", "--store", store], env: ["LEADQ_NOW": now]).status == 0)
    }

    func leadq(_ args: String..., rep: String? = nil) throws -> LeadqProcess.Result {
        var a = Array(args) + ["--store", store]
        if let rep { a += ["--rep", rep] }
        return try LeadqProcess.run(a, env: ["LEADQ_NOW": now])
    }

    func objects(_ r: LeadqProcess.Result) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
    }

    @Test(arguments: StoreKinds.all) func findSearchesEveryLeadIgnoringCaseAndAccents(_ kind: StoreKind) throws {
        try use(kind)
        let found = try objects(try leadq("find", "zurich", "--json"))
        #expect(!found.isEmpty)
        for l in found {
            let p = l["profile"] as! [String: Any]
            #expect(((p["company"] as? String ?? "") + (p["name"] as? String ?? "")).contains("Zürich"))
        }
        let text = try leadq("find", "ZÜRICH")
        #expect(text.status == 0)
        #expect(text.stdout.contains("\(found.count) lead"))
        // A lead in any stage and any queue: reject one, it is still found.
        let rows = try objects(try leadq("queue", "--json", rep: "ana"))
        let id = rows[0]["id"] as! String
        #expect(try leadq("reject", id, "--reason", "no-budget", rep: "ana").status == 0)
        let again = try objects(try leadq("find", id, "--json"))
        #expect(again.first?["id"] as? String == id)
        #expect(again.first?["stage"] as? String == "rejected")
        #expect(try leadq("find", "   ").status == 2)
    }

    @Test(arguments: StoreKinds.all) func showHistoryAndActionsTakeTheCRMsIdOrAnEmail(_ kind: StoreKind) throws {
        try use(kind)
        let rows = try objects(try leadq("queue", "--json", rep: "ana"))
        let row = rows.first { ($0["stage"] as? String) == "accepted" }!
        let id = row["id"] as! String
        let p = row["profile"] as! [String: Any]
        let crm = p["originId"] as! String
        let shown = try JSONSerialization.jsonObject(with: Data(try leadq("show", crm, "--json").stdout.utf8))
        #expect((shown as? [String: Any])?["id"] as? String == id)
        #expect(try leadq("history", crm).status == 0)
        let email = (p["email"] as! String).uppercased()
        let noted = try leadq("note", email, "Prefers mornings", rep: "ana")
        #expect(noted.status == 0, "\(noted.stderr)")
        #expect(noted.stdout.hasPrefix("Note on \(id)"))
        let unknown = try leadq("show", "nobody@nowhere.example")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("nobody@nowhere.example"))
    }

    @Test(arguments: StoreKinds.all) func aNoteIsSavedReadBackAndRefusedToOthers(_ kind: StoreKind) throws {
        try use(kind)
        let rows = try objects(try leadq("queue", "--json", rep: "ana"))
        let id = rows[0]["id"] as! String
        let r = try leadq("note", id, "Spoke to the assistant\nCFO back Monday", rep: "ana")
        #expect(r.status == 0, "\(r.stderr)")
        let show = try leadq("show", id)
        #expect(show.stdout.contains("Notes"))
        #expect(show.stdout.contains("CFO back Monday"))
        let bens = try leadq("note", id, "mine", rep: "ben")
        #expect(bens.status == 1)
        #expect(bens.stderr.contains("only ana or a manager can write a note on it"))
        #expect(try leadq("note", id, "  ", rep: "ana").status == 2)
    }

    @Test(arguments: StoreKinds.all) func theAgendaAndTheDayLine(_ kind: StoreKind) throws {
        try use(kind)
        let agenda = try leadq("agenda", rep: "ana")
        #expect(agenda.status == 0, "\(agenda.stderr)")
        #expect(agenda.stdout.contains("Overdue ("))
        #expect(agenda.stdout.contains("Today ("))
        #expect(agenda.stdout.contains("Next 7 days ("))
        let json = try JSONSerialization.jsonObject(with: Data(try leadq("agenda", "--json", rep: "ana").stdout.utf8))
        #expect((json as? [String: Any])?["overdue"] is [Any])
        let rows = try objects(try leadq("queue", "--json", rep: "ana"))
        let id = rows.first { ($0["stage"] as? String) == "accepted" }!["id"] as! String
        #expect(try leadq("contact", id, "--channel", "call", "--outcome", "connected", rep: "ana").status == 0)
        let day = try leadq("report", "--today", "--rep", "ana")
        #expect(day.status == 0, "\(day.stderr)")
        #expect(day.stdout.hasPrefix("Today (2026-11-23) for ana: "), "\(day.stdout)")
        #expect(day.stdout.contains("1 call ·") || day.stdout.contains(" calls ·"))
        let dayJSON = try JSONSerialization.jsonObject(
            with: Data(try leadq("report", "--today", "--format", "json").stdout.utf8))
        #expect(((dayJSON as? [String: Any])?["calls"] as? Int ?? 0) >= 1)
        #expect(try leadq("report", "--today", "--from", "2026-11-01").status == 2)
    }

    @Test(arguments: StoreKinds.all) func typedTimesInTheRepsWords(_ kind: StoreKind) throws {
        try use(kind)
        let rows = try objects(try leadq("queue", "--json", rep: "ana"))
        let id = rows.first { ($0["stage"] as? String) == "accepted" }!["id"] as! String
        let r = try LeadqProcess.run(
            ["followup", "schedule", id, "--due", "3/12 10:00", "--store", store, "--rep", "ana", "--json"],
            env: ["LEADQ_NOW": now, "LANG": "de_DE.UTF-8", "LC_ALL": "", "LC_TIME": ""])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"due\":\"2026-12-03T10:00:00Z\""), "\(r.stdout)")
        let us = try LeadqProcess.run(
            ["followup", "schedule", id, "--due", "next tue", "--replace", "--store", store, "--rep", "ana"],
            env: ["LEADQ_NOW": now, "LANG": "en_US.UTF-8"])
        #expect(us.stdout.contains("to Tue 1 Dec 09:00"), "\(us.stdout)")
    }
}
