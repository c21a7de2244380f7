import Foundation
import LeadqApp
import LeadqDomain
import LeadqFileStore
import LeadqIO
import LeadqStore
import LeadqTestSupport
import Testing

/// A CSV import into the file store reads its file a chunk at a time and writes its new leads as it
/// makes them: the store it leaves is the one a whole-file import leaves, byte for byte, and a bad
/// row anywhere in the file is found before anything is written.
@Suite struct StreamedImportTests {
    static let header =
        "Id,FirstName,LastName,Company,Title,Email,Phone,LeadSource,Status,Rating,OwnerId,CreatedDate,Industry,NumberOfEmployees,Country,DoNotCall,HasOptedOutOfEmail,Description"
    /// Mapped to ana, ben, zoe (away) and dana; one the map doesn't know; none.
    static let owners = [
        "0055g0000000001AAQ", "0055g0000000002AAQ", "0055g0000000003AAQ", "0055g0000000004AAQ",
        "0055g0000000999AAQ", "",
    ]

    static var settings: Settings {
        var s = Fixture.settings
        s.dispatch.routeOnArrival = true
        s.nurtureBelowScore = 25
        s.ownerMap = zip(owners.prefix(4), ["ana", "ben", "zoe", "dana"]).map { OwnerMapping(owner: $0, rep: $1) }
        return s
    }

    /// Rows that share names and companies (groups across chunks), every sixth an email with the
    /// row before; `title` changes what a re-import updates; `cells` replaces a row's cells.
    static func csv(_ range: Range<Int>, title: String = "Buyer", cells: [Int: String] = [:]) -> [UInt8] {
        let first = ["Grace", "Amara", "Tom", "Ines", "Li"]
        let last = ["Müller", "Okonkwo", "Becker", "Moreau", "Wei"]
        let companies = ["Acme Logistics", "Lagos Freight", "Becker AG"]
        var lines = [header]
        for i in range {
            if let c = cells[i] {
                lines.append(c)
                continue
            }
            let id = "00Q5g" + String(1_000_000_000 + i).dropFirst() + "EAA"
            let email = "p\(i % 6 == 5 ? i - 1 : i)@x.example"
            let date = "2026-11-0\(1 + i % 9)T10:00:00Z"
            lines.append(
                [
                    id, first[i % 5], last[i % 4], companies[i % 3], title, email, "+49 30 \(1000 + i)", "Web",
                    "Open", i % 3 == 0 ? "Hot" : "Cold", owners[i % owners.count], date, "Retail", "\(10 + i)",
                    "DE", "false", i % 7 == 0 ? "true" : "false", "n\(i)",
                ].map { "\"\($0)\"" }.joined(separator: ","))
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// A store that already holds the file's first twelve rows (imported the whole-file way).
    static func baseStore() throws -> TempDirectory {
        let dir = TempDirectory("leadq-streamed-base")
        let store = try FileStore.create(at: dir.path, settings: settings)
        let ws = workspace(store, at: Fixture.t0)
        var rows = try Importer.read(csv(0..<12), file: "first.csv", options: options(ws))
        _ = try ws.saveImport(&rows, dryRun: false)
        return dir
    }

    static func workspace(_ store: FileStore, at t: Instant) -> Workspace {
        Workspace(store: store, actor: "mia", zone: Zone(name: "UTC") { _ in 0 }, clock: { t })
    }

    static func options(_ ws: Workspace) throws -> ImportOptions {
        try ws.importOptions(format: nil, map: [], dateOrder: nil, clearEmpty: false, encoding: .utf8, timezone: nil)
    }

    /// Imports `bytes` into a copy of `base`, in chunks of `chunkRows` (nil: the whole file at once,
    /// as a store that takes no streamed batches does); returns the copy and what was said.
    static func importCopy(
        _ base: TempDirectory, _ bytes: [UInt8], chunkRows: Int?, skipBad: Bool = false, hashBits: Int = 64
    ) throws -> (TempDirectory, ReadRows, ImportSaved?) {
        let dir = TempDirectory("leadq-streamed")
        try? FileManager.default.removeItem(atPath: dir.path)
        try FileManager.default.copyItem(atPath: base.path, toPath: dir.path)
        let ws = workspace(try FileStore.open(dir.path), at: Instant(iso8601: "2026-11-23T10:00:00Z")!)
        var rows: ReadRows
        if let chunkRows {
            ws.importChunkRows = chunkRows
            var o = try options(ws)
            o.keyHash = KeyHash(bits: hashBits)
            rows = try ws.readImport(bytes, file: "leads.csv", options: o)
            #expect(rows.streamed != nil)
        } else {
            rows = try Importer.read(bytes, file: "leads.csv", options: try options(ws))
        }
        let read = rows
        if !read.bad.isEmpty && !skipBad { return (dir, read, nil) }
        return (dir, read, try ws.saveImport(&rows, dryRun: false))
    }

    /// Every file of the store, by name.
    static func files(_ dir: TempDirectory) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: dir.path) {
            var isDir: ObjCBool = false
            let path = dir.path + "/" + name
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else { continue }
            out[name] = Array(FileManager.default.contents(atPath: path) ?? Data())
        }
        return out
    }

