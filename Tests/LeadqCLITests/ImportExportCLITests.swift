import CSV
import Foundation
import LeadqTestSupport
import Testing

/// `leadq import`, `route`, `nurture release` and `export` as scripts run them: exit codes, messages,
/// files, and exports read back with the CSV package.
@Suite struct ImportExportCLITests {
    let dir = TempDirectory("leadq-io-cli")
    let slot = StoreSlot()
    var store: String { slot.location }
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("LeadqIOTests/Samples").path

    func leadq(_ args: [String], rep: String? = "mia", now: String = "2026-11-23T10:00:00Z") throws
        -> LeadqProcess.Result
    {
        var a = args + ["--store", store]
        if let rep { a += ["--rep", rep] }
        return try LeadqProcess.run(a, env: ["LEADQ_NOW": now])
    }

    func sample(_ name: String) -> String { Self.samples + "/" + name }

    /// A store with the samples' owner map and a territory rule. These tests route by hand (`leadq
    /// route`), so imports leave their leads in the pool (`routing.onArrival` off).
    func makeStore() throws {
        let r = try leadq(["init", "--reps", "ana,ben,dana", "--managers", "mia"], rep: nil)
        #expect(r.status == 0, "\(r.stderr)")
        try applySettings(store: store, scratch: dir.path, env: ["LEADQ_NOW": "2026-11-23T10:00:00Z"]) { s in
            s["team"] = [
                ["id": "ana", "name": "Ana Souza", "team": "emea", "role": "rep"],
                ["id": "ben", "name": "Ben Okafor", "team": "amer", "role": "rep"],
                ["id": "dana", "name": "Dana", "team": "emea", "role": "rep", "cap": 1],
                ["id": "zoe", "name": "Zoe", "team": "emea", "role": "rep", "away": true],
                ["id": "mia", "name": "Mia", "role": "manager"],
            ]
            s["ownerMap"] = [
                "0055g000001AnaSAAQ": "ana", "ana.souza@example.com": "ana", "0055g000001BenOAAQ": "ben",
                "ben.okafor@example.com": "ben",
                "0055g000001DanaAAQ": "dana", "0055g000001ZoeAAAQ": "zoe",
            ]
            s["routing"] = [
                "onArrival": false,
                "rules": [
                    [
                        "name": "territory-emea", "when": ["country": ["Germany", "Greece", "Ireland", "Japan"]],
                        "to": ["team": "emea"],
                    ]
                ],
            ]
        }
    }

    func leads() throws -> Int {
        let v = try leadq(["verify"], rep: nil)
        return Int(v.stdout.split(separator: " ")[1])!
    }

