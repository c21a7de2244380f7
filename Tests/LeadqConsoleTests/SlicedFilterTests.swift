import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqTestSupport
import LeadqText
import LeadqUI
import Testing

@testable import LeadqConsole

/// A manager's list too long to search at each keystroke is filtered a slice at a time: the first
/// screen at once, the rest between keys. Whatever is shown meanwhile is the start of what a whole
/// search shows, and once the pass ends it is all of it.
@Suite struct SlicedFilterTests {
    /// Leads "read" from lines that are their row numbers: only the rows drawn are asked for.
    final class MadeLines: LeadLines {
        let ids: [String]
        init(_ ids: [String]) { self.ids = ids }
        func lead(at offset: Int, length: Int) throws -> Lead {
            var p = Profile()
            p.name = "Lead \(offset)"
            return Lead(id: ids[offset], profile: p, history: [])
        }
    }

    static let size = 100_000
    static let list = table(size)

    /// `n` briefs of made-up leads, as a store's snapshot lists them: ids in order, every stage,
    /// 41 owners, names and companies from a few words so queries match many or few.
    static func table(_ n: Int) -> LeadTable {
        var state: UInt64 = 42
        func next(_ k: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(k))
        }
        let first = ["maria", "marco", "ana", "jon", "li", "sven", "amara", "tomas", "zoe", "ngozi"]
        let last = ["nguyen", "muller", "smith", "zurich", "okafor", "tanaka", "marsh", "quist"]
        let firms = ["lumen tech", "acme", "northwind", "contoso", "marmot labs", "fabrikam", "techno gmbh"]
        let reps = (0..<40).map { "rep\($0)" } + ["ana"]
        let stages: [Stage] = [.new, .assigned, .accepted, .accepted, .qualified, .rejected]
        var c = BriefColumns()
        var ids: [String] = []
        for i in 0..<n {
            let digits = String(i)
            let id = "L-" + String(repeating: "0", count: 7 - digits.count) + digits
            ids.append(id)
            let stage = stages[next(stages.count)]
            let deadline = next(4) == 0 ? nil : Instant(seconds: 1_700_000_000 + Int64(next(1_000_000)))
            c.appendFields(
                id: id, owner: stage == .new ? nil : reps[next(reps.count)], stage: stage, score: next(101),
                times: (
                    assigned: Instant(seconds: 1_690_000_000 + Int64(next(1_000_000))), deadline: deadline,
                    followUp: nil, idle: Instant(seconds: 1_690_000_000), poolLate: nil
                ), offset: i, length: 1)
            let name = first[next(first.count)] + " " + last[next(last.count)]
            let phone = "4930" + String(1_000_000 + next(9_000_000))
            let text =
                "\(name)\u{1}\(firms[next(firms.count)])\u{1}\(name.prefix(3))\(i)@example.com\u{1}web\u{1}"
                + "l-\(id.dropFirst(2))\u{1}\(phone)"
            Array(text.utf8).withUnsafeBufferPointer { c.appendSearch($0) }
        }
        return LeadTable(briefs: c, lines: MadeLines(ids), whole: [], settings: Settings())
    }

    static func model(_ order: QueueOrder = .deadline, scope: QueueScope = .queues) -> QueueModel {
        var m = QueueModel()
        m.setOrder(order)
        m.replaceAll(list, ranked: (order, list.columns.sorted(list.liveRows, by: order)))
        m.setScope(scope)
        return m
    }

    /// What the filter must show, found the slow and plain way: every row the scope holds, in the
    /// list's order, whose search text holds a needle.
    static func expected(_ m: QueueModel, _ query: String) -> (ids: [String], inScope: Int) {
        var all = m
        all.setFilter("")
        let needles = Fold.needles(query).filter { !$0.isEmpty }
        let c = m.table.columns
        let ids = all.visible.filter { id in
            let text = c.search(Int(m.table.row(of: id)!))
            return needles.isEmpty || needles.contains { holds(text, $0) }
        }
        return (Array(ids), all.inScope)
    }

    /// Whether `t` holds `n`, byte by byte at every place.
    static func holds(_ t: [UInt8], _ n: [UInt8]) -> Bool {
        guard n.count <= t.count else { return false }
        return t.withUnsafeBufferPointer { t in
            n.withUnsafeBufferPointer { n in
                (0...(t.count - n.count)).contains { i in
                    var j = 0
                    while j < n.count && t[i + j] == n[j] { j += 1 }
                    return j == n.count
                }
            }
        }
    }

    @Test func theFirstScreenComesFromAPartOfTheList() throws {
        var m = Self.model()
        m.typeFilter("ma", rows: 60)
        let pass = try #require(m.pass, "100,000 rows are filtered a slice at a time")
        #expect(pass.tested < pass.length / 10, "\(pass.tested) of \(pass.length) rows tested")
        #expect(m.visible.count == 60)
        #expect(Array(m.visible) == Array(Self.expected(m, "ma").ids.prefix(60)))
    }

    @Test func theSlicesFinishTheListAndTheCount() {
        var m = Self.model()
        m.typeFilter("tech", rows: 40)
        let want = Self.expected(m, "tech")
        var slices = 0
        while m.filtering {
            #expect(Array(m.visible) == Array(want.ids.prefix(m.visible.count)), "after \(slices) slices")
            m.continueFilter()
            slices += 1
        }
        #expect(slices > 1)
        #expect(m.visible == want.ids && m.inScope == want.inScope)
        #expect(want.ids.count > 100 && want.inScope > want.ids.count)
    }

    /// A key typed during a pass starts another; one that narrows the query tests only what the
    /// running pass found or hasn't tested yet.
    @Test func aKeystrokeDuringThePassStartsItAgain() throws {
        var m = Self.model()
        m.typeFilter("z", rows: 40)
        m.continueFilter()
        let first = try #require(m.pass)
        m.typeFilter("zu", rows: 40)
        let narrowed = try #require(m.pass)
        #expect(narrowed.query == Array("zu".utf8))
        #expect(narrowed.length == first.found.count + first.left, "what 'z' ruled out isn't tested again")
        #expect(narrowed.length < first.length)
        m.typeFilter("ma", rows: 40)
        let other = try #require(m.pass)
        #expect(other.query == Array("ma".utf8) && other.tested <= FilterPass.firstScreen)
        while m.filtering { m.continueFilter() }
        #expect(m.visible == Self.expected(m, "ma").ids)
    }

    /// Keys typed and erased with slices (and another process's change) in between, in three scopes
    /// and two orders: what is shown is always the start of the whole result, and all of it once
    /// the pass ends.
    @Test(arguments: [QueueOrder.deadline, .scoreAge])
    func typingWithSlicesBetweenShowsWhatAWholeSearchShows(order: QueueOrder) {
        var m = Self.model(order)
        var state: UInt64 = 5
        func next(_ k: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(k))
        }
        let typed = [
            "m", "ma", "mar", "mars", "mar", "ma", "m", "", "t", "te", "tec", "tech", "techn", "z", "zu", "030 1",
            "4930 12", "l-00012", "l-0001", "@ex", "quist", "qu", "q", "",
        ]
        let scopes: [QueueScope] = [.queues, .pool, .rep("ana")]
        for (step, text) in typed.enumerated() {
            if step % 7 == 3 { m.setScope(scopes[next(scopes.count)]) }
            if step == 10 {
                // Another process's change mid-pass: the list changes, the pass starts over.
                var p = Profile()
                p.name = "tech mara"
                m.upsert(
                    Lead(id: "L-0000007", profile: p, history: []), settings: Settings(), now: Instant(seconds: 0))
            }
            m.typeFilter(text, rows: 50)
            for _ in 0..<next(4) { m.continueFilter() }
            let want = Self.expected(m, text)
            #expect(Array(m.visible) == Array(want.ids.prefix(m.visible.count)), "'\(text)', step \(step)")
            if !m.filtering { #expect(m.visible == want.ids && m.inScope == want.inScope, "'\(text)'") }
            if step % 5 == 4 {
                m.finishFilter()
                #expect(m.visible == want.ids && m.inScope == want.inScope, "'\(text)' finished at once")
            }
        }
    }

    // MARK: - the console

    static func console(width: Int = 120, height: Int = 30) -> ConsoleState {
        let config = ConsoleConfig(
            rep: "mia", repName: "Mia Laurent", storeLabel: "made", utcOffset: 0, themeNames: ["default"],
            manager: true)
        var s = ConsoleState(
            config: config, settings: Settings(), size: Size(width: width, height: height), now: ConsoleFixture.now,
            theme: "default")
        s.queue.setOrder(.deadline)
        let sorted = list.columns.sorted(list.liveRows, by: .deadline)
        _ = Console.update(&s, .started(.table(list, order: .deadline, sorted: sorted), size: s.size, now: s.now))
        return s
    }

    /// Scrolling and jumping past the rows found so far land where they land on the whole result,
    /// which is drawn as it would be.
    @Test func movingPastWhatIsFoundShowsTheWholeResult() {
        var sliced = Self.console()
        ConsoleFixture.press(&sliced, .char("/"))
        ConsoleFixture.type(&sliced, "ma")
        ConsoleFixture.press(&sliced, .enter)
        #expect(sliced.queue.filtering)
        var whole = Self.console()
        whole.queue.setFilter("ma")
        Console.fixSelection(&whole, previousIndex: 0)
        #expect(sliced.selected == whole.selected && sliced.top == whole.top)
        let page = Console.pageSize(sliced)
        let keys: [Key] = [
            .pageDown, .pageDown, .pageDown, .char("j"), .char("j"), .pageUp, .pageDown, .pageDown, .char("k"),
            .char("G"), .char("k"), .char("g"), .pageDown,
        ]
        for (i, key) in keys.enumerated() {
            ConsoleFixture.press(&sliced, key)
            ConsoleFixture.press(&whole, key)
            let shown = { (s: ConsoleState) in Array(s.queue.visible.dropFirst(s.top).prefix(page)) }
            #expect(sliced.selected == whole.selected && sliced.top == whole.top, "key \(i): \(key)")
            #expect(shown(sliced) == shown(whole) && shown(whole).count == page, "key \(i): \(key)")
            if key == .char("G") { #expect(!sliced.queue.filtering) }
        }
    }

    /// A lead selected deep in the list stays selected when the filter still shows it, found at
    /// once though the pass hasn't reached it.
    @Test func theSelectedLeadStaysSelected() throws {
        var s = Self.console()
        for _ in 0..<40 { ConsoleFixture.press(&s, .pageDown) }
        let id = try #require(s.selected)
        let text = s.queue.table.columns.search(Int(s.queue.table.row(of: id)!))
        let name = String(decoding: text.prefix { $0 != 1 }, as: UTF8.self)
        ConsoleFixture.press(&s, .char("/"))
        ConsoleFixture.type(&s, name)
        #expect(s.selected == id && s.queue.filtering)
        let want = Self.expected(s.queue, name).ids
        let at = try #require(want.firstIndex(of: id))
        #expect(s.cursor == at && s.top <= at && at < s.top + Console.pageSize(s))
    }

    @MainActor @Test func theHeaderCountsOnceThePassEnds() {
        var s = Self.console()
        ConsoleFixture.press(&s, .char("/"))
        ConsoleFixture.type(&s, "zurich")
        #expect(s.queue.filtering && s.selected == s.queue.visible.first)
        #expect(ConsoleFixture.screen(s).snapshot().contains("filter: zurich (counting…)"))
        while s.queue.filtering { _ = Console.update(&s, .filterSlice) }
        let want = Self.expected(s.queue, "zurich")
        #expect(ConsoleFixture.screen(s).snapshot().contains("filter: zurich (\(want.ids.count) of \(want.inScope))"))
        #expect(s.selected == want.ids.first)
    }

    /// Between keys the runtime runs the pass on until it ends, and draws the count.
    @MainActor @Test func theRuntimeFinishesThePassBetweenKeys() throws {
        let dir = TempDirectory("leadq-sliced")
        let (settings, leads) = ConsoleFixture.demo.generate()
        try FileStore.create(at: dir.path + "/store", settings: settings, leads: leads)
        var s = Self.console()
        ConsoleFixture.press(&s, .char("/"))
        ConsoleFixture.type(&s, "tech")
        #expect(s.queue.filtering)
        let screen = MemoryScreen(width: s.size.width, height: s.size.height)
        let app = ConsoleApp(
            state: s, terminal: screen,
            session: ConsoleSession(store: try FileStore.open(dir.path + "/store"), rep: "mia", manager: true),
            clock: { ConsoleFixture.now }, loadTheme: { _ in .builtinDefault })
        var turns = 0
        while app.state.queue.filtering && turns < 1_000 {
            try app.turn()
            turns += 1
        }
        #expect(!app.state.queue.filtering && turns > 1)
        let want = Self.expected(app.state.queue, "tech")
        #expect(screen.snapshot().contains("filter: tech (\(want.ids.count) of \(want.inScope))"))
    }
}
