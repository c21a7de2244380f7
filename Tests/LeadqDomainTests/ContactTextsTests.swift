import LeadqDomain
import Testing

/// A contact's follow-up texts come from a table made once: each is the channel and outcome it
/// was logged with, for every pair.
@Suite struct ContactTextsTests {
    @Test func theFollowUpsAContactClosesAndSchedulesNameItsChannelAndOutcome() {
        let t0 = Instant(seconds: 1_800_000_000)
        for ch in Channel.allCases {
            for out in Outcome.allCases {
                var first = Contact(
                    channel: .email, outcome: .voicemail, direction: .outbound, note: "", followUpDue: t0)
                first.followUpWhat = nil
                var second = Contact(channel: ch, outcome: out, direction: .outbound, note: "", followUpDue: t0 + 60)
                second.completes = [2]
                let work = Work.fold([
                    Entry(seq: 1, at: t0 - 60, by: "ana", op: .created),
                    Entry(seq: 2, at: t0 - 30, by: "ana", op: .contact(first)),
                    Entry(seq: 3, at: t0, by: "ana", op: .contact(second)),
                ])
                #expect(work.followUps.count == 2)
                #expect(work.followUps.first?.note == "\(ch.rawValue): \(out.rawValue)")
                #expect(work.followUps.first?.status == .done)
                #expect(work.followUps.last?.what == "Try again after \(ch.rawValue): \(out.rawValue)")
            }
        }
    }

    @Test func aFollowUpThatSaysWhatKeepsIt() {
        let t0 = Instant(seconds: 1_800_000_000)
        var c = Contact(channel: .call, outcome: .noAnswer, direction: .outbound, note: "", followUpDue: t0)
        c.followUpWhat = "Send the deck"
        let work = Work.fold([Entry(seq: 1, at: t0 - 60, by: "ana", op: .contact(c))])
        #expect(work.followUps.map(\.what) == ["Send the deck"])
    }
}
