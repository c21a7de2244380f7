import LeadqCodec
import LeadqDemo
import LeadqDomain
import LeadqTestSupport
import Testing

/// Keys matched as bytes, and a profile read for figures (only some members): each reads what the
/// whole decode reads of what it keeps, and checks what it skips.
@Suite struct ProfileMembersTests {
    static let leads = DemoStore(leads: 300, seed: 11, now: Fixture.t0).generate().1

    static func decode(_ bytes: [UInt8], keeping: ProfileMembers = .all) throws -> Lead {
        try bytes.withUnsafeBytes { buf in
            var r = JSONReader(buf)
            let lead = try LeadCodec.decode(&r, keeping: keeping)
            try r.finish()
            return lead
        }
    }

    /// What the whole profile reads, of the members kept (the others at their defaults).
    static func kept(_ p: Profile, _ m: ProfileMembers) -> Profile {
        var k = Profile()
        if m.contains(.origin) { k.origin = p.origin }
        if m.contains(.originId) { k.originId = p.originId }
        if m.contains(.name) { k.name = p.name }
        if m.contains(.company) { k.company = p.company }
        if m.contains(.title) { k.title = p.title }
        if m.contains(.email) { k.email = p.email }
        if m.contains(.phone) { k.phone = p.phone }
        if m.contains(.country) { k.country = p.country }
        if m.contains(.region) { k.region = p.region }
        if m.contains(.industry) { k.industry = p.industry }
        if m.contains(.companySize) { k.companySize = p.companySize }
        if m.contains(.source) { k.source = p.source }
        if m.contains(.trigger) { k.trigger = p.trigger }
        if m.contains(.content) { k.content = p.content }
        if m.contains(.signals) { k.signals = p.signals }
        if m.contains(.sourceScore) { k.sourceScore = p.sourceScore }
        if m.contains(.score) { k.score = p.score }
        if m.contains(.scoreParts) { k.scoreParts = p.scoreParts }
        if m.contains(.consent) {
            (k.doNotContact, k.emailOptOut, k.doNotCall) = (p.doNotContact, p.emailOptOut, p.doNotCall)
            (k.consentSource, k.consentAt) = (p.consentSource, p.consentAt)
        }
        if m.contains(.nextAction) { k.nextAction = p.nextAction }
        if m.contains(.flags) { k.flags = p.flags }
        if m.contains(.extra) { k.extra = p.extra }
        if m.contains(.createdAt) { k.createdAt = p.createdAt }
        return k
    }

    /// An entry as read without its notes: every note and follow-up description empty.
    static func withoutNotes(_ e: Entry) -> Entry {
        var op = e.op
        switch e.op {
        case .reject(let reason, _): op = .reject(reason: reason, note: "")
        case .contact(var c):
            (c.note, c.followUpWhat) = ("", nil)
            op = .contact(c)
        case .scheduleFollowUp(let due, _, let replaces): op = .scheduleFollowUp(due: due, what: "", replaces: replaces)
        case .completeFollowUp(let id, _): op = .completeFollowUp(id: id, note: "")
        case .qualify: op = .qualify(note: "")
        case .clawback(let reason, _, let policy): op = .clawback(reason: reason, note: "", policy: policy)
        case .release(_, let step): op = .release(note: "", step: step)
        case .won(let amount, _): op = .won(amount: amount, note: "")
        case .lost(let reason, let amount, _): op = .lost(reason: reason, amount: amount, note: "")
        case .absorb(let from, let entries): op = .absorb(from: from, entries: entries.map(withoutNotes))
        case .setAside: op = .setAside(note: "")
        case .note: op = .note("")
        case .settings: op = .settings(note: "")
        case .created, .updated, .assign, .accept, .dropFollowUp, .nurture, .undo, .merged: break
        }
        return Entry(seq: e.seq, at: e.at, by: e.by, op: op)
    }

    @Test(
        arguments: [
            ProfileMembers.all, [.source, .score, .consent, .createdAt], [.trigger, .title, .content], [],
            [.name, .extra, .flags, .signals, .scoreParts], [.notes], [.source, .notes],
        ] + (0..<23).map { ProfileMembers(rawValue: 1 << $0) })
    func aProfileReadInPartHoldsWhatTheWholeReadingHoldsOfIt(_ m: ProfileMembers) throws {
        var p = ProfileMembersTests.leads[7].profile
        // Every member set, escapes and all, so each is read or skipped.
        (p.region, p.nextAction, p.consentSource) = ("Île-de-France", "Call \"now\"\n", "form")
        (p.emailOptOut, p.doNotCall, p.sourceScore) = (true, true, 41)
        (p.consentAt, p.flags) = (Fixture.t0, ["duplicate-email:L-00001"])
        p.extra = [Attribute("City", "Ōsaka\u{1B}[2J")]
        var notesSeen = 0
        for lead in ProfileMembersTests.leads.prefix(100) + [Lead(id: "L-09999", profile: p, history: [])] {
            let read = try ProfileMembersTests.decode(LeadCodec.encode(lead), keeping: m)
            #expect(read.profile == ProfileMembersTests.kept(lead.profile, m))
            // Without `.notes`, the lead its history would fold to with every note left empty.
            let history = m.contains(.notes) ? lead.history : lead.history.map(ProfileMembersTests.withoutNotes)
            let expected = Lead(id: lead.id, profile: lead.profile, history: history, version: lead.version)
            #expect(read.history == expected.history && read.work == expected.work && read.version == lead.version)
            if history != lead.history { notesSeen += 1 }
        }
        // The leads read must have notes for the case without them to mean anything.
        #expect(m.contains(.notes) || notesSeen > 20)
    }

    /// Keys written with escapes (no writer of leadq's does) match their names, skipped ones too.
    @Test func keysWithEscapesMatchTheirNames() throws {
        let lead = ProfileMembersTests.leads[3]
        var text = String(decoding: LeadCodec.encode(lead), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"history\":", with: "\"hist\\u006fry\":")
        text = text.replacingOccurrences(of: "\"name\":", with: "\"n\\u0061me\":")
        text = text.replacingOccurrences(of: "\"source\":", with: "\"sour\\u0063e\":")
        let bytes = Array(text.utf8)
        #expect(try ProfileMembersTests.decode(bytes).profile == lead.profile)
        #expect(try ProfileMembersTests.decode(bytes).history == lead.history)
        #expect(try ProfileMembersTests.decode(bytes, keeping: [.source]).profile.source == lead.profile.source)
        #expect(try ProfileMembersTests.decode(bytes, keeping: [.source]).profile.name == "")
    }

    /// A member skipped is still read for its syntax: a damaged line is refused either way.
    @Test(arguments: ["\"name\":\"A\\qB\"", "\"name\":\"A\u{07}B\"", "\"extra\":[[\"a\" \"b\"]]"])
    func aDamagedMemberIsRefusedWhenSkipped(_ member: String) throws {
        let text =
            "{\"id\":\"L-1\",\"stage\":\"new\",\"owner\":null,\"profile\":{\(member),\"score\":5},\"history\":[]}"
        let bytes = Array(text.utf8)
        #expect(throws: JSONError.self) { _ = try ProfileMembersTests.decode(bytes) }
        #expect(throws: JSONError.self) { _ = try ProfileMembersTests.decode(bytes, keeping: [.score]) }
    }
}
