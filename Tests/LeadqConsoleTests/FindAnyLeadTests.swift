import Foundation
import LeadqApp
import LeadqConsole
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import LeadqText
import LeadqUI
import Testing

/// Finding a lead anywhere in the store: the index, the references a command takes, and the
/// console's search over a real store.
@MainActor @Suite(.serialized) struct FindAnyLeadTests {
    let dir = TempDirectory("leadq-find")
    var path: String { dir.path + "/store" }
    static let leads = ConsoleFixture.demo.generate().1

    static func index() -> LeadIndex {
        var idx = LeadIndex()
        for l in leads { idx.update(l) }
        return idx
    }

    static func fields(_ l: Lead) -> [String] {
        let p = l.profile
        return [p.name, p.company, p.email, String(decoding: Fold.digits(p.phone), as: UTF8.self), l.id, p.originId]
            .map(Fold.string)
    }

    @Test(arguments: ["zurich", "ZÜRICH", "nguyen", "example", "l-0004", "Müller"])
    func theIndexFindsWhatAFoldedSearchFinds(_ query: String) {
        let found = FindAnyLeadTests.index().find(query, limit: 10_000)
        let needle = Fold.string(query)
        let expected = FindAnyLeadTests.leads.filter { l in FindAnyLeadTests.fields(l).contains { $0.contains(needle) }
        }
        #expect(found.total == expected.count, "\(query)")
        #expect(Set(found.ids) == Set(expected.map(\.id)), "\(query)")
        #expect(!expected.isEmpty, "\(query) finds nothing in the demo")
    }

    /// However few are asked for, the best come first: ranked as a plain reading of each lead's
    /// fields ranks it (a field equal to the query, then one starting with it or with a word of it,
    /// then the rest), by the first needle that finds it, in the order the leads came in.
    @Test func theBestComeFirstWhateverTheLimit() {
        let idx = FindAnyLeadTests.index()
        let leads = FindAnyLeadTests.leads
        let companies = Dictionary(grouping: leads.map { Fold.string($0.profile.company) }, by: { $0 })
        let common = companies.max { $0.value.count < $1.value.count }!.key
        func starts(_ f: [UInt8], _ n: [UInt8], at i: Int) -> Bool {
            f.count - i >= n.count && Array(f[i..<(i + n.count)]) == n
        }
        func rank(_ l: Lead, _ n: [UInt8]) -> Int? {
            let fields = FindAnyLeadTests.fields(l).map { Array($0.utf8) }
            guard fields.contains(where: { f in f.indices.contains { starts(f, n, at: $0) } }) else { return nil }
            if fields.contains(n) { return 0 }
            let atAWord = fields.contains { f in
                starts(f, n, at: 0) || f.indices.contains { f[$0] == 0x20 && starts(f, n, at: $0 + 1) }
            }
            return atAWord ? 1 : 2
        }
        // Letters found many times in a lead ("l", "e", "an"), in every lead ("l", "@"), and across a word's edge.
        for query in [common, "zurich", "example", "l-0004", "ana", "a", "030 1", "l", "@", "e", "an", "n s", "-"] {
            let needles = Fold.needles(query)
            var matches: [(rank: Int, at: Int)] = []
            for (i, l) in leads.enumerated() {
                if let r = needles.lazy.compactMap({ rank(l, $0) }).first { matches.append((r, i)) }
            }
            let best = matches.sorted { ($0.rank, $0.at) < ($1.rank, $1.at) }.map { leads[$0.at].id }
            // Two needles' results are capped needle by needle: exact only when all fit.
            for limit in needles.count > 1 ? [500] : [1, 2, 5, 40, 500] {
                let found = idx.find(query, limit: limit)
                #expect(found.ids == Array(best.prefix(limit)), "'\(query)', \(limit) asked for")
                #expect(found.total == matches.count, "'\(query)'")
            }
            #expect(matches.count > 2 && (needles.count == 1 || matches.count < 500), "'\(query)'")
        }
        #expect(companies[common]!.count > 5)
    }

    @Test func exactIdsAndPhoneNumbersComeFirst() {
        let idx = FindAnyLeadTests.index()
        let lead = FindAnyLeadTests.leads.first { !$0.profile.phone.isEmpty && !$0.profile.originId.isEmpty }!
        #expect(idx.find(lead.id.lowercased(), limit: 5).ids.first == lead.id)
        #expect(idx.find(lead.profile.originId, limit: 5).ids.first == lead.id)
        let digits = lead.profile.phone.filter(\.isNumber)
        // Typed with a trunk 0 and spaces, as reps dial.
        let typed = "0" + digits.dropFirst(2).prefix(3) + " " + digits.dropFirst(5)
        #expect(idx.find(String(typed), limit: 500).ids.contains(lead.id), "\(typed) for \(lead.profile.phone)")
    }

