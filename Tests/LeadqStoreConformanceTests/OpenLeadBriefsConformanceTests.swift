import LeadqDomain
import LeadqStore
import LeadqTestSupport
import Testing

/// A whole team's list from briefs: the same leads as `forEachOpenLead`, each brief what the lead
/// itself gives with the settings asked for, and its line reading back that lead; whatever changed
/// since the store wrote its briefs comes whole.
@Suite struct OpenLeadBriefsConformanceTests {
    func listed(_ s: any LeadStore, settings: Settings) throws -> (briefs: [String: LeadBrief], whole: [String: Lead]) {
        var briefs: [String: LeadBrief] = [:]
        var whole: [String: Lead] = [:]
        var heard = 0
        let open = try s.openLeadBriefs(settings: settings, keep: { $0 }, progress: { heard = max(heard, $0) })
        for lead in open.whole {
            #expect(whole.updateValue(lead, forKey: lead.id) == nil, "each lead once")
        }
        let c = open.briefs
        for i in 0..<c.count {
            let brief = c.brief(i)
            #expect(briefs.updateValue(brief, forKey: brief.id) == nil && whole[brief.id] == nil, "each lead once")
            let line = try #require(c.line(i))
            let lead = try #require(open.lines).lead(at: line.offset, length: line.length)
            #expect(lead.id == brief.id)
            #expect(LeadBrief(lead, settings: settings) == brief, "\(brief.id)")
        }
        #expect(heard <= open.count)
        return (briefs, whole)
    }

    func current(_ s: any LeadStore) throws -> [String: Lead] {
        var out: [String: Lead] = [:]
        try s.forEachOpenLead { out[$0.id] = $0 }
        return out
    }

    @Test(arguments: StoreKinds.all)
    func briefsListTheOpenLeadsAsTheyAreNow(_ kind: StoreKind) throws {
        let (place, b) = try viewChangedSinceCompaction(kind)
        defer { _ = place }
        let now = try current(b)
        let (briefs, whole) = try listed(b, settings: b.settings)
        #expect(Set(briefs.keys).union(whole.keys) == Set(now.keys))
        for (id, brief) in briefs { #expect(LeadBrief(now[id]!, settings: b.settings) == brief, "\(id) as it is now") }
        for (id, lead) in whole { #expect(lead == now[id], "\(id)") }
        // Changed since the briefs were written, or new: never a brief.
        #expect(briefs["L-00003"] == nil && briefs["L-00005"] == nil)
        if kind.compacts { #expect(!briefs.isEmpty, "a compacted file store lists its unchanged leads by brief") }
    }

    @Test(arguments: StoreKinds.all)
    func briefsMadeWithOtherSettingsAreNotUsed(_ kind: StoreKind) throws {
        let place = try kind.place()
        let a = try place.create()
        _ = try a.compact()
        var other = a.settings
        other.decisionSLAHours += 1
        let (briefs, whole) = try listed(try place.open(), settings: other)
        #expect(briefs.isEmpty)
        #expect(Set(whole.keys) == Set(try current(a).keys))
    }
}
