import Foundation
import LeadqCodec
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A big write (an import) is encoded and written a slice at a time, so its lines are never all in
/// memory: on disk it is still one batch, all there or none of it.
@Suite struct SlicedWriteTests {
    static let items = (0..<9_000).map { (profile: Fixture.profile(name: "P\($0)"), assign: Optional("ben")) }

    @Test func aWriteOfManySlicesLeavesNothingWhenOneOfItsWritesFails() throws {
        let fx = StoreFixture()
        _ = try fx.create()
        try fx.expectAFailedJournalWriteLeavesNothing { tx in _ = try tx.addAll(Self.items, rule: "owner-map") }
    }

    @Test func aWriteOfManySlicesIsTheSameLinesAsOneEncodedWhole() throws {
        let fx = StoreFixture()
        _ = try fx.create()
        let journal = try fx.journalPath()
        let before = try fx.bytes(journal)
        let saved = try fx.open().transact(as: "mia", at: t1, applyHere: false) { tx in
            try tx.addAll(Self.items, rule: "owner-map")
        }
        #expect(saved.events.count == 18_000)
        let written = Array(try fx.bytes(journal).dropFirst(before.count))
        #expect(written == Array(EventCodec.journalLineParts(saved.events).joined()))
        let reopened = try fx.open()
        #expect(reopened.leadCount == StoreFixture.leads().count + 9_000)
        #expect(try reopened.lead(saved.events.last!.lead)?.owner == "ben")
    }
}
