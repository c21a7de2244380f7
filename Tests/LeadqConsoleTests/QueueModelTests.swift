import LeadqConsole
import LeadqDomain
import LeadqText
import Testing

/// The queue keeps its order by moving one lead at a time; it must always equal a full sort.
@Suite struct QueueModelTests {
    @Test(arguments: QueueOrder.allCases)
    func upsertsAndRemovalsKeepTheSameOrderAsAFullSort(order: QueueOrder) {
        let (settings, leads) = ConsoleFixture.demo.generate()
        let now = ConsoleFixture.now
        var m = QueueModel()
        m.setOrder(order)
        m.replaceAll(Array(leads.prefix(150)), settings: settings, now: now)
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        for step in 0..<400 {
            var lead = leads[next(leads.count)]
            switch next(3) {
            case 0:
                // Another score: the lead moves (or ties with others and falls back on age and id).
                lead.profile.score = next(101)
                m.upsert(lead, settings: settings, now: now)
            case 1:
                m.upsert(lead, settings: settings, now: now)
            default:
                m.remove(lead.id)
            }
            // The order of the rows' whole statuses, not of the keys the model keeps.
            let expected = m.entries.values.filter { $0.lead.stage.isActive }
                .map { QueueRow(lead: $0.lead, status: SLA.status($0.lead, now: now, settings: settings)) }
                .sorted { Queue.inOrder($0, $1, order) }.map(\.lead.id)
            #expect(m.visible == expected, "after step \(step)")
            if m.visible != expected { return }
        }
    }

    /// Typing on narrows the last result and Backspace recalls an earlier one; whatever happens
    /// between keystrokes (leads arriving, moving, leaving, another scope), every keystroke shows
    /// what a fresh search of every lead shows.
    @Test func typingOnAndBackShowsWhatAFreshSearchShows() {
        let (settings, leads) = ConsoleFixture.demo.generate()
        let now = ConsoleFixture.now
        var m = QueueModel()
        m.replaceAll(leads, settings: settings, now: now)
        var state: UInt64 = 11
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        let typed = [
            "", "m", "ma", "mar", "ma", "m", "", "l", "l-", "l-0", "l-00", "l-0", "e", "ex", "exa", "ex", "0", "03",
            "030", "030 1", "030", "a", "an", "ana", "an", "a", " ", "",
        ]
        let scopes: [QueueScope] = [.queues, .pool, .rep("ana"), .queues]
        var k = 0
        for step in 0..<400 {
            switch next(8) {
            case 0:
                var lead = leads[next(leads.count)]
                lead.profile.score = next(101)
                m.upsert(lead, settings: settings, now: now)
            case 1: m.remove(leads[next(leads.count)].id)
            case 2: m.setScope(scopes[next(scopes.count)])
            default:
                k = (k + 1) % typed.count
                m.setFilter(typed[k])
            }
            var fresh = QueueModel()
            fresh.replaceAll(m.entries.values.map(\.lead), settings: settings, now: now)
            fresh.setScope(m.scope)
            fresh.setFilter(m.filter)
            #expect(m.visible == fresh.visible && m.inScope == fresh.inScope, "step \(step): '\(m.filter)'")
            if m.visible != fresh.visible { return }
        }
    }

    /// The filter searches bytes; it must find what a text search ignoring case and accents finds, in
    /// every script, on name, company, email, source and id (and phone digits for a number), and
    /// nothing else.
    @Test func theFilterFindsWhatACaseInsensitiveSearchFinds() {
        let (settings, leads) = ConsoleFixture.demo.generate()
        var m = QueueModel()
        m.replaceAll(Array(leads.prefix(300)), settings: settings, now: ConsoleFixture.now)
        let shown = m.visible
        func fields(_ l: Lead) -> [String] {
            [l.profile.name, l.profile.company, l.profile.email, l.profile.source, l.id]
        }
        var needles = ["", "a", "ZZZZ", "l-000", "EXAMPLE", "@", ".", "王", "MÜ", "é", "ø", "Ф", "zurich", "030 12"]
        for l in leads.prefix(40) {
            needles += [String(l.profile.name.prefix(3)).uppercased(), String(l.profile.company.suffix(4)), l.id]
        }
        for n in needles {
            m.setFilter(n)
            let folded = Fold.string(n)
            let digits = String(decoding: Fold.digits(n).drop { $0 == 0x30 }, as: UTF8.self)
            let phoneish = n.allSatisfy { "0123456789+-()./ ".contains($0) } && digits.count >= 3
            let expected = shown.filter { id in
                let lead = m.entries[id]!.lead
                let phone = String(decoding: Fold.digits(lead.profile.phone), as: UTF8.self)
                return n.isEmpty || fields(lead).contains { Fold.string($0).contains(folded) }
                    || (phoneish && phone.contains(digits))
            }
            #expect(m.visible == expected, "filter \(n.debugDescription)")
        }
    }
}