    func show(_ id: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(try leadq(["show", id, "--json"], rep: nil).stdout.utf8))
            as! [String: Any]
    }

    @Test(arguments: StoreKinds.all) func aFileWithBadRowsImportsNothingThenSkipBadImportsTheRest(_ kind: StoreKind)
        throws
    {
        try slot.use(kind)
        try makeStore()
        let r = try leadq(["import", sample("salesforce-leads.csv")])
        #expect(r.status == 2)
        #expect(
            r.stderr.contains(
                "salesforce-leads.csv: line 9, column NumberOfEmployees: 'about fifty' is not a number of employees\n"))
        #expect(r.stderr.contains("leadq: nothing imported: 1 of 8 rows"))
        #expect(try leads() == 0)
        let rejects = dir.path + "/bad.csv"
        let ok = try leadq(["import", sample("salesforce-leads.csv"), "--skip-bad", "--rejects", rejects])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("7 new, 0 updated, 0 unchanged, 3 flagged, 1 bad · saved"))
        #expect(ok.stdout.contains("Assigned 4 leads to their CRM owner's rep (rule owner-map)"))
        #expect(ok.stdout.contains("Owner '0055g000009XyzQAAS' is not in ownerMap (1 lead): left unassigned"))
        // Not a terminal: no progress bar, no escape sequences or carriage returns anywhere.
        #expect(
            !ok.stdout.contains("\u{1B}") && !ok.stderr.contains("\u{1B}") && !ok.stdout.contains("\r")
                && !ok.stderr.contains("\r"))
        #expect(try leads() == 7)
        let back = try CSVReader(string: try String(contentsOfFile: rejects, encoding: .utf8), hasHeaderRow: true)
        let row = back.next()!
        #expect(row[0] == "9")
        #expect(row[2 + 3] == "'=HYPERLINK(\"http://evil.example\",\"Click\")")
        // Again: nothing changes, and a dry run says so.
        let dry = try leadq(["import", sample("salesforce-leads.csv"), "--skip-bad", "--dry-run"], rep: nil)
        #expect(dry.stdout.contains("0 new, 0 updated, 7 unchanged, 3 flagged, 1 bad · nothing saved"))
        let json = try leadq(["import", sample("salesforce-leads.csv"), "--skip-bad", "--rejects", rejects, "--json"])
        let o = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(
            o["new"] as? Int == 0 && o["unchanged"] as? Int == 7 && o["bad"] as? Int == 1 && o["saved"] as? Bool == true
        )
    }

    /// An import that leaves the journal due for compaction folds it into a snapshot by itself,
    /// detached (the command returns first), so the next command doesn't read every event.
    // File-only: compaction folds a directory's journal into a snapshot file; a database has none.
    @Test func aBigImportCompactsTheStoreInTheBackground() throws {
        try slot.use(StoreKinds.file)
        try makeStore()
        let path = store + "/settings.json"
        var s = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        var storeSettings = s["store"] as? [String: Any] ?? [:]
        storeSettings["compactAfterEvents"] = 5
        s["store"] = storeSettings
        try JSONSerialization.data(withJSONObject: s).write(to: URL(fileURLWithPath: path))
        let r = try leadq(["import", sample("salesforce-leads.csv"), "--skip-bad", "--rejects", dir.path + "/bad.csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout.contains("Compacting the store's 11 new events into a snapshot in the background"), "\(r.stdout)")
        // Event 1 is the settings `makeStore` applied, 2…12 the import.
        let deadline = Date().addingTimeInterval(30)
        func snapshots() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: store)) ?? []).filter { $0.hasPrefix("snapshot-") }
        }
        while Date() < deadline, snapshots() != ["snapshot-000000000012.jsonl"] { usleep(20_000) }
        #expect(snapshots() == ["snapshot-000000000012.jsonl"])
        #expect(try leads() == 7)
        // A small one that leaves the journal short starts nothing and says nothing of it.
        let again = try leadq([
            "import", sample("salesforce-leads.csv"), "--skip-bad", "--rejects", dir.path + "/bad.csv",
        ])
        #expect(!again.stdout.contains("Compacting"))
    }

    @Test(arguments: StoreKinds.all) func onATerminalTheImportDrawsAProgressBar(_ kind: StoreKind) throws {
        try slot.use(kind)
        try makeStore()
        // script(1) runs the import with a pseudo-terminal as stdout and stderr.
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/script"))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        let cmd = [LeadqProcess.binary, "import", sample("hubspot-legacy.csv"), "--store", store, "--rep", "mia"].map {
            "'\($0)'"
        }.joined(separator: " ")
        p.arguments = ["-qec", cmd, "/dev/null"]
        p.environment = ProcessInfo.processInfo.environment.merging([
            "LEADQ_NOW": "2026-11-23T10:00:00Z", "TERM": "xterm",
        ]) { $1 }
        let out = Pipe()
        p.standardOutput = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(text)")
        #expect(text.contains("Reading hubspot-legacy.csv"))
        #expect(text.contains("100%"))
        #expect(text.contains("\r\u{1B}[2K"), "the bar redraws in place and is cleared")
        #expect(text.contains("1 new, 0 updated"))
    }

    @Test(arguments: StoreKinds.all) func importsRunAsAManagerAndBadOptionsAreUsageErrors(_ kind: StoreKind) throws {
        try slot.use(kind)
        try makeStore()
        let rep = try leadq(["import", sample("hubspot-legacy.csv")], rep: "ana")
        #expect(rep.status == 1)
        #expect(rep.stderr == "leadq: only a manager can import leads (they create and assign leads); ana is a rep\n")
        let missing = try leadq(["import", dir.path + "/nope.csv"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "leadq: \(dir.path)/nope.csv: no such file\n")
        let badMap = try leadq(["import", sample("hubspot-legacy.csv"), "--map", "Email=mail"])
        #expect(badMap.status == 2)
        #expect(badMap.stderr.hasPrefix("leadq: --map 'Email=mail': 'mail' is not a leadq field"))
        let unknown = dir.path + "/unknown.csv"
        try "Name,Mail\nA,a@b.example\n".write(toFile: unknown, atomically: true, encoding: .utf8)
        let none = try leadq(["import", unknown])
        #expect(none.status == 2)
        #expect(none.stderr.contains("can't tell which system wrote this header"))
        let forced = try leadq(["import", unknown, "--format", "hubspot", "--map", "Mail=email", "--map", "Name=id"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.contains("1 new"))
    }

    @Test(arguments: StoreKinds.all) func routeShowsWhoWouldGetWhatThenRecordsTheRule(_ kind: StoreKind) throws {
        try slot.use(kind)
        try makeStore()
        _ = try leadq(["import", sample("salesforce-leads.csv"), "--skip-bad", "--rejects", dir.path + "/r.csv"])
        let dry = try leadq(["route", "--dry-run"], rep: nil)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("WOULD GO TO"))
        #expect(dry.stdout.contains("nothing saved (dry run)"))
        let plan =
            try JSONSerialization.jsonObject(
                with: Data(try leadq(["route", "--dry-run", "--json"], rep: nil).stdout.utf8)) as! [[String: Any]]
        #expect(plan.count == 3)
        let byLead = Dictionary(uniqueKeysWithValues: plan.map { ($0["lead"] as! String, $0) })
        // Siobhán (Ireland, zoe's in the CRM but away): territory rule, round-robin in emea.
        #expect(byLead["L-00007"]?["rule"] as? String == "territory-emea")
        #expect(byLead["L-00007"]?["to"] as? String == "ana")
        #expect(byLead["L-00005"]?["outcome"] as? String == "nurture")
        #expect(try leads() == 7)
        let ran = try leadq(["route"])
        #expect(ran.status == 0, "\(ran.stderr)")
        #expect(ran.stdout.contains("· saved"))
        let siobhan = try show("L-00007")
        #expect(siobhan["owner"] as? String == "ana")
        #expect((siobhan["work"] as? [String: Any])?["rule"] as? String == "territory-emea")
        let shown = try leadq(["show", "L-00007"], rep: nil)
        #expect(shown.stdout.contains("(rule territory-emea)"))
        let notManager = try leadq(["route"], rep: "ana")
        #expect(notManager.status == 1)
    }

    @Test(arguments: StoreKinds.all) func nurtureReleaseReturnsLeadsRestingLongerThanTheAgeWithTheirHistory(
        _ kind: StoreKind
    ) throws {
        try slot.use(kind)
        try makeStore()
        _ = try leadq(["import", sample("salesforce-leads.csv"), "--skip-bad", "--rejects", dir.path + "/r.csv"])
        _ = try leadq(["route"])
        let early = try leadq(["nurture", "release", "--older-than", "30d"], now: "2026-12-20T10:00:00Z")
        #expect(early.stdout.hasSuffix("0 nurture leads older than 30d returned to the pool · saved\n"))
        let r = try leadq(["nurture", "release", "--older-than", "30d"], now: "2026-12-24T10:00:00Z")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Released L-00005"))
        let oleg = try show("L-00005")
        #expect(oleg["stage"] as? String == "new")
        #expect((oleg["history"] as! [[String: Any]]).map { $0["op"] as! String } == ["created", "nurture", "release"])
        let bad = try leadq(["nurture", "release", "--older-than", "soon"])
        #expect(bad.status == 2)
    }

    @Test(arguments: StoreKinds.all) func exportsReadBackWithTheCSVPackageWithFormulaCellsNeutralised(_ kind: StoreKind)
        throws
    {
        try slot.use(kind)
        try makeStore()
        _ = try leadq(["import", sample("salesforce-leads.csv"), "--skip-bad", "--rejects", dir.path + "/r.csv"])
        _ = try leadq(["import", sample("hubspot-contacts.csv"), "--skip-bad", "--rejects", dir.path + "/r2.csv"])
        #expect(try leadq(["accept", "L-00001"], rep: "ana").status == 0)
        let note = "=cmd|' /C calc'!A0\u{1B}[31m red\ttab\nsecond line"
        #expect(try leadq(["reject", "L-00004", "--reason", "other", "--note", note], rep: "ana").status == 0)
        let out = dir.path + "/sf.csv"
        let r = try leadq(["export", "--format", "salesforce", "--output", out], rep: nil)
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\r" || $0.value == 0x7F })
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        #expect(reader.headerRow! == ["Id", "Status", "OwnerId", "Reason", "Note"])
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        let byId = Dictionary(uniqueKeysWithValues: rows.map { ($0[0], $0) })
        #expect(byId["00Q5g00000AbCdE1AA"] == ["00Q5g00000AbCdE1AA", "Working", "0055g000001AnaSAAQ", "", ""])
        #expect(
            byId["00Q5g00000AbCdE4AA"] == [
                "00Q5g00000AbCdE4AA", "Unqualified", "0055g000001AnaSAAQ", "other",
                "'=cmd|' /C calc'!A0␛[31m red tab\nsecond line",
            ])
        #expect(rows.allSatisfy { $0.allSatisfy { c in !"=+-@\t\r".contains(c.first ?? " ") } })
        let hs = try leadq(["export", "--format", "hubspot"], rep: nil)
        let hsRows = try CSVReader(string: hs.stdout, hasHeaderRow: true)
        #expect(hsRows.headerRow! == ["Record ID", "Lead Status", "Contact owner", "Reason", "Note"])
        #expect(hsRows.next() == ["5101", "Open", "ben.okafor@example.com", "", ""])
        #expect(hs.stderr.contains("Exported 2 HubSpot rows"))
    }

    @Test(arguments: StoreKinds.all) func aJSONLinesExportImportsIntoAnotherStore(_ kind: StoreKind) throws {
        try slot.use(kind)
        try makeStore()
        _ = try leadq(["import", sample("hubspot-contacts.csv"), "--skip-bad", "--rejects", dir.path + "/r.csv"])
        let file = dir.path + "/leads.jsonl"
        #expect(try leadq(["export", "--format", "jsonl", "-o", file], rep: nil).status == 0)
        let events = try leadq(["export", "--format", "jsonl", "--events", "--since", "2026-11-23"], rep: nil)
        // Four leads created, two assigned, and the settings `makeStore` applied.
        #expect(events.stdout.split(separator: "\n").count == 4 + 2 + 1)
        let other = ImportExportCLITests()
        try other.slot.use(kind)
        try other.makeStore()
        let r = try other.leadq(["import", file])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("4 new"))
        #expect(r.stdout.contains("Assigned 2 leads"))
        let amara = try other.show("L-00001")
        #expect((amara["profile"] as! [String: Any])["originId"] as? String == "5101")
        #expect(amara["owner"] as? String == "ben")
        #expect(try other.leadq(["import", file]).stdout.contains("0 new, 0 updated, 4 unchanged"))
    }
}
