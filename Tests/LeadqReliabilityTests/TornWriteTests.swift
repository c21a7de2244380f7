import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

/// The store's files cut at every byte of their last records and with bytes flipped inside them (what
/// a power cut or a bad disk leaves). The store must either recover every complete record, saying
/// what it dropped and keeping a copy of the damaged file, or refuse with a message naming the file
/// and the offset; it never crashes and never rewrites the damaged file in place.
@Suite struct TornWriteTests {
    let dir = TempDirectory("leadq-torn")
    var template: String { dir.path + "/template" }
    var work: String { dir.path + "/work" }
    let t = Fixture.t0 + 3600

    func note(_ s: String) -> Command { .contact(channel: .call, outcome: .noAnswer, direction: .outbound, note: s) }

    /// A store whose journal ends: …, one action, a three-event transaction, one action.
    /// Returns the journal's path in the template and where each transaction's records end.
    func makeTemplate(compactFirst: Bool) throws -> (journal: String, ends: [(end: Int, seq: Int64)]) {
        let s = try FileStore.create(
            at: template, settings: Fixture.settings,
            leads: [
                LeadScript("L-00001", profile: Fixture.profile(name: "Grace"), firstSeq: 1).assign("ana").lead,
                LeadScript("L-00002", profile: Fixture.profile(name: "Wei"), firstSeq: 10).assign("ana").accept(
                    by: "ana"
                ).lead,
            ])
        if !compactFirst {
            try s.perform(note("first"), on: "L-00002", as: "ana", at: t)
            try s.perform(.accept, on: "L-00001", as: "ana", at: t)
        } else {
            try s.perform(note("first"), on: "L-00002", as: "ana", at: t)
            _ = try FileStore.compact(template)
        }
        try s.perform(note("single \u{1B}[31m"), on: "L-00001", as: "ana", at: t + 60)
        try s.transact(as: "mia", at: t + 120) { tx in
            let c = try tx.create(Fixture.profile(name: "Batch Lead"))
            try tx.perform(.assign(to: "ben", rule: nil), on: c.lead.id)
            try tx.perform(note("batch note"), on: "L-00002")
        }
        try s.perform(.scheduleFollowUp(due: t + Span.day, what: "last one"), on: "L-00002", as: "ana", at: t + 180)
        let journal = Stores.newestJournal(template)
        let bytes = try Stores.bytes(journal)
        // Transaction boundaries: a line ends a transaction unless it carries a batch that goes on.
        var ends: [(Int, Int64)] = []
        var start = 0
        while let nl = bytes[start...].firstIndex(of: 0x0A) {
            let line = String(decoding: bytes[start..<nl], as: UTF8.self)
            if let seq = FileScan.seqOf(Array(line.utf8)) {
                let batchEnd = line.range(of: "\"batch\":").flatMap {
                    Int64(line[$0.upperBound...].prefix { $0.isNumber })
                }
                if batchEnd == nil || batchEnd == seq { ends.append((nl + 1, seq)) }
            } else {
                // The header: nothing after the snapshot yet.
                ends.append((nl + 1, try FileStore.open(template).snapshotSeq))
            }
            start = nl + 1
        }
        return (journal, ends)
    }

    /// The offsets to cut at: every byte in the full run, a spread in the short one.
    func offsets(_ range: Range<Int>, every: Int) -> [Int] {
        RunLength.isLong
            ? Array(range)
            : Array(stride(from: range.lowerBound, to: range.upperBound, by: every)) + [range.upperBound - 1]
    }

    func cutAndCheck(journal: String, ends: [(end: Int, seq: Int64)], from: Int, every: Int) throws -> Int {
        let bytes = try Stores.bytes(journal)
        let name = (journal as NSString).lastPathComponent
        var cases = 0
        for cut in offsets(from..<bytes.count, every: every) {
            cases += 1
            try Stores.copy(template, to: work)
            let damaged = Array(bytes[..<cut])
            try Stores.write(work + "/" + name, damaged)
            let complete = ends.last { $0.end <= cut }
            let s: FileStore
            do { s = try FileStore.open(work) } catch {
                Issue.record("cut at \(cut): refused a recoverable journal: \(error)")
                continue
            }
            // Every complete transaction, nothing of the cut one, and a word about what was dropped.
            #expect(s.lastSeq == complete?.seq ?? s.snapshotSeq, "cut at \(cut)")
            let droppedAt = complete?.end ?? 0
            // Cut to nothing, the journal has lost even its header: that too is a crash's remains.
            let torn = cut > droppedAt || cut == 0
            expectWarnings(s, cut: cut, droppedAt: droppedAt, torn: torn, journal: name)
            _ = try s.verify()
            #expect(try Stores.bytes(work + "/" + name) == damaged, "opening changed the file (cut at \(cut))")
            try expectNextWriterContinues(
                s, cut: cut, droppedAt: droppedAt, torn: torn, damaged: damaged, original: bytes,
                firstEnd: ends[0].end, journal: name)
            #expect(try FileScan.scan(work).damaged.filter { !$0.hasPrefix(name) }.isEmpty, "cut at \(cut)")
        }
        return cases
    }

