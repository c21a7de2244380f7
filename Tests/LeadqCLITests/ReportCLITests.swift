import Foundation
import LeadqDomain
import LeadqStore
import LeadqTestSupport
import Testing

/// `leadq report` on the hand-built store of `ReportScenario`, of every kind, as scripts run it.
@Suite struct ReportCLITests {
    let dir = TempDirectory("leadq-report")
    let slot = StoreSlot()
    var store: String { slot.location }
    /// A source a web form could send: a spreadsheet formula with an escape sequence in it.
    static let hostileSource = "=HYPERLINK(\"//x.io\",\"x\")\u{1B}[2J|*"

    /// The test's store of `kind`, holding the scenario.
    func use(_ kind: StoreKind) throws {
        let place = try slot.use(kind)
        // One more lead from the hostile source, created and rejected in week 2 by ben.
        let hostile = ReportScenario.lead(
            "L-00070", "H1", score: 50, source: ReportCLITests.hostileSource, created: "2026-11-24T09:00:00Z"
        )
        .after(60).assign("ben").after(60).reject("competitor-or-spam", by: "ben").lead
        _ = try place.create(settings: ReportScenario.settings, leads: ReportScenario.leads + [hostile])
    }

    func report(_ args: String..., env: [String: String] = [:]) throws -> LeadqProcess.Result {
        var e = ["LEADQ_NOW": "2026-11-27T12:00:00Z"]
        for (k, v) in env { e[k] = v }
        return try LeadqProcess.run(["report", "--store", store] + args, env: e)
    }

    func json(_ r: LeadqProcess.Result) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    func section(_ j: [String: Any], _ id: String) -> [[String: Any]] {
        (j["sections"] as! [String: Any])[id] as! [[String: Any]]
    }

