import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

/// What a crash or a damaged disk leaves behind, and what the store does about it.
@Suite struct DurabilityTests {
    /// A store with three saved actions; returns it and the journal's bytes.
    func storeWithActions(_ f: StoreFixture) throws -> (FileStore, [UInt8]) {
        let s = try f.create()
        try s.perform(.accept, on: "L-00001", as: "ana", at: t1)
        try s.perform(
            .contact(channel: .call, outcome: .noAnswer, direction: .outbound, note: "voicemail full"), on: "L-00001",
            as: "ana", at: t1 + 60)
        try s.perform(.reject(reason: "no-budget", note: ""), on: "L-00002", as: "ana", at: t1 + 120)
        return (s, try f.bytes(try f.journalPath()))
    }

    @Test func aJournalCutAnywhereInItsLastRecordOpensWithEveryCompleteRecord() throws {
        let f = StoreFixture()
        let (full, bytes) = try storeWithActions(f)
        let journal = try f.journalPath()
        let expectedComplete = full.lastSeq - 1
        // The last record spans from after the second-to-last newline to the end.
        let lines = bytes.enumerated().filter { $0.element == 0x0A }.map(\.offset)
        let lastStart = lines[lines.count - 2] + 1
        for cut in lastStart..<bytes.count {
            try Data(bytes[0..<cut]).write(to: URL(fileURLWithPath: journal))
            let s = try f.open()
            #expect(s.lastSeq == expectedComplete, "cut at \(cut)")
            #expect(try s.lead("L-00002")?.stage == .accepted, "cut at \(cut)")
            #expect(try s.lead("L-00001")?.work.contacts.count == 1)
            if cut > lastStart {
                #expect(s.warnings.count == 1)
                #expect(
                    s.warnings.first?.contains(
                        "dropped \(cut - lastStart) bytes of an unfinished record at byte \(lastStart)") == true,
                    "\(s.warnings)")
            }
            // Reading never changes the file.
            #expect(try f.bytes(journal) == Array(bytes[0..<cut]))
        }
    }

    @Test func aWriterAfterACrashSetsTheTornFileAsideAndContinuesInANewJournal() throws {
        let f = StoreFixture()
        let (_, bytes) = try storeWithActions(f)
        let journal = try f.journalPath()
        let cut = bytes.count - 25
        try Data(bytes[0..<cut]).write(to: URL(fileURLWithPath: journal))
        let s = try f.open()
        try s.perform(.reject(reason: "not-now", note: "after the crash"), on: "L-00002", as: "ana", at: t1 + 300)
        // The damaged file is left exactly as it was; a copy waits in quarantine/.
        #expect(try f.bytes(journal) == Array(bytes[0..<cut]))
        let quarantined = try FileManager.default.contentsOfDirectory(atPath: f.path + "/quarantine")
        #expect(quarantined.count == 1)
        #expect(try f.bytes(f.path + "/quarantine/" + quarantined[0]) == Array(bytes[0..<cut]))
        let again = try f.open()
        #expect(try again.lead("L-00002")?.work.note == "after the crash")
        #expect(again.lastSeq == s.lastSeq)
        #expect(try f.files().filter { $0.hasPrefix("journal-") }.count == 2)
    }

    @Test func aFlippedByteIsRefusedWithFileAndOffsetAndTheFileIsLeftAlone() throws {
        let f = StoreFixture()
        let (_, bytes) = try storeWithActions(f)
        let journal = try f.journalPath()
        let lines = bytes.enumerated().filter { $0.element == 0x0A }.map(\.offset)
        // Flip a byte inside the second record (a record in the middle).
        let secondStart = lines[1] + 1
        var damaged = bytes
        damaged[secondStart + 12] ^= 0x01
        try Data(damaged).write(to: URL(fileURLWithPath: journal))
        #expect {
            try f.open()
        } throws: { error in
            guard case StoreError.damaged(let file, let offset, let line, let reason) = error else { return false }
            return file == journal && offset == secondStart && line == 3 && reason.contains("checksum mismatch")
        }
        #expect(try f.bytes(journal) == damaged)
        // Also at the very last record: a complete line that fails its checksum is damage, not a crash.
        var lastFlip = bytes
        lastFlip[bytes.count - 30] ^= 0x20
        try Data(lastFlip).write(to: URL(fileURLWithPath: journal))
        #expect(throws: StoreError.self) { try f.open() }
        #expect(try f.bytes(journal) == lastFlip)
    }

    @Test func aDamagedSnapshotIsRefusedAndKept() throws {
        let f = StoreFixture()
        _ = try f.create()
        let snap = f.path + "/" + (try f.files().first { $0.hasPrefix("snapshot-") }!)
        let bytes = try f.bytes(snap)
        // Cut short: the trailer is missing.
        try Data(bytes.dropLast(40)).write(to: URL(fileURLWithPath: snap))
        #expect { try f.open() } throws: { e in
            guard case StoreError.damaged(let file, _, _, let reason) = e else { return false }
            return file == snap && reason.contains("no trailer line")
        }
        // A flipped byte inside a lead: found when that lead is read.
        var flipped = bytes
        let newlines = bytes.enumerated().filter { $0.element == 0x0A }.map(\.offset)
        let secondLine = newlines[1] + 1
        // Inside its history, past the summary a scan reads: found when the lead itself is read.
        flipped[newlines[2] - 30] ^= 0x01
        try Data(flipped).write(to: URL(fileURLWithPath: snap))
        let s = try f.open()
        #expect { try s.lead("L-00002") } throws: { e in
            guard case StoreError.damaged(let file, let offset, let line, _) = e else { return false }
            return file == snap && offset == secondLine && line == 3
        }
        #expect(try f.bytes(snap) == flipped)
    }
}

@Suite struct VerifyTests {
    @Test func verifyReadsEverythingAndCatchesAWrongIndex() throws {
        let f = StoreFixture()
        let s = try f.create()
        try s.perform(.accept, on: "L-00001", as: "ana", at: t1)
        #expect(try f.open().verify() == VerifyReport(leads: 4, snapshotSeq: 31, lastSeq: 32))
        _ = try FileStore.compact(f.path)
        #expect(try f.open().verify() == VerifyReport(leads: 4, snapshotSeq: 32, lastSeq: 32))
        // Rename ana's queue to zed in its index line and the trailer, re-sealing both, so only the
        // index is wrong.
        let snap = f.path + "/snapshot-000000000032.jsonl"
        let text = String(decoding: try f.bytes(snap), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.hasPrefix("{\"end\":") || line.hasPrefix("{\"queue\":\"ana\"") else { return String(line) }
            let body = String(line[..<line.range(of: ",\"crc\":")!.lowerBound])
            return String(decoding: sealed(body.replacingOccurrences(of: "\"ana\"", with: "\"zed\"")), as: UTF8.self)
        }
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: snap))
        #expect { try f.open().verify() } throws: { e in
            guard case StoreError.damaged(let file, _, _, let reason) = e else { return false }
            return file == snap && reason == "the trailer's queue index doesn't match the leads"
        }
    }
}
