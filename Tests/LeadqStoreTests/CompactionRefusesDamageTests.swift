import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

/// A compaction reads what it folds exactly as `verify` does: damage it finds is refused, nothing is
/// copied forward and no file is removed. Hostile trailers are refused when the snapshot is opened.
@Suite struct CompactionRefusesDamageTests {
    /// A store whose newest snapshot holds the fixture's leads, with one event after it to fold.
    func store() throws -> (StoreFixture, String) {
        let f = StoreFixture()
        let s = try f.create()
        try s.perform(.accept, on: "L-00001", as: "ana", at: t1)
        let snap = f.path + "/" + (try f.files().first { $0.hasPrefix("snapshot-") }!)
        return (f, snap)
    }

    func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    func write(_ lines: [String], _ path: String) throws {
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// The record with its body changed by `edit` and sealed again with a correct checksum.
    func resealed(_ line: String, _ edit: (String) -> String) -> String {
        let body = String(line.dropLast(18))
        return String(decoding: sealed(edit(body)), as: UTF8.self)
    }

    func expectCompactionRefusedAndNothingChanged(_ f: StoreFixture, _ reason: String) throws {
        let before = try f.files()
        let bytes = try before.map { try f.bytes(f.path + "/" + $0) }
        let verifyError = #expect(throws: StoreError.self) { try FileStore.open(f.path).verify() }
        let compactError = #expect(throws: StoreError.self) { try FileStore.compact(f.path) }
        #expect(verifyError?.description.contains(reason) == true, "\(verifyError?.description ?? "")")
        #expect(compactError?.description == verifyError?.description)
        // Every file is still there, byte for byte; all that may be new is the compaction's lock and
        // the empty journal it started before reading (where the next compaction will start too).
        let after = try f.files()
        #expect(try before.map { try f.bytes(f.path + "/" + $0) } == bytes)
        for added in Set(after).subtracting(before) {
            let isLock = added == "compact.lock"
            let journalLines = added.hasPrefix("journal-") ? try lines(f.path + "/" + added).count : 0
            let isEmptyJournal = journalLines == 1
            #expect(isLock || isEmptyJournal, "\(added)")
        }
        #expect(Set(before).isSubset(of: after))
    }

    @Test func aFlippedByteInALeadLineIsRefusedNotCopiedForward() throws {
        let (f, snap) = try store()
        var l = try lines(snap)
        l[3] = l[3].replacingOccurrences(of: "Chlo", with: "Chlp")
        try write(l, snap)
        try expectCompactionRefusedAndNothingChanged(f, "checksum mismatch")
    }

    @Test func aResealedLineThatDoesntDecodeIsRefused() throws {
        let (f, snap) = try store()
        var l = try lines(snap)
        // The same length, so the queue index still points at every line.
        l[3] = resealed(l[3]) { $0.replacingOccurrences(of: "\"stage\":\"new\"", with: "\"stage\":\"wat\"") }
        try write(l, snap)
        try expectCompactionRefusedAndNothingChanged(f, "wat")
    }

    @Test func aTrailerThatDisagreesWithTheLeadsIsRefused() throws {
        let (f, snap) = try store()
        var l = try lines(snap)
        // The pool's entry removed: every line still reads, the index no longer matches.
        l[l.count - 1] = resealed(l[l.count - 1]) { body in
            guard let r = body.range(of: "\"pool\":[") else { return body }
            let end = body[r.upperBound...].firstIndex(of: "]")!
            return body.replacingCharacters(in: r.upperBound..<end, with: "")
        }
        try write(l, snap)
        try expectCompactionRefusedAndNothingChanged(f, "queue index")
    }

    @Test(arguments: ["9223372036854775000", "9223372036854775807", "-9223372036854775808", "-1"])
    func absurdTrailerOffsetsAndLengthsAreRefusedCleanly(_ value: String) throws {
        for position in 0..<2 {
            let (f, snap) = try store()
            var l = try lines(snap)
            l[l.count - 1] = resealed(l[l.count - 1]) { body in
                guard let r = body.range(of: "\"pool\":[") else { return body }
                let end = body[r.upperBound...].firstIndex(of: "]")!
                var pair = body[r.upperBound..<end].split(separator: ",").map(String.init)
                pair[position] = value
                return body.replacingCharacters(in: r.upperBound..<end, with: pair.joined(separator: ","))
            }
            try write(l, snap)
            let error = #expect(throws: StoreError.self) { try FileStore.open(f.path) }
            #expect(error?.description.contains("trailer") == true, "\(error?.description ?? "")")
            #expect(throws: StoreError.self) { try FileStore.compact(f.path) }
        }
    }

    /// A killed compaction leaves its temporary snapshot behind (they piled up to 187 MB): the next
    /// open removes it when no compaction is running, and so does the next compaction.
    @Test func leftoversOfKilledCompactionsAreRemoved() throws {
        let (f, _) = try store()
        let junk = ["snapshot-000000000031.jsonl.tmp-4242", "journal-000000000032.jsonl.tmp-4243"]
        for j in junk {
            #expect(
                FileManager.default.createFile(atPath: f.path + "/" + j, contents: Data(repeating: 0x41, count: 1000)))
        }
        _ = try f.open()
        #expect(Set(try f.files()).isDisjoint(with: junk))
        // While a compaction runs, its temporary file is left alone by an open.
        #expect(FileManager.default.createFile(atPath: f.path + "/" + junk[0], contents: Data()))
        let cl = open(f.path + "/compact.lock", O_RDWR | O_CREAT, 0o600)
        defer { close(cl) }
        #expect(flock(cl, LOCK_EX | LOCK_NB) == 0)
        _ = try f.open()
        #expect(try f.files().contains(junk[0]))
        flock(cl, LOCK_UN)
        try f.open().perform(.accept, on: "L-00004", as: "ben", at: t1)
        #expect(try FileStore.compact(f.path) != nil)
        #expect(!(try f.files().contains(junk[0])))
    }

    /// A lead left in the queue of a rep removed from the team is not damage: verify names it for a
    /// manager to reassign, and compaction carries it as it is (both agree the store reads).
    @Test func aLeadOfARepWhoLeftIsReportedNotRefused() throws {
        let f = StoreFixture()
        var settings = Fixture.settings
        settings.reps.removeAll { $0.id == "ben" }
        let s = try FileStore.create(at: f.path, settings: settings, leads: StoreFixture.leads())
        try s.perform(.accept, on: "L-00001", as: "ana", at: t1)
        #expect(try f.open().verify().orphaned == ["L-00004": "ben"])
        #expect(try FileStore.compact(f.path) != nil)
        #expect(try f.open().verify().orphaned == ["L-00004": "ben"])
    }
}