    @Test(arguments: StoreKinds.all) func alignedTableWithEverySection(_ kind: StoreKind) throws {
        try use(kind)
        let r = try report("--from", "2026-11-16", "--to", "2026-11-29")
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Report 2026-11-16 to 2026-11-29, cohorts by week · as of 2026-11-27 12:00")
        for title in [
            "Work by rep", "Response time and SLA breaches (assignments made in the window)",
            "Median time in stage (stays that ended in the window; count in brackets)", "Rejection reasons by source",
            "Rejection reasons by score band", "Acceptance by score band (assignments made in the window)",
            "Cohort conversion by channel (leads created in each period; stages reached by now)",
        ] {
            #expect(lines.contains(title), "\(title)")
        }
        func row(_ after: String, _ first: String) -> [String] {
            let start = lines.firstIndex(of: after)!
            let line = lines[start...].first { $0.hasPrefix(first + " ") }!
            return line.split(separator: " ").map(String.init)
        }
        #expect(row("Work by rep", "ana") == ["ana", "8", "9", "5", "4", "1", "1", "0", "1"])
        #expect(row("Work by rep", "ben") == ["ben", "5", "5", "3", "3", "0", "1", "2", "0"])
        #expect(
            row("Response time and SLA breaches (assignments made in the window)", "ana")
                == ["ana", "5", "10m", "3h", "4", "(50.0%)", "1", "(11.1%)"])
        // Columns line up: every row of a table is as wide as its header or narrower, numbers right-aligned.
        let header = lines.first { $0.hasPrefix("REP ") && $0.contains("HANDLED") }!
        let anaRow = lines.first { $0.hasPrefix("ana ") }!
        #expect(anaRow.count == header.count)
        #expect(!r.stdout.unicodeScalars.contains { $0.value == 0x1B }, "the hostile source is shown inert")
        #expect(r.stdout.contains("=HYPERLINK(\"//x.io\",\"x\")␛[2J|*"))
    }

    @Test(arguments: StoreKinds.all) func csvIsFormulaSafeAndComplete(_ kind: StoreKind) throws {
        try use(kind)
        let one = try report("--from", "2026-11-16", "--to", "2026-11-29", "--format", "csv", "--section", "response")
        #expect(one.status == 0, "\(one.stderr)")
        let lines = one.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines[0]
                == "rep,contacted,response_median_s,response_p90_s,first_touch_breaches,first_touch_breaches_share,decision_breaches,decision_breaches_share"
        )
        #expect(lines[1] == "ana,5,600,10800,4,0.5000,1,0.1111")
        #expect(lines[3] == "dana,0,,,0,,0,")
        #expect(lines.last == "all reps,9,600,10800,5,0.4167,2,0.1429")

        let all = try report("--from", "2026-11-16", "--to", "2026-11-29", "--format", "csv")
        let blocks = all.stdout.components(separatedBy: "\n\n")
        #expect(blocks.count == 11)
        #expect(blocks.map { $0.split(separator: ",").first.map(String.init) ?? "" }.allSatisfy { $0 == "section" })
        #expect(all.stdout.contains("\nwork,ana,8,9,5,4,1,1,0,1\n"))
        // The hostile source: neutralised with a leading quote, quoted for its commas and quotes, no ESC.
        let cohort = all.stdout.split(separator: "\n").first { $0.hasPrefix("cohorts,2026-11-23,\"'=HYPERLINK(") }
        #expect(cohort != nil, "\(all.stdout)")
        #expect(
            cohort.map(String.init)
                == "cohorts,2026-11-23,\"'=HYPERLINK(\"\"//x.io\"\",\"\"x\"\")␛[2J|*\",1,0,0.0000,0,0.0000,1,1.0000,0,0.0000"
        )
        #expect(!all.stdout.unicodeScalars.contains { $0.value == 0x1B })
        #expect(
            !all.stdout.split(separator: "\n").contains {
                $0.split(separator: ",").dropFirst().first?.hasPrefix("=") == true
            })
    }

    @Test(arguments: StoreKinds.all) func jsonForOtherTools(_ kind: StoreKind) throws {
        try use(kind)
        let r = try report("--from", "2026-11-16", "--to", "2026-11-29", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let j = try json(r)
        let meta = j["report"] as! [String: Any]
        #expect(meta["from"] as? String == "2026-11-16T00:00:00Z")
        #expect(meta["to"] as? String == "2026-11-30T00:00:00Z")
        #expect((meta["periods"] as! [[String: Any]]).map { $0["label"] as! String } == ["2026-11-16", "2026-11-23"])
        let work = section(j, "work")
        #expect(work[0]["rep"] as? String == "ana")
        #expect(work[0]["handled"] as? Int == 8)
        #expect(work.last!["total"] as? Bool == true)
        let response = section(j, "response")
        #expect(response[1]["response_median_s"] as? Int == 690)
        #expect(response[2]["response_median_s"] is NSNull)  // dana: nothing to measure
        let stages = section(j, "stages")
        #expect(stages[0]["assigned_median_s"] as? Int == 5400 && stages[0]["assigned_n"] as? Int == 8)
        // The cohort trap: week 2's webinar leads, 1 of 3 accepted.
        let w2 = section(j, "cohorts").first {
            $0["period"] as? String == "2026-11-23" && $0["source"] as? String == "webinar"
        }!
        #expect(w2["leads"] as? Int == 3 && w2["accepted"] as? Int == 1)
        #expect(w2["accepted_share"] as? Double == 0.3333)
        let hostile = section(j, "reasons-by-source").first { $0["reason"] as? String == "competitor-or-spam" }!
        #expect(hostile["source"] as? String == ReportCLITests.hostileSource, "JSON keeps the text exactly, escaped")
        #expect(r.stdout.contains("\\u001b[2J"))
    }

    @Test(arguments: StoreKinds.all) func markdownTables(_ kind: StoreKind) throws {
        try use(kind)
        let r = try report(
            "--from", "2026-11-16", "--to", "2026-11-29", "--format", "markdown", "--section", "work", "--section",
            "reasons-by-source")
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "# Report 2026-11-16 to 2026-11-29, cohorts by week · as of 2026-11-27 12:00")
        #expect(lines.contains("## Work by rep"))
        #expect(
            lines.contains("| REP | HANDLED | ASSIGNED | ACCEPT | REJECT | NURTURE | QUALIFY | FU DONE | FU LATE |"))
        #expect(lines.contains("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"))
        #expect(lines.contains("| ana | 8 | 9 | 5 | 4 | 1 | 1 | 0 | 1 |"))
        #expect(lines.contains("| **all reps** | **13** | **14** | **8** | **7** | **1** | **2** | **2** | **1** |"))
        #expect(
            !lines.contains("## Cohort conversion by channel (leads created in each period; stages reached by now)"))
        let hostile = lines.first { $0.contains("HYPERLINK") }!
        #expect(hostile.hasPrefix("| =HYPERLINK(\"//x.io\",\"x\")␛\\[2J\\|\\* | competitor-or-spam |"), "\(hostile)")
    }

    @Test(arguments: StoreKinds.all) func filters(_ kind: StoreKind) throws {
        try use(kind)
        let ana = try json(try report("--from", "2026-11-16", "--to", "2026-11-29", "--format", "json", "--rep", "ana"))
        #expect(section(ana, "work").map { $0["rep"] as! String } == ["ana", "all reps"])
        #expect(section(ana, "work")[1]["assigned"] as? Int == 9)
        let amer = try json(
            try report("--from", "2026-11-16", "--to", "2026-11-29", "--format", "json", "--team", "amer"))
        #expect(section(amer, "work").map { $0["rep"] as! String } == ["ben", "all reps"])
        let webinar = try json(
            try report("--from", "2026-11-16", "--to", "2026-11-29", "--format", "json", "--source", "Webinar"))
        #expect(Set(section(webinar, "cohorts").compactMap { $0["source"] as? String }) == ["webinar", "all sources"])
        #expect(section(webinar, "work")[0]["assigned"] as? Int == 6)
        let stranger = try report("--rep", "mallory", "--section", "work")
        #expect(stranger.status == 0)
        #expect(stranger.stderr == "leadq: note: 'mallory' is not on this store's team\n")
        let noTeam = try report("--team", "apac", "--section", "work")
        #expect(noTeam.stderr == "leadq: note: no rep is in team 'apac' (teams: amer, emea)\n")
    }

    @Test(arguments: StoreKinds.all) func defaultWindowsAndPeriods(_ kind: StoreKind) throws {
        try use(kind)
        let weeks = try report("--section", "cohorts", "--format", "json")
        let meta = try json(weeks)["report"] as! [String: Any]
        // Friday 2026-11-27: this week and the three before it.
        #expect(meta["from"] as? String == "2026-11-02T00:00:00Z")
        #expect(meta["to"] as? String == "2026-11-30T00:00:00Z")
        #expect((meta["periods"] as! [[String: Any]]).count == 4)
        let months = try json(try report("--period", "month", "--format", "json"))
        let m = months["report"] as! [String: Any]
        #expect(m["from"] as? String == "2026-08-01T00:00:00Z" && m["to"] as? String == "2026-12-01T00:00:00Z")
        #expect(
            (m["periods"] as! [[String: Any]]).map { $0["label"] as! String } == [
                "2026-08", "2026-09", "2026-10", "2026-11",
            ])
        let nov = section(months, "cohorts").filter {
            $0["period"] as? String == "2026-11" && $0["total"] as? Bool == true
        }
        #expect(nov.first?["leads"] as? Int == 16)  // every lead of the store was created in November
    }

    @Test(arguments: StoreKinds.all) func datesAreReadInTheViewersZone(_ kind: StoreKind) throws {
        try use(kind)
        let r = try report(
            "--from", "2026-11-16", "--to", "2026-11-22", "--format", "json", "--section", "work",
            env: ["TZ": "Asia/Tokyo"])
        let meta = try json(r)["report"] as! [String: Any]
        #expect(meta["from"] as? String == "2026-11-15T15:00:00Z")
        #expect(meta["to"] as? String == "2026-11-22T15:00:00Z")
        let exact = try json(
            try report(
                "--from", "2026-11-16T08:30Z", "--to", "2026-11-20T12:00", "--format", "json", "--section", "work"))
        #expect((exact["report"] as! [String: Any])["from"] as? String == "2026-11-16T08:30:00Z")
        #expect((exact["report"] as! [String: Any])["to"] as? String == "2026-11-20T12:00:00Z")
    }

    @Test(arguments: StoreKinds.all) func badInputIsAUsageError(_ kind: StoreKind) throws {
        try use(kind)
        let backwards = try report("--from", "2026-12-01", "--to", "2026-11-01")
        #expect(backwards.status == 2)
        #expect(
            backwards.stderr == "leadq: --from 2026-12-01 is not before --to 2026-11-01: the window would be empty\n")
        let future = try report("--from", "2027-01-01")
        #expect(
            future.stderr
                == "leadq: --from 2027-01-01 is not before the default end 2026-11-30T00:00:00Z: the window would be empty\n"
        )
        let garbage = try report("--from", "last tuesday")
        #expect(garbage.status == 2)
        #expect(
            garbage.stderr
                == "leadq: --from 'last tuesday' is not a date like 2026-11-01 or a time like 2026-11-01T08:00\n")
        let format = try report("--format", "xml")
        #expect(format.status == 2 && format.stderr.contains("xml"))
        let sectionName = try report("--section", "bogus")
        #expect(sectionName.status == 2 && sectionName.stderr.contains("unknown section 'bogus'"))
        let ages = try report("--from", "1970-01-01", "--to", "9999-12-31")
        #expect(ages.status == 2)
        #expect(
            ages.stderr
                == "leadq: --from 1970-01-01 to --to 9999-12-31 is about 418985 weeks; a report covers at most 1200 periods: narrow the window or use --period month\n"
        )
        let century = try report("--from", "1950-01-01", "--period", "month")
        #expect(century.status == 2, "\(century.stderr)")
        #expect(
            century.stderr
                == "leadq: --from '1950-01-01' is outside the times leadq can record (1970-01-01 to 9999-12-31 UTC)\n")
        let decades = try report("--from", "1980-01-01", "--period", "month", "--format", "csv")
        #expect(decades.status == 0, "\(decades.stderr)")
        let noStore = try LeadqProcess.run(
            ["report", "--store", dir.path + "/none"], env: ["LEADQ_NOW": "2026-11-27T12:00:00Z"])
        #expect(noStore.status == 3)
    }
}
