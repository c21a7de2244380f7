import Foundation
import LeadqCodec
import LeadqDomain
import LeadqFileStore
import LeadqIO
import LeadqStore
import LeadqTestSupport
import PropertyBased
import Testing

/// One column of a partial update: its name in the file, the profile fields it may change, and the
/// kind of values it gets.
struct UpdateColumn: Sendable {
    enum Pool: Sendable { case text, email, count, score, date, yesNo, list, signals, extra }
    var name: String
    var keys: [ProfileKey]
    var pool: Pool

    init(_ name: String, _ keys: [ProfileKey], _ pool: Pool = .text) {
        (self.name, self.keys, self.pool) = (name, keys, pool)
    }

    /// A Salesforce Data Loader export's columns.
    static let csv: [UpdateColumn] = [
        .init("FirstName", [.name]), .init("LastName", [.name]), .init("Company", [.company]), .init("Title", [.title]),
        .init("Email", [.email], .email), .init("Phone", [.phone]), .init("MobilePhone", [.phone, .extra]),
        .init("Country", [.country]),
        .init("State", [.region]), .init("Industry", [.industry]), .init("NumberOfEmployees", [.companySize], .count),
        .init("LeadSource", [.source]), .init("Lead_Score__c", [.sourceScore], .score),
        .init("CreatedDate", [.createdAt], .date),
        // Consent by channel (issue 14); a change of consent records the import as its source and date.
        .init("DoNotCall", [.doNotCall, .consentSource, .consentAt], .yesNo),
        .init("HasOptedOutOfEmail", [.emailOptOut, .consentSource, .consentAt], .yesNo),
        .init("Status", [.extra]), .init("City", [.extra]), .init("Description", [.extra]),
    ]

    /// A bare profile's keys (`score` is the source's score there).
    static let jsonl: [UpdateColumn] = [
        .init("name", [.name]), .init("company", [.company]), .init("title", [.title]),
        .init("email", [.email], .email),
        .init("phone", [.phone]), .init("country", [.country]), .init("region", [.region]),
        .init("industry", [.industry]),
        .init("companySize", [.companySize], .count), .init("source", [.source]), .init("trigger", [.trigger]),
        .init("content", [.content], .list), .init("signals", [.signals], .signals),
        .init("score", [.sourceScore], .score),
        .init("sourceScore", [.sourceScore], .count), .init("createdAt", [.createdAt], .date),
        .init("doNotContact", [.doNotContact, .consentSource, .consentAt], .yesNo),
        .init("nextAction", [.nextAction]), .init("extra", [.extra], .extra),
    ]

    static let texts = [
        "Grace Müller", "王伟", "=HYPERLINK(\"http://evil.example\",\"x\")", "a,b \"q\"\nline two",
        "\u{1B}[31mred\u{1B}[0m", "\u{202E}gnp.exe", " \t ", "x",
    ]
    static let emails = [
        "a@x.example", "A@X.example ", "not an email", "王@例子.example", "=cmd|' /C calc'!A0@x", "x@y",
        "e\u{1B}@x.example", "grace@acme.example",
    ]
    static let counts = ["1", "250", "1,200", "51-200", "10000+", "0", " 99999 ", "7"]
    static let countValues = [1, 250, 1_200, 51, 10_000, 0, 99_999, 7]
    static let scores = ["0", "85", "100", "150", "-5", "49.5", "12", "80"]
    static let scoreValues = [0, 85, 100, 30, 49, 12, 80, 79]
    static let dates = [
        "2026-11-20T09:15:00Z", "2025-01-01T00:00:00Z", "2026-01-31T23:59:59Z", "2024-02-29T12:00:00Z",
        "2026-11-23T10:02:00Z", "2020-06-15T08:30:00Z", "2026-12-31T23:59:59Z", "2021-03-03T03:03:03Z",
    ]
    static let yesNo = ["true", "false", "1", "0", "yes", "no", "TRUE", "False"]

    /// The cell for value `v` (0-7); nil for an empty cell.
    func cell(_ v: Int?) -> String {
        guard let v else { return "" }
        switch pool {
        case .text, .list, .signals, .extra: return Self.texts[v]
        case .email: return Self.emails[v]
        case .count: return Self.counts[v]
        case .score: return Self.scores[v]
        case .date: return Self.dates[v]
        case .yesNo: return Self.yesNo[v]
        }
    }