    static func said(_ saved: ImportSaved?) -> [String] {
        guard let s = saved else { return [] }
        let p = s.result.plan
        return [
            "\(p.new) new \(p.updated) updated \(p.unchanged) unchanged \(p.flagged) flagged \(p.assigned) assigned",
            "\(p.flagUpdateCount) flag updates; unknown \(p.unknownOwners); away \(p.awayOwners)",
        ] + s.result.refused + s.result.outcomeNotes
            + (s.routed.map { r in r.decisions.map { "\($0.lead) \($0.outcome) \($0.why)" } + ["\(r.refused)"] } ?? [])
    }

    @Test func aFileReadSevenRowsAtATimeLeavesTheStoreAWholeFileImportLeaves() throws {
        let base = try Self.baseStore()
        let file = Self.csv(0..<45, title: "Head of Buying")
        let (whole, _, wholeSaid) = try Self.importCopy(base, file, chunkRows: nil)
        let (sevens, _, sevensSaid) = try Self.importCopy(base, file, chunkRows: 7)
        let (one, _, oneSaid) = try Self.importCopy(base, file, chunkRows: 1_000)
        let expected = try Self.files(whole)
        #expect(expected.count >= 3)
        #expect(try Self.files(sevens) == expected)
        #expect(try Self.files(one) == expected)
        #expect(Self.said(sevensSaid) == Self.said(wholeSaid))
        #expect(Self.said(oneSaid) == Self.said(wholeSaid))
        // It did something worth comparing: new leads, updates, routing.
        #expect(wholeSaid?.result.plan.new == 33 && wholeSaid?.result.plan.updated == 12)
        let outcomes = wholeSaid?.routed?.decisions.map { "\($0.outcome)" } ?? []
        #expect(Set(outcomes.map { $0.prefix(4) }) == ["assi", "nurt", "hold"], "\(outcomes)")
        #expect(try FileStore.open(sevens.path).leadCount == 45)
    }

