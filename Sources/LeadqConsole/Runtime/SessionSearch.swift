import LeadqApp
import LeadqDomain
import LeadqStore

/// What the stats page asks for: the period's report and today's line.
public struct StatsAnswer: Sendable {
    public var report: Report
    public var today: DayFigures
}

/// The console's search over every lead: the index is built on a background thread when the first
/// search asks for it (a fraction of a second at 100k leads, never on the keyboard's time; a
/// session that never searches doesn't hold it), kept up to date with every change the session
/// sees from then on, and asked on the main thread (a few milliseconds).
@MainActor
final class SessionSearch {
    private var index: LeadIndex?
    private let job = BackgroundJob<LeadIndex>()
    /// Changes seen while the index was being built, applied once it is.
    private var pending: [Lead] = []
    private var pendingRemovals: [String] = []
    /// The query asked while indexing, answered once the index is ready.
    private var waiting: String?
    private var store: (any LeadStore)?
    /// Whether the index is being built or is built.
    private var started: Bool { store != nil }
    var ready: Bool { index != nil }
    /// The best this many results are shown; the count says how many match in all.
    static let limit = 500

    /// Starts building the index, once.
    func start(_ ws: Workspace) {
        guard !started else { return }
        store = ws.store
        let reopen = ws.store.reopen
        let actor = ws.actor
        job.start {
            try Workspace(store: try reopen.open(), actor: actor, zone: .utc, clock: { Instant(seconds: 0) })
                .searchIndex()
        }
    }

    func changed(_ leads: [Lead], removals: [String]) {
        guard var idx = index else {
            // Not asked for yet: the index, once it is, reads the store as it is then.
            guard started else { return }
            pending += leads
            pendingRemovals += removals
            return
        }
        index = nil
        for lead in leads { idx.update(lead) }
        for id in removals { idx.remove(id) }
        index = idx
    }

    func find(_ query: String) -> SearchResult {
        guard let idx = index, let store else {
            waiting = query
            return SearchResult(query: query, leads: [], total: 0, indexing: true)
        }
        let found = idx.find(query, limit: SessionSearch.limit)
        let leads = found.ids.compactMap { try? store.lead($0) ?? nil }
        return SearchResult(query: query, leads: leads, total: found.total)
    }

    /// Takes the built index once it is ready; the answer to a query asked meanwhile, if any.
    func poll() -> SearchResult? {
        guard index == nil, let result = job.take() else { return nil }
        switch result {
        case .done(var idx):
            for lead in pending { idx.update(lead) }
            for id in pendingRemovals { idx.remove(id) }
            pending = []
            pendingRemovals = []
            index = idx
            guard let q = waiting else { return nil }
            waiting = nil
            return find(q)
        case .failed:
            // Searching falls back to nothing found rather than ending the session.
            index = LeadIndex()
            return waiting.map { SearchResult(query: $0, leads: [], total: 0) }
        }
    }
}

extension ConsoleSession {
    /// Starts indexing every lead for the all-leads search (the first search does, if nothing did).
    public func startIndex() { finder.start(workspace) }

    /// Searches every lead of the store; until the index is built, the answer says it is indexing.
    public func search(_ query: String) -> SearchResult {
        finder.start(workspace)
        return finder.find(query)
    }

    /// The answer to a search asked before the index was ready, once it is.
    public func takeIndexReady() -> SearchResult? { finder.poll() }

    /// Whether the index is built (after `takeIndexReady` has picked it up).
    public var searchReady: Bool { finder.ready }
}
