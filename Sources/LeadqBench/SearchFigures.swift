import Foundation
import LeadqApp
import LeadqConsole
import LeadqDomain
import LeadqFileStore
import LeadqTestSupport
import LeadqUI

/// The search over every lead: building the index, and a keystroke of a search typed in the
/// console once it is open (key → the frame with its results, through the console's loop).
extension ConsoleFigures {
    /// The index of every lead of the store (the console builds it on a background thread when first searched).
    func searchIndex(_ path: String) throws -> Double {
        let store = try FileStore.open(path)
        let ws = Workspace(store: store, actor: "bench", zone: .utc, clock: { now })
        let t = Monotonic.seconds()
        let index = try ws.searchIndex()
        let ms = Monotonic.ms(since: t)
        guard index.count == store.leadCount else { throw BenchError("the index holds \(index.count) leads") }
        return ms
    }

    /// `/`, Tab, then queries typed and erased a key at a time: names with and without accents, a
    /// company, a phone number as dialled, an L-id. Keys typed while the index is still being built
    /// aren't timed.
    func searchKeys(_ path: String, rep: String, samples: Int) throws -> Samples {
        let store = try FileStore.open(path)
        var queries: [Key] = []
        for q in ["zurich", "nguyen", "müller", "lumen", "030 1", "l-0042", "@example"] {
            queries += q.map { .char($0) } + Array(repeating: .backspace, count: q.count)
        }
        weak var appRef: ConsoleApp?
        var typed = 0
        var opened = false
        let term = ScriptedTerminal(size: size, pace: .backToBack) { _ in
            guard let app = appRef, typed < samples else { return nil }
            if !opened {
                opened = true
                return ScriptKey(.char("/"), nil)
            }
            switch app.state.mode {
            case .filter: return ScriptKey(.tab, nil)
            case .search(let editor) where editor.isEmpty: return ScriptKey(.char("z"), nil)
            // Until the index is ready, keep the loop turning with an untimed key that asks again.
            case .search where app.state.search?.indexing != false: return ScriptKey(.end, nil)
            default: break
            }
            defer { typed += 1 }
            return ScriptKey(queries[typed % queries.count], "search")
        }
        let app = try app(store, rep: rep, manager: false, terminal: term)
        appRef = app
        try run(app)
        return term.latencies["search"] ?? Samples()
    }
}