    /// Writes the key with value `v` (nil: the pool's empty value); false when the pool has none
    /// (a yes/no or a time is never empty in JSON), so the key is left out.
    func write(_ v: Int?, _ w: inout JSONWriter) -> Bool {
        switch (pool, v) {
        case (.yesNo, nil), (.date, nil): return false
        case (.text, _), (.email, _): w.field(name, cell(v))
        case (.count, let v?): w.field(name, Self.countValues[v])
        case (.score, let v?): w.field(name, Self.scoreValues[v])
        case (.count, nil), (.score, nil):
            w.key(pool == .score ? "sourceScore" : name)
            w.null()
        case (.date, let v?): w.field(name, Instant(iso8601: Self.dates[v])!)
        case (.yesNo, let v?): w.field(name, v % 2 == 0)
        case (.list, _): w.strings(name, v.map { [Self.texts[$0]] } ?? [])
        case (.signals, _):
            w.key(name)
            w.beginObject()
            if let v { w.field("demo-request", v + 1) }
            w.endObject()
        case (.extra, _):
            w.key(name)
            w.beginArray()
            w.beginArray()
            w.string("Stage")
            w.string(cell(v))
            w.endArray()
            w.endArray()
        }
        return true
    }
}

/// A random partial update: per column 0 = left out, 1 = empty, 2-9 = one of the pool's values.
struct PartialUpdateCase: Sendable, CustomStringConvertible {
    var base: [Int]
    var update: [Int]
    var jsonl: Bool
    var clearEmpty: Bool
    var description: String {
        "base \(base) update \(update) \(jsonl ? "jsonl" : "csv")\(clearEmpty ? " --clear-empty" : "")"
    }

    static let generator = zip(Gen.int(in: 2...9).array(of: 19), Gen.int(in: 0...9).array(of: 19), Gen.int(in: 0...3))
        .map { PartialUpdateCase(base: $0.0, update: $0.1, jsonl: $0.2 % 2 == 1, clearEmpty: $0.2 >= 2) }

    static func csvLine(_ cells: [String]) -> String {
        cells.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") + "\r\n"
    }

    /// The base row: every column with a value.
    func baseFile(id: String) -> String {
        let cols = UpdateColumn.csv
        return Self.csvLine(["Id"] + cols.map(\.name))
            + Self.csvLine([id] + cols.indices.map { cols[$0].cell(base[$0] - 2) })
    }

    /// The update's file and the profile fields it may change (its columns with a value, or every
    /// column it has with `--clear-empty`; and what the store derives: score, its parts, flags).
    func updateFile(id: String) -> (text: String, mayChange: Set<ProfileKey>) {
        let cols = jsonl ? UpdateColumn.jsonl : UpdateColumn.csv
        var may: Set<ProfileKey> = [.score, .scoreParts, .flags]
        var present: [(UpdateColumn, Int?)] = []
        for (i, c) in cols.enumerated() where update[i] > 0 {
            let v = update[i] == 1 ? nil : update[i] - 2
            present.append((c, v))
            let blank = v == nil || (!jsonl && Rules.trimmed(c.cell(v)).isEmpty)
            if !blank || (clearEmpty && c.keys != [.createdAt]) { may.formUnion(c.keys) }
        }
        guard jsonl else {
            return (
                Self.csvLine(["Id"] + present.map(\.0.name)) + Self.csvLine([id] + present.map { $0.0.cell($0.1) }), may
            )
        }
        var w = JSONWriter()
        w.beginObject()
        w.field("origin", "salesforce")
        w.field("originId", id)
        for (c, v) in present { _ = c.write(v, &w) }
        w.endObject()
        return (String(decoding: w.bytes, as: UTF8.self) + "\n", may)
    }
}

@Suite struct PartialUpdatePropertyTests {
    let dir = TempDirectory("leadq-partial-prop")