    @Test func aBadRowInALateChunkIsFoundBeforeAnythingIsWritten() throws {
        let base = try Self.baseStore()
        let bad = [
            33:
                "\"00Q5g000000033EAA\",\"Li\",\"Wei\",\"Becker AG\",\"Buyer\",\"p33@x.example\",\"\",\"Web\",\"Open\",\"Cold\",\"\",\"yesterday\",\"Retail\",\"1\",\"DE\",\"false\",\"false\",\"\"",
            41:
                "\"00Q5g000000002EAA\",\"Tom\",\"Becker\",\"Becker AG\",\"Buyer\",\"p41@x.example\",\"\",\"Web\",\"Open\",\"Cold\",\"\",\"2026-11-01\",\"Retail\",\"1\",\"DE\",\"false\",\"false\",\"\"",
        ]
        let file = Self.csv(0..<45, cells: bad)
        let before = try Self.files(base)
        let (refused, read, _) = try Self.importCopy(base, file, chunkRows: 7)
        let (_, wholeRead, _) = try Self.importCopy(base, file, chunkRows: nil)
        #expect(read.bad.flatMap(\.lines) == wholeRead.bad.flatMap(\.lines))
        #expect(
            read.bad.flatMap(\.lines) == [
                "line 35, column CreatedDate: 'yesterday' is not a date leadq reads (2026-11-23, 2026-11-23T10:02:00Z, 23/11/2026 or 11/23/2026 10:02 AM)",
                "line 43, column Id: the same Id as line 4 (00Q5g000000002EAA)",
            ])
        #expect(read.goodCount == 43)
        #expect(try Self.files(refused) == before)
        // With --skip-bad the good rows go in as a whole-file import puts them.
        let (skipped, _, skippedSaid) = try Self.importCopy(base, file, chunkRows: 7, skipBad: true)
        let (wholeSkipped, _, wholeSkippedSaid) = try Self.importCopy(base, file, chunkRows: nil, skipBad: true)
        #expect(try Self.files(skipped) == Self.files(wholeSkipped))
        #expect(Self.said(skippedSaid) == Self.said(wholeSkippedSaid))
    }

    /// An empty store: every row is a new lead, planned from its keys' hashes.
    static func emptyStore() throws -> TempDirectory {
        let dir = TempDirectory("leadq-streamed-empty")
        _ = try FileStore.create(at: dir.path, settings: settings)
        return dir
    }

    /// Into an empty store the rows' keys are held as hashes. Hashes of one bit make every email
    /// and every name-and-company key collide: the groups found by hash are then checked against
    /// the keys, and the import is planned again from the keys as texts. Either way the store is the
    /// one a whole-file import leaves.
    @Test func keysHeldAsHashesEvenWhenAllCollideLeaveTheStoreAWholeFileImportLeaves() throws {
        let base = try Self.emptyStore()
        let file = Self.csv(0..<45)
        let (whole, _, wholeSaid) = try Self.importCopy(base, file, chunkRows: nil)
        let expected = try Self.files(whole)
        #expect(wholeSaid?.result.plan.new == 45 && wholeSaid?.result.plan.flagged ?? 0 > 10)
        for bits in [64, 1, 2] {
            for chunk in [7, 1_000] {
                let (dir, _, said) = try Self.importCopy(base, file, chunkRows: chunk, hashBits: bits)
                #expect(try Self.files(dir) == expected, "\(bits) bits, chunks of \(chunk)")
                #expect(Self.said(said) == Self.said(wholeSaid), "\(bits) bits, chunks of \(chunk)")
            }
        }
    }

    /// Source keys that share a hash are told apart by the keys: only a key truly repeated makes a
    /// bad row, named with its first line.
    @Test func repeatedSourceKeysAreFoundByTheKeysNotTheirHashes() throws {
        let bad = [
            41:
                "\"00Q5g000000002EAA\",\"Tom\",\"Becker\",\"Becker AG\",\"Buyer\",\"p41@x.example\",\"\",\"Web\",\"Open\",\"Cold\",\"\",\"2026-11-01\",\"Retail\",\"1\",\"DE\",\"false\",\"false\",\"\""
        ]
        let file = Self.csv(0..<45, cells: bad)
        let base = try Self.emptyStore()
        let (_, whole, _) = try Self.importCopy(base, file, chunkRows: nil)
        #expect(whole.bad.flatMap(\.lines) == ["line 43, column Id: the same Id as line 4 (00Q5g000000002EAA)"])
        for bits in [64, 1, 3] {
            let (_, read, _) = try Self.importCopy(base, file, chunkRows: 7, hashBits: bits)
            #expect(read.bad.flatMap(\.lines) == whole.bad.flatMap(\.lines), "\(bits) bits")
            #expect(read.goodCount == 44)
        }
    }
}