    @Test func aChangedLeadIsFoundByItsNewNameOnly() {
        var idx = FindAnyLeadTests.index()
        var lead = FindAnyLeadTests.leads[0]
        let old = lead.profile.name
        lead.profile.name = "Xavière Quixotic"
        idx.update(lead)
        #expect(idx.find("xaviere quix", limit: 5).ids == [lead.id])
        #expect(
            !idx.find(old, limit: 500).ids.contains(lead.id)
                || FindAnyLeadTests.fields(lead).contains { $0.contains(Fold.string(old)) })
        idx.remove(lead.id)
        #expect(idx.find("xaviere quix", limit: 5).ids.isEmpty)
        #expect(idx.count == FindAnyLeadTests.leads.count - 1)
    }

    func workspace() throws -> Workspace {
        if !FileManager.default.fileExists(atPath: path + "/settings.json") {
            let (settings, leads) = ConsoleFixture.demo.generate()
            try FileStore.create(at: path, settings: settings, leads: leads)
        }
        return Workspace(store: try FileStore.open(path), actor: "ana", zone: .utc, clock: { ConsoleFixture.now })
    }

    @Test func aCommandTakesAnIdTheCRMsIdOrAnEmail() throws {
        let ws = try workspace()
        let leads = FindAnyLeadTests.leads
        let lead = leads.first { l in
            !l.profile.originId.isEmpty && !l.profile.email.isEmpty
                && leads.filter { $0.profile.email.lowercased() == l.profile.email.lowercased() }.count == 1
        }!
        #expect(try ws.resolve(lead.id) == lead.id)
        #expect(try ws.resolve(lead.id.lowercased()) == lead.id)
        #expect(try ws.resolve(lead.profile.originId) == lead.id)
        #expect(try ws.resolve(lead.profile.originKey) == lead.id)
        #expect(try ws.resolve(lead.profile.email.uppercased()) == lead.id)
        #expect(throws: StoreError.unknownLead("nobody@nowhere.example")) {
            try ws.resolve("nobody@nowhere.example")
        }
        let found = try ws.find("zurich", limit: 3)
        #expect(found.leads.count == 3 && found.total >= 3)
    }

    /// The console's search runs on the session's index, built in the background, and finds leads
    /// outside the rep's queue, which open read-only.
    @Test func theConsoleSearchesEveryLeadOfTheStore() throws {
        _ = try workspace()
        let store = try FileStore.open(path)
        let screen = MemoryScreen(width: 120, height: 36)
        let state = ConsoleState(
            config: ConsoleFixture.config(), settings: store.settings, size: screen.size, now: ConsoleFixture.now,
            theme: "default")
        let app = ConsoleApp(
            state: state, terminal: screen, session: ConsoleSession(store: store, rep: "ana"),
            clock: { ConsoleFixture.now }, loadTheme: { _ in .builtinDefault })
        try app.start()
        let other = FindAnyLeadTests.leads.first { $0.owner != "ana" && $0.stage == .rejected }!
        for k: Key in [.char("/")] { app.dispatch(.key(k)) }
        for c in other.id { app.dispatch(.key(.char(c))) }
        app.dispatch(.key(.tab))
        let deadline = Date().addingTimeInterval(10)
        while app.state.search?.indexing != false || app.state.queue.visible.isEmpty, Date() < deadline {
            app.step()
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(app.state.queue.visible.first == other.id)
        app.dispatch(.key(.enter))
        app.dispatch(.key(.char("r")))
        #expect(app.state.mode == .normal)
        #expect(app.state.status?.text == "\(other.id) is rejected: read-only here")
    }

    /// A session that never searches never reads every lead: the index is built on the first search.
    @Test func theIndexWaitsForTheFirstSearch() throws {
        _ = try workspace()
        let store = try FileStore.open(path)
        let screen = MemoryScreen(width: 120, height: 36)
        let state = ConsoleState(
            config: ConsoleFixture.config(), settings: store.settings, size: screen.size, now: ConsoleFixture.now,
            theme: "default")
        let app = ConsoleApp(
            state: state, terminal: screen, session: ConsoleSession(store: store, rep: "ana"),
            clock: { ConsoleFixture.now }, loadTheme: { _ in .builtinDefault })
        try app.start()
        for k: Key in [.char("/"), .char("z"), .escape, .char("j")] { app.dispatch(.key(k)) }
        for _ in 0..<15 {
            app.step()
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(!app.session.searchReady)
        for k: Key in [.char("/"), .char("z"), .tab] { app.dispatch(.key(k)) }
        #expect(app.state.search?.indexing == true)
        let deadline = Date().addingTimeInterval(10)
        while !app.session.searchReady, Date() < deadline {
            app.step()
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(app.session.searchReady)
        #expect(app.state.search?.indexing == false)
    }
}