    /// Opening a journal cut at `cut` says what it dropped, and only when it dropped something.
    func expectWarnings(_ s: FileStore, cut: Int, droppedAt: Int, torn: Bool, journal name: String) {
        if cut == 0 {
            #expect(
                s.warnings == [
                    "\(work)/\(name): the journal is empty, cut short before its header (nothing in it was ever reported saved)"
                ])
        } else if torn {
            #expect(
                s.warnings == [
                    "\(work)/\(name): dropped \(cut - droppedAt) bytes of an unfinished record at byte \(droppedAt) (a write cut short by a crash; it was never reported saved)"
                ],
                "cut at \(cut)")
        } else {
            #expect(s.warnings.isEmpty, "cut at \(cut)")
        }
    }

    /// The next writer continues after the last complete record and keeps a copy of the damage.
    func expectNextWriterContinues(
        _ s: FileStore, cut: Int, droppedAt: Int, torn: Bool, damaged: [UInt8], original bytes: [UInt8],
        firstEnd: Int, journal name: String
    ) throws {
        try s.perform(note("after the crash"), on: "L-00002", as: "ana", at: t + 600)
        let again = try FileStore.open(work)
        _ = try again.verify()
        #expect(again.warnings.isEmpty, "cut at \(cut): \(again.warnings)")
        #expect(again.lastSeq == s.lastSeq, "cut at \(cut)")
        #expect(try again.lead("L-00002")?.work.contacts.last?.contact.note == "after the crash")
        let kept = Stores.files(work + "/quarantine")
        if torn {
            #expect(kept.count == 1, "cut at \(cut)")
            if let k = kept.first {
                #expect(try Stores.bytes(work + "/quarantine/" + k) == damaged, "cut at \(cut)")
            }
            // The damaged file is never written to: it stays as it was, or, when it held no complete
            // record (so the journal to continue in has its name), it is replaced whole by a rename.
            let now = try Stores.bytes(work + "/" + name)
            if droppedAt <= firstEnd {
                #expect(now != damaged && now.starts(with: Array(bytes[..<firstEnd])), "cut at \(cut)")
            } else {
                #expect(now == damaged, "cut at \(cut)")
            }
        } else {
            #expect(kept.isEmpty, "cut at \(cut)")
        }
    }

    @Test func aJournalCutAtEveryByteOfItsLastRecordsRecoversEveryCompleteOne() throws {
        let (journal, ends) = try makeTemplate(compactFirst: false)
        // The last three transactions: a single event, a batch of three, a single event.
        let from = ends[ends.count - 4].end
        let cases = try cutAndCheck(journal: journal, ends: ends, from: from, every: 11)
        RunLength.report(
            "torn writes, journal after earlier records",
            "\(cases) cuts over the last \(try Stores.bytes(journal).count - from) bytes")
    }

    @Test func aJournalWithoutACompleteRecordRecoversToo() throws {
        // After a compaction the journal holds only these records, so a cut may leave no complete one,
        // or cut into the header itself.
        let (journal, ends) = try makeTemplate(compactFirst: true)
        let cases = try cutAndCheck(journal: journal, ends: ends, from: 0, every: 13)
        RunLength.report(
            "torn writes, journal after a compaction (header included)",
            "\(cases) cuts over all \(try Stores.bytes(journal).count) bytes")
    }

    /// Only the newest journal can end in a crash's remains. An older journal cut short (a bad copy,
    /// a damaged disk) has lost saved records that later journals build on: the store must refuse,
    /// not quietly stop reading there. (It used to warn and show the store as of the cut, hiding every
    /// later journal, and the next writer continued from there.)
    @Test func anOlderJournalCutShortIsRefusedNotSkipped() throws {
        let s = try FileStore.create(
            at: template, settings: Fixture.settings,
            leads: [
                LeadScript("L-00001", profile: Fixture.profile(name: "Grace"), firstSeq: 1).assign("ana").lead
            ])
        try s.perform(note("a"), on: "L-00001", as: "ana", at: t)
        try s.perform(note("b"), on: "L-00001", as: "ana", at: t)
        // A compaction that started a new journal and then failed to write its snapshot: two journals.
        let failing = FaultyFileSystem(plan: {
            $0.op == .open && $0.how == "create" && $0.path.contains("snapshot-") ? .error(ENOSPC) : nil
        })
        #expect(throws: StoreError.self) { _ = try FileStore.compact(template, fs: failing) }
        try s.perform(note("c"), on: "L-00001", as: "ana", at: t)
        let journals = Stores.files(template).filter { $0.hasPrefix("journal-") }
        #expect(journals.count == 2)
        let older = template + "/" + journals[0]
        let bytes = try Stores.bytes(older)
        let lastStart = (bytes.dropLast().lastIndex(of: 0x0A) ?? 0) + 1
        for cut in offsets((lastStart + 1)..<bytes.count, every: 9) {
            try Stores.copy(template, to: work)
            let path = work + "/" + journals[0]
            try Stores.write(path, Array(bytes[..<cut]))
            #expect(
                performing: { _ = try FileStore.open(work) },
                throws: { e in
                    guard case StoreError.damaged(let file, let offset, _, let reason) = e else { return false }
                    return file == path && offset == lastStart && reason.contains(journals[1])
                })
            #expect(try Stores.bytes(path) == Array(bytes[..<cut]))
        }
    }

    @Test func aSnapshotCutShortIsRefusedByName() throws {
        _ = try makeTemplate(compactFirst: true)
        let snapName = Stores.files(template).first { $0.hasPrefix("snapshot-") }!
        let bytes = try Stores.bytes(template + "/" + snapName)
        let newlines = bytes.indices.filter { bytes[$0] == 0x0A }
        let lastLeadStart = newlines[newlines.count - 3] + 1
        var cases = 0
        for cut in offsets(0..<bytes.count, every: 7) where cut >= lastLeadStart || cut % 5 == 0 {
            cases += 1
            try Stores.copy(template, to: work)
            let path = work + "/" + snapName
            try Stores.write(path, Array(bytes[..<cut]))
            #expect(
                performing: { _ = try FileStore.open(work).verify() },
                throws: { e in
                    guard case StoreError.damaged(let file, let offset, _, _) = e else { return false }
                    return file == path && offset <= cut && "\(e)".contains(path) && "\(e)".contains("byte \(offset)")
                })
            #expect(try Stores.bytes(path) == Array(bytes[..<cut]))
        }
        RunLength.report("torn writes, snapshot", "\(cases) cuts, every one refused naming the file and offset")
    }

    @Test func flippedBytesAreRefusedOrRecoveredNeverMisread() throws {
        let (journal, ends) = try makeTemplate(compactFirst: false)
        let name = (journal as NSString).lastPathComponent
        let snapName = Stores.files(template).first { $0.hasPrefix("snapshot-") }!
        let jBytes = try Stores.bytes(journal)
        let sBytes = try Stores.bytes(template + "/" + snapName)
        let jFrom = ends[ends.count - 4].end
        let sFrom = (sBytes.dropLast().lastIndex(of: 0x0A) ?? 0) - 400
        var refused = 0
        var recovered = 0
        for (file, bytes, from) in [(name, jBytes, jFrom), (snapName, sBytes, max(0, sFrom))] {
            for at in offsets(from..<bytes.count, every: 5) {
                try Stores.copy(template, to: work)
                var damaged = bytes
                damaged[at] ^= UInt8(1 << (at % 8))
                let path = work + "/" + file
                try Stores.write(path, damaged)
                do {
                    let s = try FileStore.open(work)
                    _ = try s.verify()
                    // Only a lost final newline may read as a crash's remains; then the last record is dropped.
                    #expect(
                        bytes[at] == 0x0A && at == bytes.count - 1 && file == name,
                        "flip at \(at) of \(file) was read as good")
                    #expect(s.warnings.count == 1)
                    recovered += 1
                } catch let e as StoreError {
                    guard case .damaged(let f, let offset, _, _) = e else {
                        Issue.record("flip at \(at): \(e)")
                        continue
                    }
                    // At or before the flipped byte; a lost final newline is reported where the file ends.
                    #expect(
                        f == path && (offset <= at || (at == bytes.count - 1 && offset == bytes.count)),
                        "flip at \(at) of \(file): \(e)")
                    #expect("\(e)".contains("\(path): damaged record at byte \(offset)"))
                    refused += 1
                }
                #expect(try Stores.bytes(path) == damaged, "the damaged file was changed")
            }
        }
        RunLength.report(
            "flipped bytes",
            "\(refused) refused naming file and offset, \(recovered) recovered as a torn tail, 0 misread")
    }
}