    /// Any partial update of a worked lead (assigned, accepted, a contact logged), from a CSV or a
    /// bare JSON line, with values empty, padded, malformed-looking or hostile, followed by undo gives
    /// back the lead byte for byte. What is compared: `LeadCodec.encode` of the lead before the update
    /// against `LeadCodec.encode` of the lead after the undo, as the store holds it (in memory, reopened,
    /// and compacted), with the two history entries the update and the undo added taken off and its
    /// version set back: the summary (stage, owner, score), the whole profile (every field, the score
    /// parts, the flags, the order of the extra attributes) and the history, byte for byte. The work the
    /// store folded (owner, clocks, contacts, follow-ups, last activity) is compared whole as well, as
    /// the store holds it rather than folded again. Along the way: the update changes only the fields
    /// its file has a value for (and the score, its parts and flags the store derives from them), and
    /// its entry records exactly those changes.
    @Test func anyPartialUpdateFollowedByUndoGivesBackTheLead() async {
        let counter = Counter()
        let root = dir.path
        await propertyCheck(count: RunLength.pick(150, 5_000), input: PartialUpdateCase.generator) { c in
            // propertyCheck drops what its body throws: recorded here, so a failure can't pass unseen.
            do {
                let path = root + "/case-\(counter.next())"
                defer { try? FileManager.default.removeItem(atPath: path) }
                counter.add(cases: 1, steps: 1)
                let s = try FileStore.create(at: path, settings: Fixture.settings)
                let before = try Self.workedLead(s, c)
                var rows = try Importer.read(
                    Array(c.updateFile(id: "00Q1").text.utf8), file: "update",
                    options: ImportOptions(clearEmpty: c.clearEmpty))
                #expect(rows.bad.isEmpty, "\(c): \(rows.bad.flatMap(\.lines))")
                let t = Fixture.t0 + 3_600
                let events = try s.transact(as: "mia", at: t) { tx in
                    try Importer.run(&rows, in: tx, store: s, apply: true)
                }.events
                guard let update = events.first(where: { $0.lead == before.id }) else {
                    #expect(try s.lead(before.id) == before, "\(c): no update event, yet the lead changed")
                    return
                }
                counter.applied(update.entry.op)
                let updated = try #require(try s.lead(before.id))
                Self.checkUpdate(update, before: before, after: updated, may: c.updateFile(id: "00Q1").mayChange, c)
                let undo = try s.perform(.undo(target: update.seq), on: before.id, as: "mia", at: t + 60)
                counter.undone()
                #expect(undo.event.profile == before.profile, "\(c)")
                let reopened = try FileStore.open(path)
                _ = try FileStore.compact(path)
                let compacted = try FileStore.open(path)
                for after in [try s.lead(before.id), try reopened.lead(before.id), try compacted.lead(before.id)] {
                    let after = try #require(after)
                    let cut = Lead(
                        id: after.id, profile: after.profile, history: Array(after.history.dropLast(2)),
                        version: before.version)
                    let (got, want) = (LeadCodec.encode(cut), LeadCodec.encode(before))
                    let same = got == want
                    #expect(
                        same,
                        "\(c):\n\(String(decoding: got, as: UTF8.self))\nshould be\n\(String(decoding: want, as: UTF8.self))"
                    )
                    #expect(after.work == before.work, "\(c)")
                    #expect(after.history.suffix(2).map(\.seq) == [update.seq, undo.event.seq], "\(c)")
                }
            } catch {
                Issue.record("\(error)")
            }
        }
        RunLength.report("property tests, partial update then undo", counter.summary)
    }

    /// Imports the base row and works the lead: assigned to ana, accepted, an inbound call logged
    /// (inbound, so a do-not-contact lead takes it too).
    static func workedLead(_ s: FileStore, _ c: PartialUpdateCase) throws -> Lead {
        var rows = try Importer.read(Array(c.baseFile(id: "00Q1").utf8), file: "base", options: ImportOptions())
        #expect(rows.bad.isEmpty, "\(c): \(rows.bad.flatMap(\.lines))")
        try s.transact(as: "mia", at: Fixture.t0) { tx in _ = try Importer.run(&rows, in: tx, store: s, apply: true) }
        try s.perform(.assign(to: "ana", rule: nil), on: "L-00001", as: "mia", at: Fixture.t0 + 60)
        try s.perform(.accept, on: "L-00001", as: "ana", at: Fixture.t0 + 120)
        try s.perform(
            .contact(channel: .call, outcome: .noAnswer, direction: .inbound, note: "rang"), on: "L-00001", as: "ana",
            at: Fixture.t0 + 180)
        return try #require(try s.lead("L-00001"))
    }

    static func checkUpdate(_ e: Event, before: Lead, after: Lead, may: Set<ProfileKey>, _ c: PartialUpdateCase) {
        guard case .updated(let fields, let changes?) = e.entry.op else {
            Issue.record("\(c): the update recorded no changes: \(e.entry.op)")
            return
        }
        #expect(changes == Profile.changes(from: before.profile, to: after.profile), "\(c)")
        #expect(fields == changes.map(\.key.rawValue))
        let changed = Set(changes.map(\.key))
        #expect(
            changed.isSubset(of: may),
            "\(c): changed \(changed.subtracting(may).map(\.rawValue)), which the file gave no value for")
        #expect(after.work == before.work, "\(c): an update touched the rep's work")
    }
}
